package org.nightlight.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** URL slugs from titles in any language. */
public final class Slugs {

    private static final int MAX_LENGTH = 80;
    private static final String FALLBACK = "item";

    // Marks stay in the word class: Arabic harakat and Indic vowel signs are part of the word.
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}\\p{M}]+");
    // Soft hyphens and joiners are invisible; turning them into '-' would split words.
    private static final Pattern FORMAT_CHARS = Pattern.compile("\\p{Cf}+");

    private Slugs() {
    }

    public static String slugify(String title) {
        Objects.requireNonNull(title, "title");
        // NFKC folds compatibility forms (fullwidth letters, ligatures, Arabic presentation forms).
        String text = Normalizer.normalize(title, Normalizer.Form.NFKC);
        text = stripAccents(Normalizer.normalize(text, Normalizer.Form.NFD));
        text = text.toLowerCase(Locale.ROOT);
        // Recompose what stripAccents kept (Arabic hamza, kana dakuten, Hangul syllables).
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        text = FORMAT_CHARS.matcher(text).replaceAll("");
        text = NOT_WORD.matcher(text).replaceAll("-");
        text = trimDashes(text);
        if (text.length() > MAX_LENGTH) {
            text = cut(text);
        }
        return text.isEmpty() ? FALLBACK : text;
    }

    /**
     * Drops combining marks on Latin, Greek and Cyrillic letters ("é" -> "e") and on
     * non-letters; keeps them on other scripts, where they carry meaning.
     */
    private static String stripAccents(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean keepMarks = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                if (keepMarks) {
                    out.appendCodePoint(cp);
                }
            } else {
                keepMarks = Character.isLetterOrDigit(cp) && !isAccentStrippedScript(cp);
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isAccentStrippedScript(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.LATIN
                || script == Character.UnicodeScript.GREEK
                || script == Character.UnicodeScript.CYRILLIC;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    /** Cuts to MAX_LENGTH at the last '-' that allows it, or hard when the first word is longer. */
    private static String cut(String text) {
        int dash = text.lastIndexOf('-', MAX_LENGTH); // a '-' at MAX_LENGTH leaves exactly MAX_LENGTH chars
        if (dash > 0) {
            return text.substring(0, dash);
        }
        int end = MAX_LENGTH;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--; // do not split a surrogate pair
        }
        return text.substring(0, end);
    }
}
