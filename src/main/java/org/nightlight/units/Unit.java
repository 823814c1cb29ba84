package org.nightlight.units;

/**
 * One translation unit of a text: a heading, a paragraph or a list item's paragraph, as Markdown with its inline
 * markup (emphasis, links) but without the block's marks ({@code ## }, {@code - }, {@code 1. }).
 * {@code index} is its place in the text, for aligning; {@code id} is stable while its text is unchanged.
 */
public record Unit(String id, Kind kind, String content, int index) {

    public enum Kind {
        HEADING, PARAGRAPH, LIST_ITEM, CODE
    }

    public boolean translatable() {
        return kind != Kind.CODE;
    }
}
