package org.nightlight.checks;

import com.ibm.icu.lang.UCharacter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in a text: international ("+44 20 7946 0958", "0033 1 23 45 67 89") or national with a trunk
 * zero ("0800 123 4567", "01 23 45 67 89"), at least seven digits. Short numbers (112, 15) are plain numbers
 * and left to the number check.
 */
final class Phones {

    private static final String GAP = "[ \\u00A0\\u202F.\\-]?";
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}0-9])(?:"
            + "(?:\\+|00)[0-9]{1,3}(?:" + GAP + "\\(?[0-9]+\\)?){2,}"
            + "|\\(?0[0-9]{1,4}\\)?(?:[ \\u00A0\\u202F.\\-][0-9]{2,4}){2,})(?![0-9])");

    private Phones() {
    }

    /** The phone numbers of a text as digits (and a leading +), in order. */
    static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PHONE.matcher(westernDigits(text));
        while (m.find()) {
            String digits = digits(m.group());
            if (digits.replace("+", "").length() >= 7) {
                found.add(digits);
            }
        }
        return found;
    }

    /** The text with its phone numbers blanked out, so their digits are not read as quantities. */
    static String without(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher m = PHONE.matcher(westernDigits(text));
        while (m.find()) {
            if (digits(m.group()).replace("+", "").length() >= 7) {
                out.replace(m.start(), m.end(), " ".repeat(m.end() - m.start()));
            }
        }
        return out.toString();
    }

    /** The text with every decimal digit as 0-9, each still one character, so positions stay where they were. */
    private static String westernDigits(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (UCharacter.getType(c) == UCharacter.DECIMAL_DIGIT_NUMBER) {
                out.setCharAt(i, (char) ('0' + UCharacter.digit(c, 10)));
            }
        }
        return out.toString();
    }

    private static String digits(String written) {
        StringBuilder out = new StringBuilder();
        written.codePoints().forEach(cp -> {
            if (cp == '+') {
                out.append('+');
            } else if (UCharacter.getType(cp) == UCharacter.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + UCharacter.digit(cp, 10)));
            }
        });
        String number = out.toString();
        return number.startsWith("00") ? "+" + number.substring(2) : number;
    }
}
