package org.nightlight.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nightlight.content.RevisionText;

/**
 * Every check on real sentences of the kind the FAQ has, translated well (nothing found) and with the slip the
 * check is for (found), in Spanish, French and Arabic.
 */
class TranslationChecksTest {

    static final List<Glossary.Term> TERMS = List.of(
            new Glossary.Term("BNSM", "BNSM", true),
            new Glossary.Term("jerks", "sacudidas", false),
            new Glossary.Term("jerks", "secousses", false),
            new Glossary.Term("jerks", "نفضات", false));
    private static final TranslationChecks CHECKS = new TranslationChecks((from, to) -> TERMS.stream()
            .filter(t -> t.doNotTranslate() || matches(t.target(), to)).toList());

    private static boolean matches(String target, String language) {
        return switch (language) {
            case "es" -> target.equals("sacudidas");
            case "fr" -> target.equals("secousses");
            case "ar" -> target.equals("نفضات");
            default -> false;
        };
    }

    /** check, English source, language, translation, whether the check finds something */
    static Stream<Arguments> cases() {
        return Stream.of(
                // numbers: locale-aware values, other digits, ranges
                found(Check.NUMBERS, "It stops by 3 months of age.", "fr", "Elles cessent vers 6 mois.", true),
                found(Check.NUMBERS, "It stops by 3 months of age.", "fr", "Elles cessent vers 3 mois.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "fr", "Une température de 38,0 °C ou plus.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "es", "Una temperatura de 38.0°C o más.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "es", "Una temperatura de 38 ºC o más.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "es", "Una temperatura de 39 °C o más.", true),
                found(Check.NUMBERS, "A temperature of 38.5 °C or more.", "es", "Una temperatura de 38,5 °C o más.", false),
                found(Check.NUMBERS, "A temperature of 38.5 °C or more.", "es", "Una temperatura de 385 °C o más.", true),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "ar", "درجة حرارة ٣٨ درجة مئوية أو أكثر.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "ar", "درجة حرارة ۳۸ درجة مئوية أو أكثر.", false),
                found(Check.NUMBERS, "A temperature of 38 °C or more.", "ar", "درجة حرارة ٣٩ درجة مئوية أو أكثر.", true),
                found(Check.NUMBERS, "About 1,000 babies a year.", "fr", "Environ 1 000 bébés par an.", false),
                found(Check.NUMBERS, "About 1,000 babies a year.", "es", "Unos 1.000 bebés al año.", false),
                found(Check.NUMBERS, "About 1,000 babies a year.", "fr", "Environ 1,000 bébés par an.", true),
                found(Check.NUMBERS, "Give 2.5 ml.", "ar", "أعطوه ٢٫٥ مل.", false),
                found(Check.NUMBERS, "It starts at 4–8 months.", "es", "Empieza entre los 4 y los 8 meses.", false),
                found(Check.NUMBERS, "It starts at 4–8 months.", "fr", "Il commence entre 4 et 6 mois.", true),
                found(Check.NUMBERS, "It starts at 2 to 3 months.", "ar", "يبدأ بين 2 و3 أشهر.", false),
                found(Check.NUMBERS, "It starts at 2 to 3 months.", "ar", "يبدأ بين 2 و4 أشهر.", true),
                // Arabic says one and two with the noun: a warning, not a refusal
                found(Check.NUMBERS, "After about 1 month of age.", "ar", "بعد عمر شهر تقريبًا.", false),
                found(Check.NUMBERS_IN_WORDS, "After about 1 month of age.", "ar", "بعد عمر شهر تقريبًا.", true),
                found(Check.NUMBERS, "In 2 babies out of 3.", "es", "En dos de cada 3 bebés.", false),
                found(Check.NUMBERS_IN_WORDS, "In 2 babies out of 3.", "es", "En dos de cada 3 bebés.", true),
                found(Check.NUMBERS, "In 2 babies out of 3.", "fr", "Chez 3 bébés sur 3.", true),
                // units: the same number with another measure
                found(Check.UNITS, "It stops by 3 months of age.", "fr", "Elles cessent vers 3 semaines.", true),
                found(Check.UNITS, "It stops by 3 months of age.", "es", "Cesan hacia los 3 meses.", false),
                found(Check.UNITS, "It stops by 3 months of age.", "ar", "تتوقف بحلول عمر 3 أشهر.", false),
                found(Check.UNITS, "It stops by 3 months of age.", "ar", "تتوقف بحلول عمر 3 أسابيع.", true),
                found(Check.UNITS, "Give 5 ml.", "fr", "Donnez 5 mg.", true),
                // phone numbers
                found(Check.PHONES, "Call 0800 123 4567 at any time.", "fr", "Appelez le 0800 123 4567 à toute heure.", false),
                found(Check.PHONES, "Call +44 20 7946 0958.", "es", "Llame al +44 20 7946 0958.", false),
                found(Check.PHONES, "Call +44 20 7946 0958.", "es", "Llame al +44 20 7946 0985.", true),
                found(Check.PHONES, "Call 0800 123 4567 at any time.", "ar", "اتصلوا على ٠٨٠٠ ١٢٣ ٤٥٦٧ في أي وقت.", false),
                // links
                found(Check.LINKS, "See [the NHS page](https://www.nhs.uk/conditions/).", "fr",
                        "Voir [la page du NHS](https://www.nhs.uk/conditions/).", false),
                found(Check.LINKS, "See [the NHS page](https://www.nhs.uk/conditions/).", "fr",
                        "Voir [la page du NHS](https://www.nhs.uk/condition/).", true),
                found(Check.LINKS, "See [the NHS page](https://www.nhs.uk/conditions/).", "ar",
                        "راجعوا صفحة هيئة الخدمات الصحية.", true),
                found(Check.LINKS, "Read <https://doi.org/10.1542/peds.2009-1839>.", "es",
                        "Lea <https://doi.org/10.1542/peds.2009-1839>.", false),
                // structure
                found(Check.STRUCTURE, "Call if your baby:\n\n- is floppy\n- is blue", "es",
                        "Llame si su bebé:\n\n- está flojo\n- está azulado", false),
                found(Check.STRUCTURE, "Call if your baby:\n\n- is floppy\n- is blue", "fr",
                        "Appelez si votre bébé :\n\n- est mou ou bleu", true),
                found(Check.STRUCTURE, "## When to call\n\nCall at once.", "ar", "متى تتصلون؟ اتصلوا فورًا.", true),
                found(Check.STRUCTURE, "First.\n\nSecond.", "fr", "D’abord.\n\nEnsuite.", false),
                // emphasis
                found(Check.EMPHASIS, "**It may be a seizure** if it goes on.", "fr",
                        "**Ce peut être une crise** si cela continue.", false),
                found(Check.EMPHASIS, "**It may be a seizure** if it goes on.", "ar", "قد تكون نوبة إذا استمرت.", true),
                // glossary
                found(Check.DO_NOT_TRANSLATE, "BNSM is harmless.", "fr", "La BNSM est bénigne.", false),
                found(Check.DO_NOT_TRANSLATE, "BNSM is harmless.", "es", "La MNBS es benigna.", true),
                found(Check.DO_NOT_TRANSLATE, "BNSM is harmless.", "ar", "BNSM حالة غير مؤذية.", false),
                found(Check.GLOSSARY, "The jerks stop when the baby wakes.", "es",
                        "Las sacudidas se detienen cuando el bebé se despierta.", false),
                found(Check.GLOSSARY, "The jerks stop when the baby wakes.", "es",
                        "Las convulsiones se detienen cuando el bebé se despierta.", true),
                found(Check.GLOSSARY, "The jerks stop when the baby wakes.", "ar", "تتوقف النفضات عند استيقاظ الطفل.", false),
                found(Check.GLOSSARY, "The jerks stop when the baby wakes.", "fr", "Les spasmes cessent au réveil.", true),
                // negation
                found(Check.NEGATION, "Do not give honey to a baby under 1 year.", "fr",
                        "Ne donnez pas de miel à un bébé de moins de 1 an.", false),
                found(Check.NEGATION, "Do not give honey to a baby under 1 year.", "fr",
                        "Donnez du miel à un bébé de moins de 1 an.", true),
                found(Check.NEGATION, "BNSM is not epilepsy.", "es", "La BNSM no es epilepsia.", false),
                found(Check.NEGATION, "BNSM is not epilepsy.", "es", "La BNSM es epilepsia.", true),
                found(Check.NEGATION, "It needs no medicine.", "ar", "ولا تحتاج إلى أي دواء.", false),
                found(Check.NEGATION, "It is not epilepsy.", "ar", "وليست صرعًا.", false),
                found(Check.NEGATION, "It is not epilepsy.", "ar", "وهي صرع.", true),
                found(Check.NEGATION, "Never shake your baby.", "fr", "Ne secouez jamais votre bébé.", false));
    }

    @ParameterizedTest(name = "{0} {2}: {3} → {4}")
    @MethodSource("cases")
    void eachCheckOnRealSentences(Check check, String english, String lang, String translation, boolean finds) {
        Report report = CHECKS.check(text(english), "en", text(translation), lang);

        assertThat(report.findings()).as(report.findings().toString())
                .filteredOn(f -> f.check() == check).hasSizeBetween(finds ? 1 : 0, finds ? 3 : 0);
    }

    @Test
    void onlyBlockingChecksStopATranslation() {
        Report numbers = CHECKS.check(text("It stops by 3 months of age."), "en", text("Elles cessent vers 6 mois."),
                "fr");
        Report negation = CHECKS.check(text("BNSM is not epilepsy."), "en", text("La BNSM es epilepsia."), "es");

        assertThat(numbers.passes()).isFalse();
        assertThat(numbers.failedChecks()).containsExactly(Check.NUMBERS);
        assertThat(numbers.blocking().get(0).args()).containsExactly("3 months");
        assertThat(negation.passes()).isTrue();
        assertThat(negation.warnings()).extracting(Finding::check).containsExactly(Check.NEGATION);
    }

    @Test
    void findingsNameTheUnitTheyAreIn() {
        Report report = CHECKS.check(text("Jerks in sleep.\n\n- up to 3 months\n- up to 6 months"), "en",
                text("Secousses dans le sommeil.\n\n- jusqu’à 3 mois\n- jusqu’à 8 mois"), "fr");

        assertThat(report.blocking()).extracting(Finding::place).containsOnly(new Place("LIST_ITEM", 2));
        assertThat(report.blocking()).extracting(Finding::messageKey)
                .containsExactly("admin.checks.numbers.missing", "admin.checks.numbers.extra");
    }

    @Test
    void theTitleIsCheckedToo() {
        Report report = CHECKS.check(new RevisionText("Is it normal at 3 months?", "s", "Yes.", ""), "en",
                new RevisionText("¿Es normal a los 6 meses?", "s", "Sí.", ""), "es");

        assertThat(report.blocking()).extracting(Finding::place).containsOnly(Place.TITLE);
    }

    private static Arguments found(Check check, String english, String lang, String translation, boolean finds) {
        return Arguments.of(check, english, lang, translation, finds);
    }

    private static RevisionText text(String body) {
        return new RevisionText("Title", "title", body, "");
    }
}
