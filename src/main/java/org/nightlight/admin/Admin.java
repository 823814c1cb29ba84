package org.nightlight.admin;

import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;
import org.nightlight.account.Accounts;
import org.nightlight.account.LoginThrottle;
import org.nightlight.account.PasswordPolicy;
import org.nightlight.account.SecondFactorMode;
import org.nightlight.account.SecondFactors;
import org.nightlight.audit.AuditTrail;
import org.nightlight.content.HelpNumbers;
import org.nightlight.content.Languages;
import org.nightlight.content.SearchWords;
import org.nightlight.feedback.ReaderFeedback;
import org.nightlight.workbench.Glossary;
import org.nightlight.workbench.Suggestions;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;

/** Wires the admin face: its guard, its pages, and the first-start set-up. */
public final class Admin {

    private final SetupResource setup;
    private final ContentViews views;
    private final ItemEditor editor;

    private Admin(SetupResource setup, ContentViews views, ItemEditor editor) {
        this.setup = setup;
        this.views = views;
        this.editor = editor;
    }

    /** Registers the admin's pages on {@code config}, built on the services the composition root hands in. */
    public static Admin register(ResourceConfig config, Templates templates, Messages messages, Clock clock,
            Accounts accounts, Languages languages, Workflow workflow, WorkflowQueries queries,
            ReaderFeedback feedback, AuditTrail auditTrail, SearchWords searchWords, HelpNumbers helpNumbers,
            SecondFactors secondFactors,
            SecondFactorMode mode, boolean https, java.util.function.BooleanSupplier databaseReachable,
            org.nightlight.notify.Notify notify) {
        SignedFormToken formToken = new SignedFormToken(accounts.serverSecret("sign-in-form"), https, clock);
        AdminPages pages = new AdminPages(templates, messages, formToken, notify.inbox()::unread);
        PasswordPolicy policy = new PasswordPolicy();
        SetupResource setup = new SetupResource(accounts, policy, pages, clock);
        SignInRecovery recovery = new SignInRecovery(workflow, queries, pages);
        config.register(new AdminOutage(pages, databaseReachable))
                .register(new AdminGuard(accounts, mode, pages, clock))
                .register(new LoginResource(accounts, secondFactors, mode, new LoginThrottle(clock), policy, pages,
                        clock, recovery))
                .register(new SecondFactorResource(accounts, secondFactors, mode, pages, clock, recovery))
                .register(setup)
                .register(new DashboardResource(queries, workflow.policy(), feedback, pages, clock));
        // users, languages and the audit log (admins only, by @RolesAllowed checked in AdminRoles)
        config.register(new AdminRoles(pages));
        config.register(new UsersResource(accounts, languages, policy, pages));
        config.register(new LanguagesResource(languages, pages));
        config.register(new SearchWordsResource(searchWords, languages, queries, pages));
        config.register(new HelpNumbersResource(helpNumbers, languages, pages));
        config.register(new AuditResource(auditTrail, accounts, languages, pages, clock));
        // the inbox, one's notification settings, and the admins' outbox of mail
        config.register(new NotificationsResource(notify, pages));
        // what readers said (editors, clinicians, admins)
        config.register(new FeedbackAdminResource(feedback, queries, pages));
        // content: list, item pages, editor, review and sign-off, publishing
        ContentViews views = new ContentViews(workflow, queries, accounts, languages, new org.nightlight.web.Markdown(),
                pages, clock);
        ItemEditor editor = new ItemEditor(views);
        config.register(new ContentResource(views, editor))
                .register(new ItemResource(views, editor))
                .register(new RevisionResource(views))
                .register(new ThreadResource(views))
                .register(new DraftResource(views))
                .register(new WorkflowErrors(pages));
        return new Admin(setup, views, editor);
    }

    /** The translator's workbench: the paragraph view of the translation editor, and the glossary pages. */
    public void registerWorkbench(ResourceConfig config, Suggestions suggestions, Glossary glossary) {
        config.register(new ParagraphResource(views, editor, suggestions, glossary))
                .register(new GlossaryResource(glossary, views.languages, views.pages));
        // XLIFF exchange with translation agencies (translators, editors, admins)
        config.register(org.glassfish.jersey.media.multipart.MultiPartFeature.class)
                .register(new ExchangeResource(org.nightlight.xliff.XliffExchange.of(views.workflow, views.queries,
                        views.accounts, views.languages, glossary), views.languages, views.pages));
    }

    /** The one-time set-up token when no account exists yet. */
    public java.util.Optional<String> setupToken() {
        return setup.issueTokenIfNoUsers();
    }
}
