package org.nightlight.checks;

/**
 * Where a finding is: the title, the whole text, or one unit counted within its kind ("list item 2"), as the
 * {@code admin.checks.place} message selects it.
 */
public record Place(String kind, int number) {

    public static final Place TITLE = new Place("TITLE", 0);
    public static final Place TEXT = new Place("TEXT", 0);
}
