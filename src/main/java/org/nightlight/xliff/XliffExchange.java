package org.nightlight.xliff;

import org.nightlight.account.Accounts;
import org.nightlight.content.Languages;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;

/** The exchange with translation agencies, as the admin and the commands use it. */
public record XliffExchange(XliffExport export, XliffImport importer) {

    /**
     * The one place the glossary and the automatic checks are plugged in (both other changes; none yet): the
     * admin and the commands build the exchange here.
     */
    public static XliffExchange of(Workflow workflow, WorkflowQueries queries, Accounts accounts, Languages languages) {
        TermHints terms = TermHints.NONE;
        ImportChecks checks = ImportChecks.NONE;
        return new XliffExchange(new XliffExport(queries, languages, terms),
                new XliffImport(workflow, queries, accounts, languages, terms, checks));
    }
}
