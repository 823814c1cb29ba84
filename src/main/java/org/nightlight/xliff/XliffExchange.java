package org.nightlight.xliff;

import org.nightlight.account.Accounts;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.workbench.Glossary;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;

/** The exchange with translation agencies, as the admin and the commands use it. */
public record XliffExchange(XliffExport export, XliffImport importer) {

    /**
     * The one place the glossary and the automatic checks are plugged in: exports note a unit's glossary terms and
     * protect the do-not-translate ones; imports are refused while a blocking check fails.
     */
    public static XliffExchange of(Workflow workflow, WorkflowQueries queries, Accounts accounts, Languages languages,
            Glossary glossary) {
        TermHints terms = (sourceText, sourceLanguage, targetLanguage) -> Glossary
                .foundIn(sourceText, glossary.terms(sourceLanguage, targetLanguage)).stream()
                .map(e -> new Term(e.term(), e.translation(), e.note(), e.doNotTranslate())).toList();
        ImportChecks checks = (source, target, languageCode) -> workflow.checks()
                .check(source, sourceLanguage(languages), target, languageCode).blocking().stream()
                .map(f -> f.check().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.detail() + " " + f.args())
                .toList();
        return new XliffExchange(new XliffExport(queries, languages, terms),
                new XliffImport(workflow, queries, accounts, languages, terms, checks));
    }

    private static String sourceLanguage(Languages languages) {
        return languages.all().stream().filter(Language::isSource).map(Language::code).findFirst().orElse("en");
    }
}
