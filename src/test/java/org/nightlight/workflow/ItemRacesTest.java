package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * One item at a time, with real threads on real PostgreSQL: two people change one item at the same instant.
 * Whatever order the database lets them in, the rules hold and each person gets the workflow's own answer
 * (done, or a refusal that names the rule), never the database's safeguards refusing what the service let
 * through on a state read before the other's change. Without the item lock the service reads the old state
 * and the database refuses the write, so these tests fail.
 */
class ItemRacesTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;
    static ExecutorService threads;

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        threads.shutdownNow();
        fx.close();
    }

    @RepeatedTest(20)
    void aTranslationPublishedAtTheMomentOfASafetySourceChange_isNeverLiveOnThePreSafetySource() throws Exception {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "fr", "Traduite de l'ancien texte.");
        fx.signTranslation(french);
        fx.editSource(item.questionId(), "Call a doctor at once if the baby turns blue.");
        RevisionRef safety = fx.signSource(item.questionId());

        List<Throwable> failures = atOnce(
                () -> fx.workflow.publish(fx.editor, safety.id(), SourceChange.SAFETY),
                () -> fx.workflow.publish(fx.editor2, french.id(), null));

        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(safety.id());
        assertThat(fx.count("""
                select count(*) from publications p join revisions t on t.id = p.revision_id
                join revisions b on b.id = t.base_source_revision_id
                where p.item_id = ? and p.language_code = 'fr' and p.ended_at is null and p.withdrawn_at is null
                  and b.number < ?""", item.questionId(), safety.number()))
                .as("French text made from the pre-SAFETY source, live and not withdrawn").isZero();
        assertOnlyWorkflowRefusals(failures, "workflow.error.safetyChangeSinceTranslated");
    }

    @RepeatedTest(20)
    void anUnsafeRefusalRacingAPublishOfTheSameRevision_neverLeavesItLive() throws Exception {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());

        List<Throwable> failures = atOnce(
                () -> fx.workflow.review(fx.clinicianEn, revision.id(), ReviewKind.MEDICAL,
                        Decision.CHANGES_REQUESTED, "Wrong: this advice is unsafe.", revision.contentHash(),
                        LiveOutcome.UNSAFE),
                () -> fx.workflow.publish(fx.editor, revision.id(), null));

        assertThat(fx.count("""
                select count(*) from publications
                where revision_id = ? and ended_at is null and withdrawn_at is null""", revision.id()))
                .as("the refused revision live and not withdrawn").isZero();
        assertThat(fx.row("""
                select decision from reviews where revision_id = ? and kind = 'MEDICAL'
                order by id desc limit 1""", revision.id())).containsEntry("decision", "CHANGES_REQUESTED");
        assertOnlyWorkflowRefusals(failures, "workflow.error.notApproved");
    }

    /** Runs both at the same instant; returns what each threw (null when it succeeded). */
    private static List<Throwable> atOnce(Runnable first, Runnable second) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Throwable>> futures = new ArrayList<>();
        for (Runnable action : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    action.run();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }));
        }
        ready.await(10, TimeUnit.SECONDS);
        go.countDown();
        List<Throwable> thrown = new ArrayList<>();
        for (Future<Throwable> f : futures) {
            thrown.add(f.get(60, TimeUnit.SECONDS));
        }
        return thrown;
    }

    /** Each person was either served or told the rule that refused them. */
    private static void assertOnlyWorkflowRefusals(List<Throwable> thrown, String... allowedCodes) {
        for (Throwable t : thrown) {
            if (t == null) {
                continue;
            }
            assertThat(t).as("a refusal of the workflow, not of the database behind it")
                    .isInstanceOf(WorkflowException.class)
                    .isNotInstanceOf(WorkflowException.RefusedByDatabase.class);
            assertThat(((WorkflowException) t).code()).isIn((Object[]) allowedCodes);
        }
    }
}
