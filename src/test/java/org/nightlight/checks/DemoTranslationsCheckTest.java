package org.nightlight.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nightlight.content.RevisionText;

/**
 * The demo's translations were written and checked by people: none may be blocked (the demo submits them all),
 * and the warnings they get are few, each one a thing a reviewer would look at.
 */
class DemoTranslationsCheckTest {

    private final TranslationChecks checks = new TranslationChecks(Glossary.NONE);

    @Test
    void noDemoTranslationIsBlocked_andTheirWarningsAreArabicDualsAndNegationsSaidOtherwise() throws IOException {
        List<String> blocked = new ArrayList<>();
        List<Finding> warned = new ArrayList<>();
        for (JsonNode text : texts()) {
            for (String lang : List.of("es", "fr", "ar")) {
                if (!text.has(lang)) {
                    continue;
                }
                Report report = checks.check(text(text.path("en")), "en", text(text.path(lang)), lang);
                report.blocking().forEach(f -> blocked.add(lang + " " + text.path("en").path("title").asText() + ": " + f));
                warned.addAll(report.warnings());
            }
        }
        assertThat(blocked).isEmpty();
        // "طفلين" (two children) for "2 babies"; "inutile de" for "you do not need to"
        assertThat(warned).extracting(Finding::check).containsOnly(Check.NUMBERS_IN_WORDS, Check.NEGATION);
        assertThat(warned).hasSizeLessThan(10);
    }

    private static List<JsonNode> texts() throws IOException {
        try (InputStream in = DemoTranslationsCheckTest.class.getResourceAsStream("/demo/content.json")) {
            JsonNode content = new ObjectMapper().readTree(in);
            List<JsonNode> texts = new ArrayList<>();
            texts.add(content.path("topic"));
            content.path("care").forEach(texts::add);
            content.path("questions").forEach(q -> {
                if (q.has("en")) {
                    texts.add(q);
                }
            });
            return texts;
        }
    }

    private static RevisionText text(JsonNode node) {
        return new RevisionText(node.path("title").asText(), "slug", node.path("body").asText(), "");
    }
}
