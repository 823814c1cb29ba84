package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Accounts.UserChanges;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.RefusedByDatabase;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * When the database's safeguards refuse what the service let through, the person is told that, not "someone
 * else was faster" or "your text is stale", and the database's reason is kept for the log.
 */
class DatabaseRefusalTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void aReviewByAClinicianQualifiedOnlyAfterTheTextWasSubmitted_isRefusedByTheDatabase_asSuch() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        fx.workflow.submit(fx.editor, revision.id());
        var accounts = fx.app.services().accounts();
        long late = accounts.createUser(fx.admin, new NewUser("late-clinician", "Dr Late", "MD", null,
                Set.of(Role.CLINICIAN), Set.of(), false));
        accounts.updateUser(fx.admin, late, new UserChanges("Dr Late", "MD", Set.of(Role.CLINICIAN),
                Set.of(new Qualification("en", Capability.MEDICAL_REVIEW))));

        RefusedByDatabase refused = fx.assertRefused(RefusedByDatabase.class, () -> fx.workflow.review(Actor.of(late),
                revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", revision.contentHash()));

        assertThat(refused.code()).isEqualTo("workflow.error.refusedByDatabase");
        assertThat(refused.getMessage()).startsWith("NL001").contains("was not qualified");
    }
}
