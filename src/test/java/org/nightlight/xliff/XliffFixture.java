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
