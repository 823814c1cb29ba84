package org.nightlight.exchange;

import java.util.Objects;

/**
 * One question and its answer.
 *
 * @param line     1-based line number of the question in the file
 * @param question the question text, spaces collapsed
 * @param answer   the answer as CommonMark
 */
public record ParsedQuestion(int line, String question, String answer) {

    public ParsedQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }
}
