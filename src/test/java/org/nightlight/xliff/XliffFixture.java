package org.nightlight.xliff;

import org.nightlight.App;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.Editorial;

/**
 * A demo app with a topic of our own whose texts use every kind of inline Markdown the exchange carries: emphasis,
 * strong emphasis, a link, inline code, a dose, a temperature and a web address.
 */
final class XliffFixture {

    static final String TOPIC_TITLE = "Fever in babies";
    static final String TOPIC_BODY = "What to do when a baby under *3 months* has a fever.";
    static final String QUESTION_TITLE = "When is a fever too high?";
    static final String QUESTION_BODY = """
            A temperature of **38 °C** or more in a baby under *3 months* is an emergency.

            - Give 2.5 ml of [paracetamol](https://www.nhs.uk/medicines/paracetamol-for-children/) only if a doctor said so.
            - Never give `aspirin` to a child.

            ```
            111
            ```

            Read more at https://www.nhs.uk/conditions/fever-in-children/ today.""";

    final App app;
    final Editorial editorial;
    final long topicId;
    final long questionId;

    XliffFixture(App app) {
        this.app = app;
        this.editorial = new Editorial(app);
        this.topicId = editorial.publishNewTopic(TOPIC_TITLE, TOPIC_BODY, "");
        this.questionId = editorial.publishNewQuestion(topicId, QUESTION_TITLE, QUESTION_BODY, "NICE NG143");
    }

    /** Another question of the topic with the same kind of text, for a test of its own. */
    long newQuestion(String title) {
        return editorial.publishNewQuestion(topicId, title, QUESTION_BODY, "NICE NG143");
    }

    /** The export into {@code lang}, as text. */
    String exported(String lang) {
        return new String(export().export(lang).xliff(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * What an agency sends back for one item: every segment of its units given a target, made from the source by
     * {@code translate} (which sees the XLIFF markup of the source, codes and all), and marked translated.
     */
    static String translated(String xliff, long itemId, java.util.function.UnaryOperator<String> translate) {
        java.util.regex.Matcher unit = java.util.regex.Pattern.compile(
                "<unit id=\"i" + itemId + "-.*?</unit>", java.util.regex.Pattern.DOTALL).matcher(xliff);
        StringBuilder out = new StringBuilder();
        while (unit.find()) {
            java.util.regex.Matcher segment = java.util.regex.Pattern.compile(
                    "<segment state=\"initial\">(\\s*)<source>(.*?)</source>", java.util.regex.Pattern.DOTALL)
                    .matcher(unit.group());
            StringBuilder filled = new StringBuilder();
            while (segment.find()) {
                segment.appendReplacement(filled, java.util.regex.Matcher.quoteReplacement("<segment state=\"translated\">"
                        + segment.group(1) + "<source>" + segment.group(2) + "</source><target>"
                        + translate.apply(segment.group(2)) + "</target>"));
            }
            segment.appendTail(filled);
            unit.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(filled.toString()));
        }
        unit.appendTail(out);
        return out.toString();
    }

    XliffExport export() {
        var s = app.services();
        return new XliffExport(s.queries(), s.languages(), TermHints.NONE);
    }

    XliffImport importer(ImportChecks checks) {
        var s = app.services();
        return new XliffImport(s.workflow(), s.queries(), s.accounts(), s.languages(), TermHints.NONE, checks);
    }

    /** A minor change of the question's English text: any export made before no longer fits. */
    void changeSource() {
        editorial.publishSource(questionId, QUESTION_TITLE, QUESTION_BODY + "\n\nAsk your pharmacist.",
                SourceChange.MINOR);
    }
}
