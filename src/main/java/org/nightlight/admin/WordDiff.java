package org.nightlight.admin;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts as safe HTML: removed words in {@code <del>}, added words in {@code <ins>},
 * everything else escaped. Where a word was changed rather than replaced (most of it kept), the characters that
 * differ are also in {@code <mark>} inside both, so a one-letter change is visible, not only a struck word. The diff library marks changes with private-use characters (stripped from the
 * input first), the whole line is then HTML-escaped, and only then are the marks turned into tags, so no
 * character a writer typed can ever become markup.
 */
final class WordDiff {

    private static final char DEL_OPEN = '\uE000';
    private static final char DEL_CLOSE = '\uE001';
    private static final char INS_OPEN = '\uE002';
    private static final char INS_CLOSE = '\uE003';
    private static final char CHAR_OPEN = '\uE004';
    private static final char CHAR_CLOSE = '\uE005';
    private static final Pattern MARKS = Pattern.compile("[\uE000-\uE005]");
    /** A removed piece followed at once by its replacement. */
    private static final Pattern REPLACED = Pattern.compile("\uE000([^\uE000-\uE005]*)\uE001\uE002([^\uE000-\uE005]*)\uE003");

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
                default -> characters(row.getOldLine());
            };
            html.append(tags(escape(line)));
        }
        return html.toString();
    }

    /** Each replaced piece that kept most of its characters gets the changed ones marked on both sides. */
    private static String characters(String line) {
        Matcher m = REPLACED.matcher(line);
        StringBuilder out = new StringBuilder(line.length() + 16);
        while (m.find()) {
            int[] before = m.group(1).codePoints().toArray();
            int[] after = m.group(2).codePoints().toArray();
            Patch<Integer> patch = DiffUtils.diff(boxed(before), boxed(after));
            boolean[] removed = new boolean[before.length];
            boolean[] added = new boolean[after.length];
            int changed = 0;
            for (AbstractDelta<Integer> delta : patch.getDeltas()) {
                for (int i = 0; i < delta.getSource().size(); i++) {
                    removed[delta.getSource().getPosition() + i] = true;
                    changed++;
                }
                for (int i = 0; i < delta.getTarget().size(); i++) {
                    added[delta.getTarget().getPosition() + i] = true;
                }
            }
            String replacement = m.group();
            // a word swapped for another ("well" to "badly") stays whole; a word changed inside gets its letters
            if ((before.length - changed) * 2 >= Math.max(before.length, after.length)) {
                replacement = DEL_OPEN + marked(before, removed) + DEL_CLOSE + INS_OPEN + marked(after, added)
                        + INS_CLOSE;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Integer> boxed(int[] codePoints) {
        return java.util.Arrays.stream(codePoints).boxed().toList();
    }

    private static String marked(int[] codePoints, boolean[] changed) {
        StringBuilder out = new StringBuilder(codePoints.length + 8);
        for (int i = 0; i < codePoints.length; i++) {
            if (changed[i] && (i == 0 || !changed[i - 1])) {
                out.append(CHAR_OPEN);
            }
            out.appendCodePoint(codePoints[i]);
            if (changed[i] && (i == codePoints.length - 1 || !changed[i + 1])) {
                out.append(CHAR_CLOSE);
            }
        }
        return out.toString();
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
                case CHAR_OPEN -> out.append("<mark>");
                case CHAR_CLOSE -> out.append("</mark>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
