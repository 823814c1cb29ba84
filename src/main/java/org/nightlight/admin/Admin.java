package org.nightlight.admin;

import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;
import org.nightlight.App;
import org.nightlight.account.LoginThrottle;
import org.nightlight.account.PasswordPolicy;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;

/** Wires the admin face: its guard, its pages, and the first-start set-up. */
public final class Admin {

    private final SetupResource setup;

    private Admin(SetupResource setup) {
        this.setup = setup;
    }

    public static Admin register(ResourceConfig config, App.Services services, Templates templates,
            Messages messages) {
        Clock clock = services.clock();
        AdminPages pages = new AdminPages(templates, messages);
        PasswordPolicy policy = new PasswordPolicy();
        SetupResource setup = new SetupResource(services.accounts(), policy, pages, clock);
        config.register(new AdminGuard(services.accounts(), pages, clock))
                .register(new LoginResource(services.accounts(), new LoginThrottle(clock), policy, pages, clock))
                .register(setup)
                .register(new DashboardResource(services.queries(), services.workflow().policy(),
                        services.feedback(), pages, clock));
        // users, languages and the audit log (admins only, by @RolesAllowed checked in AdminRoles)
        config.register(new AdminRoles(pages));
        config.register(new UsersResource(services.accounts(), services.languages(), policy, pages));
        config.register(new LanguagesResource(services.languages(), pages));
        config.register(new AuditResource(services.auditTrail(), services.accounts(), services.languages(), pages,
                clock));
        // what readers said (editors, clinicians, admins)
        config.register(new FeedbackAdminResource(services.feedback(), services.queries(), pages));
        // content: list, item pages, editor, review and sign-off, publishing
        ContentViews views = new ContentViews(services.workflow(), services.queries(), services.accounts(),
                services.languages(), new org.nightlight.web.Markdown(), pages, clock);
        ItemEditor editor = new ItemEditor(views);
        config.register(new ContentResource(views, editor))
                .register(new ItemResource(views, editor))
                .register(new RevisionResource(views))
                .register(new WorkflowErrors(pages));
        return new Admin(setup);
    }

    /** The one-time set-up token when no account exists yet. */
    public java.util.Optional<String> setupToken() {
        return setup.issueTokenIfNoUsers();
    }
}
