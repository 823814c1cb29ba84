package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The content admin's UI text: every workflow refusal code and every content-page key in all four bundles. */
class ContentMessagesTest {

    private static final Pattern CODE = Pattern.compile("\"workflow\\.error\\.([A-Za-z]+)\"");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z][a-zA-Z.]*[a-zA-Z])[(}]");
    private static final Set<String> TEMPLATES = Set.of("content", "content-fragments", "edit", "item", "revision",
            "publish", "refused");

    @Test
    void everyCodeTheWorkflowThrows_isKnownToTheAdmin() throws IOException {
        Set<String> thrown = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/nightlight/workflow"))) {
            for (Path file : files.toList()) {
                Matcher m = CODE.matcher(Files.readString(file));
                while (m.find()) {
                    thrown.add(m.group(1));
                }
            }
        }
        assertThat(thrown).isNotEmpty();
        assertThat(Flash.WORKFLOW_CODES).containsAll(thrown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_es", "_fr", "_ar"})
    void everyBundle_hasEveryRefusalAndEveryKeyOfTheContentPages(String suffix) throws IOException {
        Properties bundle = load("i18n/messages" + suffix + ".properties");
        Set<String> wanted = new TreeSet<>();
        Flash.WORKFLOW_CODES.forEach(code -> wanted.add("workflow.error." + code));
        // the content pages' own keys; shared layout and dashboard keys belong to their own features
        templateKeys().stream().filter(ContentMessagesTest::isContentKey).forEach(wanted::add);
        for (String kind : new String[] {"TOPIC", "QUESTION", "URGENT_HELP"}) {
            wanted.add("admin.kind." + kind);
            wanted.add("admin.new." + kind);
        }
        for (String done : new String[] {"saved", "submitted", "reviewed", "published", "unpublished", "rolledBack",
            "reordered", "created"}) {
            wanted.add("admin.done." + done);
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeIf(bundle::containsKey);
        assertThat(missing).as("keys missing from messages" + suffix).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"_es", "_fr", "_ar"})
    void translations_areWritten_notCopiedFromEnglish_andKeepTheirPlaceholders(String suffix) throws IOException {
        Properties english = load("i18n/messages.properties");
        Properties other = load("i18n/messages" + suffix + ".properties");
        Locale locale = Locale.forLanguageTag(suffix.substring(1));
        for (String key : english.stringPropertyNames()) {
            if (!key.startsWith("workflow.error.") && !isContentKey(key)) {
                continue;
            }
            String theirs = other.getProperty(key);
            assertThat(theirs).as(key + suffix).isNotBlank();
            String en = english.getProperty(key);
            if (en.length() > 12 && !en.contains("CommonMark")) {
                assertThat(theirs).as(key + suffix + " is translated").isNotEqualTo(en);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(theirs.contains("{" + i + "}")).as(key + suffix + " keeps {" + i + "}")
                        .isEqualTo(en.contains("{" + i + "}"));
            }
            if (en.contains("{0}")) {
                String formatted = new MessageFormat(theirs, locale).format(new Object[] {"A", "B", "C"});
                assertThat(formatted).as(key + suffix + " formats").contains("A").doesNotContain("{");
            }
        }
    }

    private static boolean isContentKey(String key) {
        return Stream.of("admin.content.", "admin.kind.", "admin.new.", "admin.done.", "admin.edit.", "admin.field.",
                "admin.item.", "admin.provenance.", "admin.history.", "admin.diff.", "admin.unpublish.",
                "admin.rollback.", "admin.revision.", "admin.review.", "admin.publish.", "admin.refused.")
                .anyMatch(key::startsWith) || key.equals("admin.flag.overdue");
    }

    private static Set<String> templateKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String name : TEMPLATES) {
            Matcher m = TEMPLATE_KEY.matcher(Files.readString(
                    Path.of("src/main/resources/templates/admin/" + name + ".html")));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
