package org.nightlight.checks;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A number as a text writes it: its value ("38,0" and "38.0" and "٣٨" are 38), the digits as written, and the
 * measure after it. Reading follows the text's language: in Spanish "1.000" is a thousand and "2,5" two and a
 * half; in French "1 000" is a thousand; a separator that cannot group (not followed by three digits) is a
 * decimal point in every language, so "38.0°C" in a French text still reads 38.
 */
record Quantity(String value, String written, Measure measure, String measureWords) {

    private static final Set<Character> DECIMAL = Set.of('.', ',', '\u066B');
    private static final Set<Character> ALWAYS_GROUPING = Set.of('\u00A0', '\u202F', '\u2009', '\u066C');

    /** "3 months" as written, for a message. */
    String withMeasure() {
        return measureWords.isEmpty() ? written : written + " " + measureWords;
    }

    /** Every number in a text a reader sees (no link targets), in order. */
    static List<Quantity> in(String text, String language) {
        Set<Character> grouping = grouping(language);
        List<Quantity> found = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!digit(text, i) || partOfAWord(text, i)) {
                i++;
                continue;
            }
            // a number: digit groups and the separators between them, read left to right
            int start = i;
            StringBuilder value = new StringBuilder();
            boolean decimal = false;
            i = digits(text, i, value);
            while (i + 1 < text.length() && digit(text, i + 1) && !decimal) {
                char separator = text.charAt(i);
                int groupEnd = skipDigits(text, i + 1);
                boolean groups = grouping.contains(separator) && groupEnd - (i + 1) == 3;
                if (groups) {
                    i = digits(text, i + 1, value);
                } else if (DECIMAL.contains(separator)) {
                    value.append('.');
                    i = digits(text, i + 1, value);
                    decimal = true;
                } else {
                    break;
                }
            }
            Measure.Written measure = Measure.after(text, i, language);
            found.add(new Quantity(new BigDecimal(value.toString()).stripTrailingZeros().toPlainString(),
                    text.substring(start, i), measure.measure(), measure.words()));
        }
        return found;
    }

    /**
     * The characters that group thousands in a language: its own (from CLDR), the no-break spaces, and a plain
     * space where the language groups with a space (French) since writers type that.
     */
    private static Set<Character> grouping(String language) {
        char own = DecimalFormatSymbols.getInstance(new ULocale(language)).getGroupingSeparator();
        Set<Character> grouping = new java.util.HashSet<>(ALWAYS_GROUPING);
        grouping.add(own);
        if (Character.isSpaceChar(own)) {
            grouping.add(' ');
        }
        if ("ar".equals(language)) {
            grouping.add(','); // Arabic written with Western digits groups with a comma
        }
        return grouping;
    }

    /**
     * Digits glued to a Latin letter are part of a name or code ("H1N1", "e919"), not a quantity; an Arabic
     * conjunction or preposition is written joined to the number it introduces ("و3" is "and 3").
     */
    private static boolean partOfAWord(String text, int at) {
        if (at == 0) {
            return false;
        }
        int before = text.codePointBefore(at);
        return Character.isLetter(before) && UScript.getScript(before) != UScript.ARABIC;
    }

    private static boolean digit(String text, int at) {
        return UCharacter.getType(text.codePointAt(at)) == UCharacter.DECIMAL_DIGIT_NUMBER;
    }

    /** Appends the digits at {@code at} as 0-9 (Arabic-Indic, Persian and other digits alike). */
    private static int digits(String text, int at, StringBuilder value) {
        int i = at;
        while (i < text.length() && digit(text, i)) {
            int cp = text.codePointAt(i);
            value.append((char) ('0' + UCharacter.digit(cp, 10)));
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int skipDigits(String text, int at) {
        int i = at;
        while (i < text.length() && digit(text, i)) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }
}
