package org.nightlight.admin;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts as safe HTML: removed words in {@code <del>}, added words in {@code <ins>},
 * everything else escaped. The diff library marks changes with private-use characters (stripped from the
 * input first), the whole line is then HTML-escaped, and only then are the marks turned into tags, so no
 * character a writer typed can ever become markup.
 */
final class WordDiff {

    private static final char DEL_OPEN = '\uE000';
    private static final char DEL_CLOSE = '\uE001';
    private static final char INS_OPEN = '\uE002';
    private static final char INS_CLOSE = '\uE003';
    private static final Pattern MARKS = Pattern.compile("[\uE000-\uE003]");

    private static final DiffRowGenerator GENERATOR = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(true)
            .lineNormalizer(line -> MARKS.matcher(line).replaceAll(""))
            .oldTag(open -> String.valueOf(open ? DEL_OPEN : DEL_CLOSE))
            .newTag(open -> String.valueOf(open ? INS_OPEN : INS_CLOSE))
            .build();

    private WordDiff() {
    }

    /** The diff of {@code before} and {@code after}, one output line per line, as HTML safe to insert. */
    static String html(String before, String after) {
        List<DiffRow> rows = GENERATOR.generateDiffRows(lines(before), lines(after));
        StringBuilder html = new StringBuilder();
        for (DiffRow row : rows) {
            if (!html.isEmpty()) {
                html.append('\n');
            }
            String line = switch (row.getTag()) {
                // whole lines added or removed: the merged line holds the old side only, so mark it here
                case INSERT -> marked(INS_OPEN, strip(row.getNewLine()), INS_CLOSE);
                case DELETE -> marked(DEL_OPEN, strip(row.getOldLine()), DEL_CLOSE);
                default -> row.getOldLine();
            };
            html.append(tags(escape(line)));
        }
        return html.toString();
    }

    private static List<String> lines(String text) {
        return List.of(normalize(text).split("\n", -1));
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A whole added or removed line in its mark; an empty line stays empty rather than an empty mark. */
    private static String marked(char open, String line, char close) {
        return line.isEmpty() ? "" : open + line + close;
    }

    private static String strip(String line) {
        return MARKS.matcher(line == null ? "" : line).replaceAll("");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String tags(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length() + 32);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            switch (c) {
                case DEL_OPEN -> out.append("<del>");
                case DEL_CLOSE -> out.append("</del>");
                case INS_OPEN -> out.append("<ins>");
                case INS_CLOSE -> out.append("</ins>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
