package org.nightlight.units;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A revision's Markdown cut into translation units: each heading, paragraph and list-item paragraph is one unit
 * (code blocks are units not to translate). The revision stays one text; units are derived from it, and
 * {@link Split#join} puts a text back together from the units' (translated) contents with every byte between them
 * (list markers, heading marks, blank lines) as it was, so the Markdown structure cannot be lost on the way.
 */
public final class Units {

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private Units() {
    }

    /** Cuts a text into units. Line endings are made {@code \n} first. */
    public static Split of(String markdown) {
        String text = markdown == null ? "" : markdown.replace("\r\n", "\n").replace('\r', '\n');
        int[] lineStarts = lineStarts(text);
        List<int[]> ranges = new ArrayList<>();
        List<Unit.Kind> kinds = new ArrayList<>();
        PARSER.parse(text).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                add(heading, Unit.Kind.HEADING);
            }

            @Override
            public void visit(Paragraph paragraph) {
                add(paragraph, paragraph.getParent() instanceof org.commonmark.node.ListItem
                        ? Unit.Kind.LIST_ITEM : Unit.Kind.PARAGRAPH);
            }

            @Override
            public void visit(FencedCodeBlock code) {
                add(code, Unit.Kind.CODE);
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                add(code, Unit.Kind.CODE);
            }

            private void add(Block block, Unit.Kind kind) {
                // a heading's or paragraph's content runs from its first inline to its last, without the marks
                Node first = kind == Unit.Kind.CODE ? block : block.getFirstChild();
                Node last = kind == Unit.Kind.CODE ? block : block.getLastChild();
                if (first == null || first.getSourceSpans().isEmpty() || last.getSourceSpans().isEmpty()) {
                    return;
                }
                SourceSpan start = first.getSourceSpans().get(0);
                SourceSpan end = last.getSourceSpans().get(last.getSourceSpans().size() - 1);
                ranges.add(new int[] {offset(lineStarts, start.getLineIndex(), start.getColumnIndex()),
                        offset(lineStarts, end.getLineIndex(), end.getColumnIndex()) + end.getLength()});
                kinds.add(kind);
            }
        });
        List<Unit> units = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int at = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            gaps.add(text.substring(at, range[0]));
            String content = text.substring(range[0], range[1]);
            String id = idOf(kinds.get(i), content, seen);
            units.add(new Unit(id, kinds.get(i), content, i));
            at = range[1];
        }
        gaps.add(text.substring(at));
        return new Split(List.copyOf(units), List.copyOf(gaps));
    }

    /** The units of a text, with what lies before, between and after them. */
    public record Split(List<Unit> units, List<String> gaps) {

        /** The units that a translator translates (code is kept as it is). */
        public List<Unit> translatable() {
            return units.stream().filter(Unit::translatable).toList();
        }

        /** The text again, each unit's content given by {@code content} (the unit's own content keeps it). */
        public String join(Function<Unit, String> content) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < units.size(); i++) {
                out.append(gaps.get(i));
                String replaced = content.apply(units.get(i));
                out.append(replaced == null ? units.get(i).content() : replaced);
            }
            return out.append(gaps.get(units.size())).toString();
        }
    }

    /**
     * Ids come from the unit's kind and text, never its position, so an unchanged paragraph keeps its id when
     * others are added or removed; a repeated identical unit gets a numbered id.
     */
    private static String idOf(Unit.Kind kind, String content, Map<String, Integer> seen) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind.name() + "\n" + content.strip()).getBytes(StandardCharsets.UTF_8));
            String id = "u" + HexFormat.of().formatHex(hash, 0, 6);
            int n = seen.merge(id, 1, Integer::sum);
            return n == 1 ? id : id + "-" + n;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int offset(int[] lineStarts, int line, int column) {
        return lineStarts[line] + column;
    }
}
