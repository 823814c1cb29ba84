package org.nightlight.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nightlight.content.RevisionText;

/** Every check's name and explanation, and the message of every finding the checks make, in all four bundles. */
class CheckMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "_es", "_fr", "_ar"})
    void everyCheckAndFinding_isWordedInEveryAdminLanguage(String suffix) throws IOException {
        Properties bundle = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("i18n/messages" + suffix + ".properties"),
                StandardCharsets.UTF_8)) {
            bundle.load(in);
        }
        Set<String> wanted = new TreeSet<>();
        for (Check check : Check.values()) {
            wanted.add(check.key());
            wanted.add(check.key() + ".explain");
        }
        TranslationChecksTest.cases().forEach(c -> {
            Object[] a = c.get();
            RevisionText source = new RevisionText("Title", "t", (String) a[1], "");
            RevisionText translation = new RevisionText("Titre", "t", (String) a[3], "");
            new TranslationChecks((from, to) -> TranslationChecksTest.TERMS).check(source, "en", translation,
                    (String) a[2]).findings().forEach(f -> {
                        wanted.add(f.messageKey());
                        wanted.add(f.place().messageKey());
                    });
        });
        assertThat(wanted).as("finding messages").hasSizeGreaterThan(30);
        wanted.removeIf(bundle::containsKey);
        assertThat(wanted).as("missing from messages" + suffix).isEmpty();
    }
}
