package org.nightlight.checks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a number written just before counts: a duration, an age, a temperature, a dose. Symbols are the same in
 * every language; words come from a small list per language (Arabic by stem, since its nouns change their
 * endings: شهر، أشهر، شهرًا).
 */
enum Measure {
    NONE, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, TEMPERATURE, FAHRENHEIT, MILLIGRAM, MICROGRAM, GRAM, KILOGRAM,
    MILLILITRE, PERCENT;

    private static final String END = "(?![\\p{L}\\p{M}])";
    private static final Pattern BETWEEN = Pattern.compile("[\\s\\u00A0\\u202F\\u2009-]*");
    private static final Map<Measure, Pattern> SYMBOLS = new EnumMap<>(Map.of(
            FAHRENHEIT, word("[°º˚]\\s?F"),
            TEMPERATURE, Pattern.compile("[°º˚](?!\\s?F" + END + ")(?:\\s?C" + END + ")?"),
            PERCENT, Pattern.compile("[%٪]"),
            MILLIGRAM, word("mg"),
            MICROGRAM, word("(?:µg|μg|mcg)"),
            GRAM, word("g"),
            KILOGRAM, word("kg"),
            MILLILITRE, word("ml")));
    private static final Map<String, Map<Measure, Pattern>> WORDS = Map.of(
            "en", words("minutes?|mins?", "hours?|hrs?|h", "days?", "weeks?|wks?", "months?", "years?|yrs?",
                    "degrees?", "milligrams?", "millilit(?:re|er)s?", "per ?cent"),
            "es", words("minutos?|min", "horas?|h", "d[ií]as?", "semanas?", "mes(?:es)?", "años?",
                    "grados?", "miligramos?", "mililitros?", "por ?ciento"),
            "fr", words("minutes?|min", "heures?|h", "jours?", "semaines?", "mois", "ans?|années?",
                    "degrés?", "milligrammes?", "millilitres?", "pour ?cent"),
            "ar", arabic());

    /** The measure written right after {@code end} in {@code text}, and its words, or NONE. */
    static Written after(String text, int end, String language) {
        Matcher gap = BETWEEN.matcher(text).region(end, text.length());
        int at = gap.lookingAt() ? gap.end() : end;
        for (Map<Measure, Pattern> table : List.of(SYMBOLS, WORDS.getOrDefault(language, Map.of()))) {
            for (var entry : table.entrySet()) {
                Matcher m = entry.getValue().matcher(text).region(at, text.length());
                if (m.lookingAt()) {
                    return new Written(entry.getKey(), text.substring(at, m.end()));
                }
            }
        }
        return new Written(NONE, "");
    }

    record Written(Measure measure, String words) {
    }

    private static Map<Measure, Pattern> words(String minute, String hour, String day, String week, String month,
            String year, String degree, String milligram, String millilitre, String percent) {
        Map<Measure, Pattern> table = new EnumMap<>(Measure.class);
        table.put(MINUTE, word(minute));
        table.put(HOUR, word(hour));
        table.put(DAY, word(day));
        table.put(WEEK, word(week));
        table.put(MONTH, word(month));
        table.put(YEAR, word(year));
        table.put(TEMPERATURE, word(degree));
        table.put(MILLIGRAM, word(milligram));
        table.put(MILLILITRE, word(millilitre));
        table.put(PERCENT, word(percent));
        return table;
    }

    private static Map<Measure, Pattern> arabic() {
        Map<Measure, Pattern> table = new EnumMap<>(Measure.class);
        table.put(MINUTE, stem("دقيق|دقائق"));
        table.put(HOUR, stem("ساع"));
        table.put(DAY, stem("يوم|[أا]يام"));
        table.put(WEEK, stem("[أا]سبوع|[أا]سابيع"));
        table.put(MONTH, stem("شهر|[أا]شهر|شهور"));
        table.put(YEAR, stem("سن[ةو]|سنين|عام|[أا]عوام"));
        table.put(TEMPERATURE, stem("درج"));
        table.put(MILLIGRAM, word("(?:ملغ|ملجم|مغ)\\p{M}*"));
        table.put(MILLILITRE, word("(?:مل|ملل|مل[يي]لتر)\\p{M}*"));
        table.put(PERCENT, word("(?:بال|في ال)م[ئا]+ة"));
        return table;
    }

    private static Pattern word(String regex) {
        return Pattern.compile("(?:" + regex + ")" + END, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Pattern stem(String regex) {
        return Pattern.compile("(?:" + regex + ")[\\p{L}\\p{M}]*");
    }
}
