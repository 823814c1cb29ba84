package org.nightlight.exchange;

import java.util.Objects;

/**
 * A scraper junk line ("IT IS INTERESTING: ...") that the parser removed.
 *
 * @param line 1-based line number in the file
 * @param text the line with its spaces collapsed and trimmed
 */
public record DroppedLine(int line, String text) {

    public DroppedLine {
        Objects.requireNonNull(text, "text");
    }
}
