package org.nightlight.checks;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;

/** One side of a comparison: a title and a CommonMark body in one language, the body cut into its units. */
record Side(String language, String title, String body, List<Unit> units, List<Unit> translatable) {

    static final Parser PARSER = Parser.builder().build();
    private static final Pattern BARE_URL = Pattern.compile("(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);

    static Side of(String title, String body, String languageTag) {
        Units.Split split = Units.of(body);
        return new Side(primary(languageTag), title == null ? "" : title, body == null ? "" : body, split.units(),
                split.translatable());
    }

    /** "pt-BR" → "pt": the word lists and number conventions used are those of the language. */
    static String primary(String languageTag) {
        return Locale.forLanguageTag(languageTag == null ? "" : languageTag).getLanguage();
    }

    /** What a reader sees of some Markdown: its words, without marks, link targets or web addresses. */
    static String visible(String markdown) {
        StringBuilder out = new StringBuilder();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                out.append(' ');
            }
        });
        return BARE_URL.matcher(out).replaceAll(" ");
    }

    /** The whole text as a reader sees it: title and every translatable unit. */
    String visibleText() {
        StringBuilder out = new StringBuilder(visible(title));
        translatable.forEach(u -> out.append('\n').append(visible(u.content())));
        return out.toString();
    }

    static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }
}
