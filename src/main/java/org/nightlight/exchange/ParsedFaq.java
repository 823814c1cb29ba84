package org.nightlight.exchange;

import java.util.List;

/**
 * The result of {@link FaqParser#parse(byte[])}.
 *
 * @param title     the text of a leading {@code # } line, or {@code null} when there is none
 * @param questions the questions in file order
 * @param dropped   scraper junk lines that were removed, so the operator can check them
 */
public record ParsedFaq(String title, List<ParsedQuestion> questions, List<DroppedLine> dropped) {

    public ParsedFaq {
        questions = List.copyOf(questions);
        dropped = List.copyOf(dropped);
    }
}
