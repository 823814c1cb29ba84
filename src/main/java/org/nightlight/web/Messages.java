package org.nightlight.web;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * UI text from i18n/messages*.properties. A language without its own bundle, or a key missing from it,
 * falls back to the English bundle, never to the JVM's default locale. Patterns are ICU MessageFormat, so a
 * count takes its language's CLDR plural forms: {@code {0,plural,one{# result} other{# results}}}, and Arabic
 * also zero, two, few and many.
 */
public final class Messages {

    /** Languages with a UI bundle of their own; the first is the fallback. */
    public static final List<String> UI_LANGUAGES = List.of("en", "es", "fr", "ar");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ConcurrentMap<String, Optional<ResourceBundle>> bundles = new ConcurrentHashMap<>();

    public String get(Locale locale, String key, Object... args) {
        String pattern = pattern(locale, key).orElseGet(() -> pattern(Locale.ENGLISH, key).orElse(null));
        if (pattern == null) {
            throw new MissingResourceException("no UI text for " + key, "messages", key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, ULocale.forLocale(withDigits(locale)))
                .format(args);
    }

    /**
     * The text of a message with one placeholder, cut around it: what comes before and after {0}, for a
     * template that puts a link there ("¿Quiso decir <a>sueño</a>?").
     */
    public List<String> around(Locale locale, String key) {
        String marker = "\uE000";
        String text = get(locale, key, marker);
        int at = text.indexOf(marker);
        return List.of(text.substring(0, at), text.substring(at + marker.length()));
    }

    /**
     * One digit system on every page: Western digits (0-9) in every language, for counts, dates and numbers
     * alike. For Arabic this is a choice: Arabic-Indic digits are traditional, but Latin digits are what most
     * Arabic health sites, phone numbers and doses use, and what the translated answers contain; mixing both
     * on one page reads as an error.
     */
    public static Locale withDigits(Locale locale) {
        return new Locale.Builder().setLocale(locale).setUnicodeLocaleKeyword("nu", "latn").build();
    }

    /** Right-to-left when the UI bundle of that language says so. */
    public boolean rightToLeft(Locale locale) {
        return "rtl".equals(pattern(locale, "lang.dir").orElse("ltr"));
    }

    /** The UI language for a content language: its own bundle if there is one, else English. */
    public Locale uiLocale(String languageCode) {
        String base = Locale.forLanguageTag(languageCode).getLanguage();
        return UI_LANGUAGES.contains(base) ? Locale.forLanguageTag(base) : Locale.ENGLISH;
    }

    private Optional<String> pattern(Locale locale, String key) {
        return bundle(locale.getLanguage()).filter(b -> b.containsKey(key)).map(b -> b.getString(key));
    }

    private Optional<ResourceBundle> bundle(String language) {
        return bundles.computeIfAbsent(language, lang -> {
            try {
                Locale locale = "en".equals(lang) ? Locale.ROOT : Locale.forLanguageTag(lang);
                return Optional.of(ResourceBundle.getBundle("i18n/messages", locale, NO_FALLBACK));
            } catch (MissingResourceException e) {
                return Optional.empty();
            }
        });
    }
}
