package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;

/** Accessor chains are called directly; every other expression, and every doubtful case, is OGNL's. */
class AccessorChainsTest {

    public record Text(String title, String slug) {
        public String shout() {
            return title.toUpperCase(Locale.ROOT);
        }

        public String broken() {
            throw new IllegalStateException("no");
        }
    }

    public enum Kind { QUESTION, CARE }

    public record Shown(long itemId, Text text, Kind kind) {
        Shown(long itemId, Text text) {
            this(itemId, text, Kind.QUESTION);
        }
    }

    /** Overloaded as web.Dates is: the argument's type picks the method. */
    public static final class Format {
        public String format(Long number) {
            return "number " + number;
        }

        public String format(String text) {
            return "text " + text;
        }
    }

    private final List<String> askedOgnl = new java.util.ArrayList<>();
    private final TemplateEngine plain = engine(new OGNLVariableExpressionEvaluator(true));
    private final TemplateEngine withChains = engine(new AccessorChains((context, expression, execution) -> {
        askedOgnl.add(expression.getExpression());
        return new OGNLVariableExpressionEvaluator(true).evaluate(context, expression, execution);
    }));

    private static TemplateEngine engine(org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator evaluator) {
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(evaluator);
        engine.setDialect(dialect);
        return engine;
    }

    private static String render(TemplateEngine engine, String expression, Map<String, Object> model) {
        return engine.process("<p th:text=\"${" + expression + "}\"></p>", new Context(Locale.ENGLISH,
                new HashMap<>(model)));
    }

    private String evaluate(String expression, Map<String, Object> model) {
        return render(withChains, expression, model);
    }

    @Test
    void aChainOfTheAppsAccessors_isCalledDirectly_withTheValueOgnlGives() {
        Map<String, Object> model = Map.of("q", new Shown(7, new Text("Is it <normal>?", "is-it-normal")));
        for (String expression : List.of("q.text().title()", "q.itemId()", "q.text().shout()", " q.text().slug() ")) {
            assertThat(evaluate(expression, model)).isEqualTo(render(plain, expression, model));
        }
        assertThat(askedOgnl).isEmpty();
    }

    @Test
    void everythingElse_isOgnls() {
        Map<String, Object> model = new HashMap<>(Map.of("q", new Shown(7, new Text("Title", "slug")),
                "words", List.of("a", "b"), "lang", "en"));
        model.put("missing", null);

        assertThat(evaluate("lang.length()", model)).as("a JDK type").isEqualTo("<p>2</p>");
        assertThat(evaluate("q.itemId() == 7", model)).isEqualTo("<p>true</p>");
        assertThat(evaluate("q.text().title().length()", model)).as("a JDK type at the end").isEqualTo("<p>5</p>");
        assertThat(evaluate("q.text", model)).as("a property, not a call").isEqualTo(render(plain, "q.text", model));
        assertThatThrownBy(() -> evaluate("missing.text()", model)).as("a null on the way: OGNL's error")
                .isInstanceOf(TemplateProcessingException.class);
        assertThat(askedOgnl).containsExactly("lang.length()", "q.itemId() == 7",
                "q.text().title().length()", "q.text", "missing.text()");
    }

    @Test
    void variables_collections_maps_enums_andCallsWithAnArgument_areCalledDirectly_withTheValueOgnlGives() {
        Shown q = new Shown(7, new Text("Is it <normal>?", "is-it-normal"), Kind.CARE);
        Map<String, Object> model = Map.of("q", q, "lang", "en", "words", List.of("a", "b"), "none", List.of(),
                "html", Map.of(7L, "<p>Answer</p>"), "format", new Format());
        List<String> expressions = List.of("lang", "q", "words.size()", "none.isEmpty()", "html.size()",
                "html.get(q.itemId())", "html.containsKey(q.itemId())", "q.kind().name()", "format.format(q.itemId())",
                "format.format(q.text().slug())", "format.format('site.css')", "format.format(lang)");
        for (String expression : expressions) {
            assertThat(evaluate(expression, model)).as(expression).isEqualTo(render(plain, expression, model));
        }
        assertThat(askedOgnl).isEmpty();
    }

    @Test
    void aDoubtfulCall_isOgnls_withOgnlsValueOrError() {
        Map<String, Object> model = new HashMap<>(Map.of("q", new Shown(7, new Text("Title", "slug")),
                "html", Map.of(7L, "<p>Answer</p>"), "format", new Format(), "words", List.of("a")));
        model.put("missing", null);
        List<String> expressions = List.of("undefined", "html.get(missing)", "format.format(words)",
                "words.get(q.itemId())", "q.text().title(lang)", "html.get(q.itemId()", "q.text().title()[0]");
        for (String expression : expressions) {
            assertThat(outcome(withChains, expression, model)).as(expression)
                    .isEqualTo(outcome(plain, expression, model));
        }
        assertThat(askedOgnl).containsExactlyElementsOf(expressions);
    }

    private static String outcome(TemplateEngine engine, String expression, Map<String, Object> model) {
        try {
            return render(engine, expression, model);
        } catch (TemplateProcessingException e) {
            return "refused";
        }
    }

    @Test
    void whatOgnlsBlockListGuards_isNeverReachedDirectly() {
        Map<String, Object> model = Map.of("q", new Shown(7, new Text("Title", "slug")));

        assertThatThrownBy(() -> evaluate("q.getClass().getClassLoader()", model))
                .isInstanceOf(TemplateProcessingException.class);
        assertThat(askedOgnl).containsExactly("q.getClass().getClassLoader()");
    }

    @Test
    void anAccessorThatThrows_failsTheRenderAsOgnlWould() {
        Map<String, Object> model = Map.of("q", new Shown(7, new Text("Title", "slug")));

        assertThatThrownBy(() -> evaluate("q.text().broken()", model)).isInstanceOf(TemplateProcessingException.class)
                .hasRootCauseMessage("no");
    }
}
