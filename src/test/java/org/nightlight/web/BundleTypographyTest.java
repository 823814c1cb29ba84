package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the medical translator found in the UI bundles stays fixed: French no-break spaces before : ; ? ! and
 * inside « », Spanish questions opened with ¿ and closed with ?, Arabic with one spelling of tanween, one
 * gender-neutral way of addressing the reader and no sign-off line that reads as an order, and the agreed
 * words for outdated and unpublish. Every pattern is valid ICU MessageFormat.
 */
class BundleTypographyTest {

    static final String NO_BREAK = "\u00A0\u202F";

    @Test
    void french_hasANoBreakSpaceBeforeEveryColonSemicolonQuestionAndExclamationMark_andInsideGuillemets()
            throws IOException {
        Properties fr = I18nBundlesTest.bundle("fr");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(fr.stringPropertyNames())) {
            String text = fr.getProperty(key);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean before = ":;?!»".indexOf(c) >= 0 && !text.startsWith("://", i);
                if (before && (i == 0 || NO_BREAK.indexOf(text.charAt(i - 1)) < 0)) {
                    problems.add(key + ": «" + text.substring(Math.max(0, i - 12), i + 1) + "»");
                }
                if (c == '«' && (i + 1 == text.length() || NO_BREAK.indexOf(text.charAt(i + 1)) < 0)) {
                    problems.add(key + ": «" + text.substring(i, Math.min(text.length(), i + 12)) + "»");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void spanish_opensEveryQuestionWithAnInvertedMark_andClosesEveryOne() throws IOException {
        Properties es = I18nBundlesTest.bundle("es");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(es.stringPropertyNames())) {
            if (!balanced(es.getProperty(key), '¿', '?') || !balanced(es.getProperty(key), '¡', '!')) {
                problems.add(key + ": " + es.getProperty(key));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(new Messages().get(Locale.forLanguageTag("es"), "site.search.didYouMean", "sueño"))
                .isEqualTo("¿Quiso decir sueño?");
    }

    @Test
    void arabic_spellsTanweenOneWay_addressesTheReaderNeutrally_andSaysWhoReviewedAsAStatement()
            throws IOException {
        Properties ar = I18nBundlesTest.bundle("ar");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(ar.stringPropertyNames())) {
            String text = ar.getProperty(key);
            if (text.contains("\u0627\u064B")) { // tanween on the alif (حرفاً) instead of before it (حرفًا)
                problems.add("tanween " + key);
            }
            if (text.contains("راجعه طبي")) {
                problems.add("imperative-looking sign-off " + key);
            }
            // the reader is never addressed as a man: impersonal forms (يُرجى + verbal noun) instead
            if (key.startsWith("site.") || key.startsWith("error.")) {
                for (String masculine : List.of("كنت قلق", "اكتب", "اضغط", "تقصد", "تريد", "تطلب", "اتصل", "تواصل")) {
                    if (text.matches("(?s)(.*\\s)?" + masculine + "(\\s.*)?")) {
                        problems.add("addresses a man: " + key + " (" + masculine + ")");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(ar.getProperty("site.trust.medical")).startsWith("المراجعة الطبية: ");
        assertThat(ar.getProperty("admin.flag.outdated")).isEqualTo("قديم");
    }

    @Test
    void theAgreedWords_forOutdatedAndUnpublish() throws IOException {
        Properties fr = I18nBundlesTest.bundle("fr");
        assertThat(fr.getProperty("admin.flag.outdated")).isEqualTo("obsolète");
        assertThat(fr.getProperty("admin.unpublish.submit")).isEqualTo("Dépublier");
    }

    @Test
    void everyPattern_isValidIcuMessageFormat_inEveryLanguage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "es", "fr", "ar")) {
            Properties bundle = I18nBundlesTest.bundle(lang);
            for (String key : new TreeSet<>(bundle.stringPropertyNames())) {
                try {
                    new MessageFormat(bundle.getProperty(key), Locale.forLanguageTag(lang));
                } catch (IllegalArgumentException e) {
                    problems.add(lang + " " + key + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every closing mark follows an opening one in the same sentence, and every opening one is closed. */
    private static boolean balanced(String text, char open, char close) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == open) {
                depth++;
            } else if (c == close && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
