package org.nightlight.checks;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a text says a number in words: ICU's spell-out rules of the language give the words (every cardinal
 * form: "un", "une"; "uno", "una"; "واحد", "واحدة"). Arabic says one and two with the noun alone, singular or dual
 * ("شهر" is one month, "طفلين" two children), so there 1 and 2 count as said.
 */
final class NumberWords {

    private static final Normalizer2 DECOMPOSE = Normalizer2.getNFDInstance();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private NumberWords() {
    }

    static boolean says(String value, String text, String language) {
        BigDecimal number = new BigDecimal(value);
        if (number.scale() > 0 || number.compareTo(BigDecimal.valueOf(1000)) > 0) {
            return false;
        }
        if ("ar".equals(language) && (number.intValue() == 1 || number.intValue() == 2)) {
            return true;
        }
        RuleBasedNumberFormat spellout = new RuleBasedNumberFormat(new ULocale(language),
                RuleBasedNumberFormat.SPELLOUT);
        String plain = normal(text, language);
        return Arrays.stream(spellout.getRuleSetNames())
                .filter(name -> name.contains("cardinal") || name.contains("numbering"))
                .map(name -> normal(spellout.format(number.longValue(), name), language))
                .anyMatch(words -> Pattern.compile(wordStart(language) + Pattern.quote(stem(words, language))
                        + wordEnd(language)).matcher(plain).find());
    }

    /** Lower case, without accents or Arabic vowel marks, Arabic alif forms made one. */
    static String normal(String text, String language) {
        String lower = text.toLowerCase(Locale.forLanguageTag(language));
        return MARKS.matcher(DECOMPOSE.normalize(lower)).replaceAll("").replaceAll("[أإآ]", "ا");
    }

    /** Arabic words start after a joined conjunction or article (و، ب، ل، ال) and end in case and gender endings. */
    private static String wordStart(String language) {
        return "ar".equals(language) ? "(?<![\\p{L}])(?:[وفبل]?(?:ال)?)" : "(?<![\\p{L}])";
    }

    private static String wordEnd(String language) {
        return "ar".equals(language) ? "" : "(?![\\p{L}])";
    }

    private static String stem(String words, String language) {
        return "ar".equals(language) ? words.replaceAll("(ة|ان)$", "") : words;
    }
}
