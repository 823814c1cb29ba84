package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.account.Actor;
import org.nightlight.content.RevisionText;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.StaleRevision;
import org.nightlight.workflow.WorkflowFixture.Item;

/** Rule 7: concurrent edits never lose work; the loser gets StaleRevision with the winner's revision. */
class ConcurrentEditsTest {

    private static final int THREADS = 20;

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

    /** What one thread's first save came to: its revision, or the refusal naming the winner. */
    private record FirstTry(int thread, RevisionRef saved, StaleRevision stale) {
    }

    @Test
    void twentyEditorsSavingOnTheSameRevisionAtOnce_oneWins_theOthersGetTheWinner_andRetryingLosesNoWork()
            throws Exception {
        Item item = fx.createItem();
        long itemId = item.questionId();
        RevisionRef base = fx.latest(itemId, "en");
        List<RevisionText> texts = IntStream.range(0, THREADS)
                .mapToObj(i -> new RevisionText(base.text().title(), base.text().slug(),
                        "Answer written by editor thread " + i + ".", "Source " + i))
                .toList();
        Actor[] actors = {fx.editor, fx.editor2};

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // all at once, on the same base revision
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<FirstTry>> firstTries = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                firstTries.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        return new FirstTry(thread, fx.workflow.saveRevision(actors[thread % 2], itemId, "en",
                                base.number(), texts.get(thread), "thread " + thread), null);
                    } catch (StaleRevision e) {
                        return new FirstTry(thread, null, e);
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<FirstTry> outcomes = new ArrayList<>();
            for (Future<FirstTry> f : firstTries) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }

            List<FirstTry> winners = outcomes.stream().filter(o -> o.saved() != null).toList();
            List<FirstTry> losers = outcomes.stream().filter(o -> o.stale() != null).toList();
            assertThat(winners).hasSize(1);
            assertThat(losers).hasSize(THREADS - 1);
            RevisionRef winner = winners.get(0).saved();
            assertThat(winner.number()).isEqualTo(2);
            assertThat(winner.text()).isEqualTo(texts.get(winners.get(0).thread()));
            for (FirstTry loser : losers) {
                RevisionRef shown = loser.stale().latest();
                assertThat(shown.id()).as("thread %d sees the winner", loser.thread()).isEqualTo(winner.id());
                assertThat(shown.text()).as("thread %d sees the winner's text", loser.thread())
                        .isEqualTo(winner.text());
                assertThat(shown.text()).isNotEqualTo(texts.get(loser.thread()));
            }
            assertThat(fx.queries.history(itemId, "en")).hasSize(2);

            // every loser merges onto whatever is newest and tries again until its work is saved
            List<Future<RevisionRef>> retries = new ArrayList<>();
            for (FirstTry loser : losers) {
                Callable<RevisionRef> retry = () -> {
                    RevisionRef latest = loser.stale().latest();
                    for (int attempt = 0; attempt < 100; attempt++) {
                        try {
                            return fx.workflow.saveRevision(actors[loser.thread() % 2], itemId, "en", latest.number(),
                                    texts.get(loser.thread()), "thread " + loser.thread() + ", retried");
                        } catch (StaleRevision e) {
                            assertThat(e.latest().number()).as("a conflict is always with newer work")
                                    .isGreaterThan(latest.number());
                            latest = e.latest();
                        }
                    }
                    throw new AssertionError("thread " + loser.thread() + " never got its revision saved");
                };
                retries.add(pool.submit(retry));
            }
            for (Future<RevisionRef> f : retries) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RevisionRef> history = fx.queries.history(itemId, "en");
        assertThat(history).hasSize(1 + THREADS);
        assertThat(history).extracting(RevisionRef::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + THREADS).map(n -> 2 + THREADS - n).boxed()
                        .toList());
        assertThat(history).extracting(RevisionRef::text).containsAll(texts).contains(base.text())
                .doesNotHaveDuplicates();
        assertThat(fx.count("""
                select count(*) from audit_events where action = 'REVISION_SAVED' and item_id = ?""", itemId))
                .as("one audit event per saved revision, none for the refused attempts").isEqualTo(THREADS);
    }

    @Test
    void twoEditorsPublishingTheSameItemAtOnce_oneWins_theOtherIsToldNotFailed() throws Exception {
        Actor[] editors = {fx.editor, fx.editor2};
        for (int round = 0; round < 5; round++) {
            Item item = fx.createItem();
            RevisionRef signed = fx.signSource(item.questionId());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (Actor editor : editors) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        fx.workflow.publish(editor, signed.id(), null);
                        return "published";
                    } catch (WorkflowException.InvalidTransition refused) {
                        return refused.code();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            // the loser either raced the winner in the database or came just after it
            assertThat(results).containsOnlyOnce("published");
            assertThat(results).filteredOn(r -> !r.equals("published"))
                    .allMatch(r -> r.equals("workflow.error.publishedMeanwhile")
                            || r.equals("workflow.error.alreadyPublished"));
            assertThat(fx.count("""
                    select count(*) from publications where item_id = ? and language_code = 'en'
                    and ended_at is null""", item.questionId())).isEqualTo(1);
        }
    }
}
