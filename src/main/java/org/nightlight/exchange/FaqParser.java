package org.nightlight.exchange;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses scraped plain-text FAQ pages: one-line paragraphs ending in a question
 * mark are questions, the paragraphs after them are the answer. Answers are
 * returned as CommonMark.
 */
public final class FaqParser {

    // Advert lines the scraper copies from the page; they end in '?' and would
    // otherwise be taken for questions.
    private static final List<String> JUNK_PREFIXES = List.of(
            "IT IS INTERESTING:", "READ ALSO:", "SEE ALSO:", "YOU MAY ALSO LIKE:", "RELATED:");

    private static final String QUESTION_MARKS = "?\u061F\uFF1F"; // ASCII, Arabic, fullwidth

    // Lines are already trimmed when these run; \s* is kept to match the documented rule.
    private static final Pattern ORDERED_ITEM = Pattern.compile("^\\s*(\\d+)[.)]\\s+(.*)");
    private static final Pattern BULLET_ITEM = Pattern.compile("^\\s*[-*\u2022]\\s+(.*)");
    private static final Pattern ORDERED_MARKER = Pattern.compile("^(\\d+)(?=[.)](\\s|$))");
    // \h also covers the no-break spaces scraped pages are full of.
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("\\h+");

    // Characters that can open a heading, quote, list or thematic break in CommonMark.
    private static final String BLOCK_START_CHARS = "#>=-+*_";

    private static final int QUOTE_LIMIT = 60;

    private FaqParser() {
    }

    public static ParsedFaq parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] rawLines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);

        // Junk goes first, keeping the original line numbers of everything else.
        List<Line> lines = new ArrayList<>();
        List<DroppedLine> dropped = new ArrayList<>();
        for (int i = 0; i < rawLines.length; i++) {
            String clean = clean(rawLines[i]);
            if (isJunk(clean)) {
                dropped.add(new DroppedLine(i + 1, clean));
            } else {
                lines.add(new Line(i + 1, clean));
            }
        }

        int firstText = indexOfFirstNonBlank(lines);
        if (firstText < 0) {
            throw new FaqFormatException(dropped.isEmpty()
                    ? "The file is empty."
                    : "The file is empty. Its only text is scraper junk, such as line %d: \"%s\"."
                            .formatted(dropped.get(0).line(), shorten(dropped.get(0).text())));
        }

        String title = null;
        if (lines.get(firstText).text().startsWith("# ")) {
            title = lines.remove(firstText).text().substring(2).strip();
        }

        List<List<Line>> paragraphs = paragraphs(lines);
        int first = 0;
        while (first < paragraphs.size() && !isQuestion(paragraphs.get(first))) {
            first++;
        }
        if (first == paragraphs.size()) {
            throw new FaqFormatException("No questions found: a question is a line of its own ending in '?'.");
        }
        if (first > 0) {
            Line stray = paragraphs.get(0).get(0);
            throw new FaqFormatException(
                    "Line %d comes before the first question: \"%s\". Only a '# title' line may come before it."
                            .formatted(stray.number(), shorten(stray.text())));
        }

        List<ParsedQuestion> questions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int i = 0;
        while (i < paragraphs.size()) {
            Line question = paragraphs.get(i).get(0);
            Integer earlier = seen.putIfAbsent(question.text().toLowerCase(Locale.ROOT), question.number());
            if (earlier != null) {
                throw new FaqFormatException("The question on line %d repeats the question on line %d."
                        .formatted(question.number(), earlier));
            }
            int next = i + 1;
            while (next < paragraphs.size() && !isQuestion(paragraphs.get(next))) {
                next++;
            }
            if (next == i + 1) {
                throw new FaqFormatException("The question on line %d has no answer: \"%s\"."
                        .formatted(question.number(), shorten(question.text())));
            }
            List<String> answer = new ArrayList<>();
            for (List<Line> paragraph : paragraphs.subList(i + 1, next)) {
                answer.add(toMarkdown(paragraph));
            }
            questions.add(new ParsedQuestion(question.number(), question.text(), String.join("\n\n", answer)));
            i = next;
        }
        return new ParsedFaq(title, questions, dropped);
    }

    /** A kept line: its 1-based number and its cleaned text ("" when blank). */
    private record Line(int number, String text) {
    }

    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never yields more chars than bytes
        // The low-level call leaves the buffer at the bad bytes, so the operator gets an offset.
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new FaqFormatException(
                    "The file is not UTF-8 text (invalid bytes at byte offset %d).".formatted(in.position()));
        }
        return out.flip().toString();
    }

    private static String clean(String line) {
        return HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip();
    }

    private static boolean isJunk(String text) {
        return JUNK_PREFIXES.stream().anyMatch(prefix -> text.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    private static int indexOfFirstNonBlank(List<Line> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).text().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<Line>> paragraphs(List<Line> lines) {
        List<List<Line>> paragraphs = new ArrayList<>();
        List<Line> current = new ArrayList<>();
        for (Line line : lines) {
            if (!line.text().isEmpty()) {
                current.add(line);
            } else if (!current.isEmpty()) {
                paragraphs.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    private static boolean isQuestion(List<Line> paragraph) {
        if (paragraph.size() != 1) {
            return false;
        }
        String text = paragraph.get(0).text();
        return QUESTION_MARKS.indexOf(text.charAt(text.length() - 1)) >= 0;
    }

    /**
     * One scraped paragraph as CommonMark: leading prose joined into one line
     * (the scraper wraps arbitrarily), then list items one per line after a blank
     * line so the list is not swallowed by the prose paragraph.
     */
    private static String toMarkdown(List<Line> paragraph) {
        StringBuilder prose = new StringBuilder();
        List<String> items = new ArrayList<>();
        for (Line line : paragraph) {
            String item = listItem(line.text());
            if (item != null) {
                items.add(item);
            } else if (!items.isEmpty()) {
                // A plain line after an item is its wrapped tail, as CommonMark would read it too.
                int last = items.size() - 1;
                items.set(last, items.get(last) + " " + line.text());
            } else {
                if (prose.length() > 0) {
                    prose.append(' ');
                }
                prose.append(line.text());
            }
        }
        List<String> blocks = new ArrayList<>();
        if (prose.length() > 0) {
            blocks.add(escapeBlockStart(prose.toString()));
        }
        if (!items.isEmpty()) {
            blocks.add(String.join("\n", items));
        }
        return String.join("\n\n", blocks);
    }

    /** The line as a CommonMark list item, or null when it is not one. */
    private static String listItem(String text) {
        Matcher ordered = ORDERED_ITEM.matcher(text);
        if (ordered.matches()) {
            return ordered.group(1) + ". " + escapeBlockStart(ordered.group(2));
        }
        Matcher bullet = BULLET_ITEM.matcher(text);
        if (bullet.matches()) {
            return "- " + escapeBlockStart(bullet.group(1));
        }
        return null;
    }

    /** Backslash-escapes a start that CommonMark would read as markup rather than text. */
    private static String escapeBlockStart(String text) {
        if (text.isEmpty()) {
            return text;
        }
        if (BLOCK_START_CHARS.indexOf(text.charAt(0)) >= 0) {
            return "\\" + text;
        }
        Matcher marker = ORDERED_MARKER.matcher(text); // "1." alone would be an empty list item
        if (marker.find()) {
            return marker.group(1) + "\\" + text.substring(marker.end());
        }
        return text;
    }

    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= QUOTE_LIMIT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT - 3)).stripTrailing() + "...";
    }
}
