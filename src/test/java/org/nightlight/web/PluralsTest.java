package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * UI messages with a count take their language's CLDR plural form (ICU MessageFormat): Arabic has six (zero,
 * one, two, few for 3–10, many for 11–99, other for 100 and up), English and Spanish one and other, French
 * counts 0 as singular. Every page uses one digit system (Western digits, also in Arabic) for counts and dates,
 * and English dates are written as in Britain.
 */
class PluralsTest {

    static final Messages MESSAGES = new Messages();
    static final Locale AR = Locale.forLanguageTag("ar");

    @Test
    void arabicSearchCounts_useZeroOneTwoFewManyAndOther() {
        assertThat(count(AR, 0)).isEqualTo("لا نتائج");
        assertThat(count(AR, 1)).isEqualTo("نتيجة واحدة");
        assertThat(count(AR, 2)).isEqualTo("نتيجتان");
        assertThat(count(AR, 3)).isEqualTo("3 نتائج");
        assertThat(count(AR, 10)).isEqualTo("10 نتائج");
        assertThat(count(AR, 11)).isEqualTo("11 نتيجة");
        assertThat(count(AR, 99)).isEqualTo("99 نتيجة");
        assertThat(count(AR, 100)).isEqualTo("100 نتيجة");
        assertThat(count(AR, 102)).isEqualTo("102 نتيجة");
        assertThat(count(AR, 103)).isEqualTo("103 نتائج");
    }

    @Test
    void arabicAuditCounts_followTheSameRules_inTheAdmin() {
        assertThat(audit(AR, 0)).startsWith("لا أحداث،");
        assertThat(audit(AR, 1)).startsWith("حدث واحد،");
        assertThat(audit(AR, 2)).startsWith("حدثان،");
        assertThat(audit(AR, 7)).startsWith("7 أحداث،");
        assertThat(audit(AR, 42)).startsWith("42 حدثًا،");
        assertThat(audit(AR, 200)).startsWith("200 حدث،").endsWith("الصفحة 1 من 3");
    }

    @Test
    void arabicCharacterAndSecondCounts_agreeWithTheirNumber() {
        assertThat(MESSAGES.get(AR, "site.feedback.error.tooLong", 2)).contains("حرفين");
        assertThat(MESSAGES.get(AR, "site.feedback.error.tooLong", 500)).contains("500 حرف");
        assertThat(MESSAGES.get(AR, "site.search.truncated", 200)).contains("200 حرف");
        assertThat(MESSAGES.get(AR, "admin.login.throttled", 1L)).contains("ثانية واحدة");
        assertThat(MESSAGES.get(AR, "admin.login.throttled", 5L)).contains("5 ثوانٍ");
        assertThat(MESSAGES.get(AR, "admin.login.throttled", 30L)).contains("30 ثانية");
    }

    @Test
    void englishAndSpanish_haveOneAndOther_andFrenchCountsZeroAsOne() {
        assertThat(count(Locale.ENGLISH, 1)).isEqualTo("1 result");
        assertThat(count(Locale.ENGLISH, 0)).isEqualTo("0 results");
        assertThat(count(Locale.ENGLISH, 12)).isEqualTo("12 results");
        assertThat(audit(Locale.ENGLISH, 1)).isEqualTo("1 event, page 1 of 3");
        assertThat(audit(Locale.ENGLISH, 1200)).isEqualTo("1,200 events, page 1 of 3");
        assertThat(MESSAGES.get(Locale.ENGLISH, "admin.login.throttled", 1L)).contains("wait 1 second and");
        Locale es = Locale.forLanguageTag("es");
        assertThat(count(es, 1)).isEqualTo("1 resultado");
        assertThat(count(es, 5)).isEqualTo("5 resultados");
        assertThat(MESSAGES.get(es, "admin.login.throttled", 1L)).contains("1 segundo ");
        Locale fr = Locale.FRENCH;
        assertThat(count(fr, 0)).isEqualTo("0 résultat");
        assertThat(count(fr, 1)).isEqualTo("1 résultat");
        assertThat(count(fr, 2)).isEqualTo("2 résultats");
        assertThat(audit(fr, 2)).startsWith("2 événements");
    }

    @Test
    void arabicPages_useWesternDigits_forCountsDatesAndNumbersAlike() {
        String arabicIndic = ".*[\u0660-\u0669\u06F0-\u06F9].*";
        assertThat(count(AR, 1234)).isEqualTo("1,234 نتيجة").doesNotMatch(arabicIndic);
        assertThat(MESSAGES.get(AR, "admin.item.revisionNumber", 12)).contains("12").doesNotMatch(arabicIndic);
        String date = new Dates(AR).format(LocalDate.of(2026, 11, 25));
        assertThat(date).contains("25").contains("2026").doesNotMatch(arabicIndic);
    }

    @Test
    void englishDates_areWrittenAsInBritain() {
        assertThat(new Dates(Locale.ENGLISH).format(LocalDate.of(2026, 11, 25))).isEqualTo("25 November 2026");
        assertThat(new Dates(Locale.forLanguageTag("es")).format(LocalDate.of(2026, 11, 25)))
                .isEqualTo("25 de noviembre de 2026");
        assertThat(new Dates(Locale.FRENCH).format(LocalDate.of(2026, 11, 25))).isEqualTo("25 novembre 2026");
    }

    private static String count(Locale locale, int n) {
        return MESSAGES.get(locale, "site.search.count", n);
    }

    private static String audit(Locale locale, int n) {
        return MESSAGES.get(locale, "admin.audit.count", n, 1, 3);
    }
}
