package org.nightlight.admin;

import jakarta.ws.rs.core.MultivaluedMap;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.workflow.Drafts;

/**
 * The editor form as typed: title, optional slug, CommonMark body, sources, change note, and the revision
 * number it was based on. Never an entity; {@link #text()} turns it into what a revision stores.
 */
public record TextForm(String title, String slug, String body, String sources, String note, int basedOn) {

    static final TextForm EMPTY = new TextForm("", "", "", "", "", 0);

    static TextForm from(MultivaluedMap<String, String> form) {
        return new TextForm(value(form, "title"), value(form, "slug"), value(form, "body"), value(form, "sources"),
                value(form, "note"), number(form.getFirst("basedOn")));
    }

    static TextForm of(RevisionText text, int basedOn) {
        return new TextForm(text.title(), text.slug(), text.body(), text.sources(), "", basedOn);
    }

    /** The person's own draft, as they left it. */
    static TextForm of(Drafts.Draft draft) {
        return new TextForm(draft.title(), draft.slug(), draft.body(), draft.sources(), draft.note(),
                draft.basedOn());
    }

    /** As typed, to keep until the revision is saved (the time is the store's). */
    Drafts.Draft draft() {
        return new Drafts.Draft(title, slug, body, sources, note, basedOn, null);
    }

    /** The revision text: stripped, line ends as \n, the slug derived from the title when left empty. */
    public RevisionText text() {
        String t = title.strip();
        String s = slug.strip();
        return new RevisionText(t, s.isEmpty() ? Slugs.slugify(t) : s, body.strip(), sources.strip());
    }

    TextForm basedOn(int number) {
        return new TextForm(title, slug, body, sources, note, number);
    }

    /** As typed, with line ends as \n and control characters other than tab and line end dropped: they mean
     * nothing in a text, and PostgreSQL cannot store a NUL. */
    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
