package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.nightlight.account.Capability;
import org.nightlight.account.Role;
import org.nightlight.workflow.ItemState;

/**
 * Keeps the UI text in the bundles: every key a template or the admin code names exists in English, every
 * translation has every English key (and no other), placeholders match, no key is defined twice in a file, and
 * templates show no literal text of their own. Failures list what is missing, where.
 */
class I18nBundlesTest {

    static final Path I18N = Path.of("i18n");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path JAVA = Path.of("src/main/java/org/nightlight");
    static final List<String> TRANSLATIONS = List.of("es", "fr", "ar");

    /** Elements whose own text a reader sees; their text must come from th:text (or a parent's replacement). */
    static final Set<String> TEXT_ELEMENTS = Set.of("a", "button", "label", "legend", "caption", "summary", "title",
            "h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "li", "dt", "dd", "option");
    static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove");

    static final Pattern LITERAL_KEY = Pattern.compile("#\\{\\s*([A-Za-z0-9_.-]+)\\s*[}(]");
    static final Pattern DYNAMIC_PREFIX = Pattern.compile("#\\{\\s*'([A-Za-z0-9_.-]+\\.)'\\s*\\+");
    static final Pattern JAVA_KEY = Pattern.compile("\"((?:admin|account)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Properties bundle(String language) throws IOException {
        Path file = I18N.resolve(language.equals("en") ? "messages.properties" : "messages_" + language + ".properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyKeyATemplateNames_isInTheEnglishBundle() throws IOException {
        Properties english = bundle("en");
        List<String> missing = new ArrayList<>();
        for (Path template : files(TEMPLATES, ".html")) {
            String html = Files.readString(template);
            Matcher keys = LITERAL_KEY.matcher(html);
            while (keys.find()) {
                if (!english.containsKey(keys.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + keys.group(1));
                }
            }
            Matcher prefixes = DYNAMIC_PREFIX.matcher(html);
            while (prefixes.find()) {
                String prefix = prefixes.group(1);
                if (english.stringPropertyNames().stream().noneMatch(k -> k.startsWith(prefix))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + prefix + "*");
                }
            }
        }
        assertThat(missing).as("keys used in templates but missing from i18n/messages.properties").isEmpty();
    }

    @Test
    void keysBuiltFromEnumsAndNamedInAdminCode_areInTheEnglishBundle() throws IOException {
        Properties english = bundle("en");
        Set<String> needed = new TreeSet<>();
        for (Role role : Role.values()) {
            needed.add("admin.role." + role.name());
        }
        for (Capability capability : Capability.values()) {
            needed.add("admin.capability." + capability.name());
        }
        for (ItemState state : ItemState.values()) {
            needed.add("admin.state." + state.name());
        }
        needed.add("admin.languages.direction.ltr");
        needed.add("admin.languages.direction.rtl");
        for (String pkg : List.of("admin", "account", "content")) {
            for (Path source : files(JAVA.resolve(pkg), ".java")) {
                Matcher keys = JAVA_KEY.matcher(Files.readString(source));
                while (keys.find()) {
                    needed.add(keys.group(1));
                }
            }
        }
        needed.removeIf(english::containsKey);
        assertThat(needed).as("keys the code uses but missing from i18n/messages.properties").isEmpty();
    }

    @Test
    void everyTranslation_hasExactlyTheEnglishKeys_withTheSamePlaceholders() throws IOException {
        Properties english = bundle("en");
        List<String> problems = new ArrayList<>();
        for (String language : TRANSLATIONS) {
            Properties translated = bundle(language);
            for (String key : new TreeSet<>(english.stringPropertyNames())) {
                String text = translated.getProperty(key);
                if (text == null) {
                    problems.add("messages_" + language + ".properties lacks " + key);
                } else if (!placeholders(text).equals(placeholders(english.getProperty(key)))) {
                    problems.add("messages_" + language + ".properties " + key + " has placeholders "
                            + placeholders(text) + ", English has " + placeholders(english.getProperty(key)));
                } else if (!placeholders(text).isEmpty() && !text.matches("(?s).*\\{\\d+,(choice|number|plural).*")) {
                    // (typed placeholders such as {0,plural,…} need numbers; their plain-text check is skipped)
                    Object[] args = placeholders(text).stream().map(n -> "⟨" + n + "⟩").toArray();
                    String shown = new MessageFormat(text).format(args);
                    for (Object arg : args) {
                        if (!shown.contains((String) arg)) {
                            problems.add("messages_" + language + ".properties " + key + " loses " + arg
                                    + " (an apostrophe in a pattern with placeholders must be doubled or ’)");
                        }
                    }
                }
            }
            for (String key : new TreeSet<>(translated.stringPropertyNames())) {
                if (!english.containsKey(key)) {
                    problems.add("messages_" + language + ".properties has " + key + ", which English lacks");
                }
            }
        }
        assertThat(problems).as("translations out of step with i18n/messages.properties").isEmpty();
    }

    @Test
    void noKeyIsDefinedTwiceInOneFile() throws IOException {
        List<String> duplicates = new ArrayList<>();
        for (Path file : files(I18N, ".properties")) {
            Set<String> seen = new HashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || !trimmed.contains("=")) {
                    continue;
                }
                String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
                if (!seen.add(key)) {
                    duplicates.add(file.getFileName() + ": " + key);
                }
            }
        }
        assertThat(duplicates).as("keys defined twice (the later one silently wins)").isEmpty();
    }

    @Test
    void templatesShowNoLiteralText_outsideThText() throws IOException {
        List<String> literal = new ArrayList<>();
        for (Path template : files(TEMPLATES, ".html")) {
            for (Element element : Jsoup.parse(Files.readString(template)).getAllElements()) {
                if (!TEXT_ELEMENTS.contains(element.normalName()) || !element.ownText().matches("(?s).*\\p{L}.*")) {
                    continue;
                }
                if (!replaced(element)) {
                    literal.add(TEMPLATES.relativize(template) + ": <" + element.normalName() + "> \""
                            + element.ownText().strip() + "\"");
                }
            }
        }
        assertThat(literal).as("visible text written in templates instead of i18n/messages*.properties").isEmpty();
    }

    /** True when Thymeleaf replaces this element's text: th:text or the like on it or an ancestor (not html). */
    static boolean replaced(Element element) {
        for (Element e = element; e != null && !e.normalName().equals("html"); e = e.parent()) {
            for (String attribute : REPLACING) {
                if (e.hasAttr(attribute)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Set<String> placeholders(String pattern) {
        Set<String> numbers = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            numbers.add(m.group(1));
        }
        return numbers;
    }
}
