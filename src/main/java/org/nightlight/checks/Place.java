package org.nightlight.checks;

/**
 * Where a finding is: the title, the whole text, or one unit counted within its kind ("list item 2"), named by
 * the message {@link #messageKey()} with the number.
 */
public record Place(String kind, int number) {

    public String messageKey() {
        return "admin.checks.place." + kind;
    }

    public static final Place TITLE = new Place("TITLE", 0);
    public static final Place TEXT = new Place("TEXT", 0);
}
