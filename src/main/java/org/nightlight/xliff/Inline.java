package org.nightlight.xliff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Cuts one unit's Markdown into {@link Piece}s by CommonMark's source spans: emphasis, strong emphasis and links
 * become paired codes, inline code, images and inline HTML standalone codes, all required (a dropped link or
 * emphasis changes what a parent reads); line breaks optional codes; numbers, doses, web addresses and
 * do-not-translate terms protected spans. Every byte of the unit lands in exactly one piece, so joining the pieces'
 * Markdown gives the unit back.
 */
final class Inline {

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    /**
     * Numbers with what makes them a dose or a measure ("38 °C", "2.5 ml", "10%"), and web addresses (without
     * the sentence's full stop): a translator keeps these as they are (the words around them, "3 months", are
     * translated).
     */
    private static final Pattern PROTECTED = Pattern.compile(
            "https?://[^\\s)>\\]]*[^\\s)>\\].,;:!?]|\\d+(?:[.,]\\d+)*(?:\\s?(?:°C|ºC|°F|mg/kg|mg|mcg|µg|ml|mL|kg|g|%))?(?![\\p{L}\\d])");

    private final String text;
    private final List<String> doNotTranslate;
    private final List<Piece> pieces = new ArrayList<>();
    private int codes;
    private int marks;

    private Inline(String text, List<String> doNotTranslate) {
        this.text = text;
        this.doNotTranslate = doNotTranslate;
    }

    /** A heading's, paragraph's or list item's Markdown as pieces. */
    static List<Piece> ofMarkdown(String markdown, List<String> doNotTranslate) {
        Inline inline = new Inline(markdown, doNotTranslate);
        Node block = PARSER.parse(markdown).getFirstChild();
        int end = block == null ? 0 : inline.children(block, 0);
        inline.gap(end, markdown.length());
        return List.copyOf(inline.pieces);
    }

    /** A title: plain text, where a {@code *} is a star, not emphasis. */
    static List<Piece> ofPlainText(String title, List<String> doNotTranslate) {
        Inline inline = new Inline(title, doNotTranslate);
        inline.words(title);
        return List.copyOf(inline.pieces);
    }

    /** Walks the children of {@code parent} from {@code at}; returns where the last one ended. */
    private int children(Node parent, int at) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node.getSourceSpans().isEmpty()) {
                continue; // line breaks have no span: the gap before the next node carries them
            }
            int start = start(node);
            int end = end(node);
            gap(at, start);
            if (node instanceof Text) {
                words(text.substring(start, end));
            } else if ((node instanceof Emphasis || node instanceof StrongEmphasis || node instanceof Link)
                    && node.getFirstChild() != null && !node.getFirstChild().getSourceSpans().isEmpty()) {
                String id = "c" + ++codes;
                int innerStart = start(node.getFirstChild());
                Node last = node.getLastChild();
                while (last.getSourceSpans().isEmpty()) {
                    last = last.getPrevious();
                }
                int innerEnd = end(last);
                pieces.add(new Piece.Open(id, text.substring(start, innerStart), text.substring(innerEnd, end), true));
                gap(children(node, innerStart), innerEnd);
                pieces.add(new Piece.Close(id, text.substring(innerEnd, end)));
            } else {
                boolean required = node instanceof Code || node instanceof Image || node instanceof HtmlInline
                        || node instanceof Link;
                pieces.add(new Piece.Standalone("c" + ++codes, text.substring(start, end), required));
            }
            at = end;
        }
        return at;
    }

    /** What no node covers (a line break and the next line's indent) is an optional code. */
    private void gap(int from, int to) {
        if (to > from) {
            pieces.add(new Piece.Standalone("c" + ++codes, text.substring(from, to), false));
        }
    }

    /** Words, with their protected spans cut out. */
    private void words(String words) {
        Matcher m = protectedSpans(words);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                pieces.add(new Piece.Text(words.substring(at, m.start())));
            }
            pieces.add(new Piece.Protected("m" + ++marks, m.group()));
            at = m.end();
        }
        if (at < words.length()) {
            pieces.add(new Piece.Text(words.substring(at)));
        }
    }

    private Matcher protectedSpans(String words) {
        if (doNotTranslate.isEmpty()) {
            return PROTECTED.matcher(words);
        }
        StringBuilder terms = new StringBuilder();
        doNotTranslate.stream().filter(t -> !t.isBlank())
                .sorted((a, b) -> b.length() - a.length()) // the longest term wins
                .forEach(t -> terms.append("(?<![\\p{L}\\d])").append(Pattern.quote(t)).append("(?![\\p{L}\\d])|"));
        return Pattern.compile(terms + PROTECTED.pattern()).matcher(words);
    }

    private static int start(Node node) {
        return node.getSourceSpans().get(0).getInputIndex();
    }

    private static int end(Node node) {
        SourceSpan last = node.getSourceSpans().get(node.getSourceSpans().size() - 1);
        return last.getInputIndex() + last.getLength();
    }
}
