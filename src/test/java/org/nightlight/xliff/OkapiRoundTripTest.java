package org.nightlight.xliff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sf.okapi.lib.xliff2.core.Fragment;
import net.sf.okapi.lib.xliff2.core.Part;
import net.sf.okapi.lib.xliff2.core.Segment;
import net.sf.okapi.lib.xliff2.core.Unit;
import net.sf.okapi.lib.xliff2.document.XLIFFDocument;
import net.sf.okapi.lib.xliff2.reader.XLIFFReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.App;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;

/**
 * The exchange through an independent XLIFF 2 implementation, as an agency's tool would do it: Okapi loads our
 * export with its full validation, a translator fills French and Arabic targets between the codes, Okapi saves,
 * and Nightlight imports drafts that go through language review and sign-off like any translation.
 */
class OkapiRoundTripTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static App app;
    static XliffFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        app = App.open(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "xliff-test-pass")));
        app.loadDemoIfWanted();
        fixture = new XliffFixture(app);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    /** A translator's phrases; everything between them (codes, protected numbers) stays as Okapi holds it. */
    static final Map<String, String> FRENCH = phrases(
            "Fever in babies", "La fièvre chez le bébé",
            "What to do when a baby under ", "Que faire quand un bébé de moins de ",
            " has a fever.", " a de la fièvre.",
            "When is a fever too high?", "Quand la fièvre est-elle trop forte ?",
            "A temperature of ", "Une température de ",
            " or more in a baby under ", " ou plus chez un bébé de moins de ",
            " is an emergency.", " est une urgence.",
            " months", " mois",
            "Give ", "Donnez ",
            " of ", " de ",
            " only if a doctor said so.", " seulement si un médecin l’a dit.",
            "Never give ", "Ne donnez jamais d’",
            " to a child.", " à un enfant.",
            "Read more at ", "Pour en savoir plus : ",
            " today.", " aujourd’hui.");

    static final Map<String, String> ARABIC = phrases(
            "Fever in babies", "الحمى عند الرضع",
            "What to do when a baby under ", "ماذا تفعل عندما يكون عمر الرضيع أقل من ",
            " has a fever.", " ويعاني من الحمى.",
            "When is a fever too high?", "متى تكون الحمى مرتفعة جدًا؟",
            "A temperature of ", "درجة حرارة ",
            " or more in a baby under ", " أو أكثر عند رضيع عمره أقل من ",
            " is an emergency.", " حالة طارئة.",
            " months", " أشهر",
            "Give ", "أعطِ ",
            " of ", " من ",
            " only if a doctor said so.", " فقط إذا قال الطبيب ذلك.",
            "Never give ", "لا تعطِ ",
            " to a child.", " لطفل أبدًا.",
            "Read more at ", "اقرأ المزيد على ",
            " today.", " اليوم.");

    @Test
    void okapiTranslatesTheExportIntoFrenchAndArabic_andTheDraftsGoThroughReviewAndSignOff() throws Exception {
        roundTrip("fr", FRENCH, "ltr");
        roundTrip("ar", ARABIC, "rtl");
    }

    private void roundTrip(String lang, Map<String, String> phrases, String direction) throws Exception {
        XliffExport.Export export = fixture.export().export(lang);
        String xml = new String(export.xliff(), UTF_8);
        assertThat(xml).contains("version=\"2.1\"", "trgDir=\"" + direction + "\"",
                "<mda:meta type=\"item\">" + fixture.questionId + "</mda:meta>",
                "<mrk id=\"m1\" translate=\"no\">38 °C</mrk>", "canDelete=\"no\"");
        Path exported = dir.resolve(lang + ".xlf");
        Files.write(exported, export.xliff());

        XLIFFDocument document = new XLIFFDocument();
        document.load(exported.toFile(), XLIFFReader.VALIDATION_MAXIMAL);
        for (Unit unit : document.getUnits()) {
            if (!unit.getId().startsWith("i" + fixture.topicId + "-") && !unit.getId().startsWith("i" + fixture.questionId + "-")) {
                continue; // the demo's own outdated texts stay untranslated: a partial file
            }
            for (Segment segment : unit.getSegments()) {
                Fragment target = segment.getTarget(Part.GetTarget.CLONE_SOURCE);
                String coded = target.getCodedText();
                for (var phrase : phrases.entrySet()) {
                    coded = coded.replace(phrase.getKey(), phrase.getValue());
                }
                target.setCodedText(coded);
                segment.setState("translated");
            }
        }
        Path translated = dir.resolve(lang + "-translated.xlf");
        document.saveAs(translated.toFile());
        XLIFFReader.validate(translated.toFile()); // what we take back is valid XLIFF 2 too

        var translator = fixture.editorial.person("translator-" + lang);
        XliffImport.Report report = fixture.importer(ImportChecks.NONE).importFile(Files.readAllBytes(translated),
                translator);
        assertThat(report.refusals()).isEmpty();
        assertThat(report.failed()).isEmpty();
        assertThat(report.imported()).extracting(XliffImport.Entry::itemId)
                .containsExactlyInAnyOrder(fixture.topicId, fixture.questionId);
        assertThat(report.incomplete()).isNotEmpty(); // the demo texts nobody translated

        RevisionRef question = fixture.editorial.latest(fixture.questionId, lang);
        RevisionRef source = fixture.editorial.latest(fixture.questionId, "en");
        assertThat(question.text().title()).isEqualTo(phrases.get("When is a fever too high?"));
        assertThat(question.text().body()).isEqualTo(translate(XliffFixture.QUESTION_BODY, phrases));
        assertThat(question.text().sources()).isEqualTo("NICE NG143");
        assertThat(question.baseSourceRevisionId()).isEqualTo(source.id());
        assertThat(question.authorId()).isEqualTo(translator.userId());
        assertThat(app.services().queries().status(fixture.questionId, lang).state()).isEqualTo(ItemState.DRAFT);

        // the same file again changes nothing
        XliffImport.Report again = fixture.importer(ImportChecks.NONE).importFile(Files.readAllBytes(translated),
                translator);
        assertThat(again.imported()).isEmpty();
        assertThat(again.unchanged()).hasSize(2);
        assertThat(fixture.editorial.latest(fixture.questionId, lang).id()).isEqualTo(question.id());

        // and the drafts go through review and sign-off as usual
        var workflow = app.services().workflow();
        for (long item : new long[] {fixture.topicId, fixture.questionId}) {
            RevisionRef draft = fixture.editorial.latest(item, lang);
            workflow.submit(translator, draft.id());
            workflow.review(fixture.editorial.person("reviewer-" + lang), draft.id(), ReviewKind.LANGUAGE,
                    Decision.APPROVED, "", draft.contentHash());
            workflow.review(fixture.editorial.person("clinician"), draft.id(), ReviewKind.MEDICAL, Decision.APPROVED,
                    "", draft.contentHash());
            workflow.publish(fixture.editorial.person("editor"), draft.id(), null);
            assertThat(app.services().queries().status(item, lang).state()).isEqualTo(ItemState.PUBLISHED);
        }
        assertThat(new String(fixture.export().export(lang).xliff(), UTF_8))
                .doesNotContain("<mda:meta type=\"item\">" + fixture.questionId + "</mda:meta>");
    }

    private static String translate(String text, Map<String, String> phrases) {
        for (var phrase : phrases.entrySet()) {
            text = text.replace(phrase.getKey(), phrase.getValue());
        }
        return text;
    }

    private static Map<String, String> phrases(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
