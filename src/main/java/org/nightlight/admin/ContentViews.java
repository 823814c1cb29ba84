package org.nightlight.admin;

import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.Person;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.RevisionText;
import org.nightlight.web.Markdown;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowQueries;

/**
 * What the content pages share: the services, lookups that answer 404 for what does not exist, and the
 * preview of a text exactly as the public pages render it (same Markdown renderer, same fragment).
 */
final class ContentViews {

    /** A text as the public page would show it, ready for the site's answer fragment. */
    record Preview(PublishedContent.Shown item, Map<Long, String> html, String sourcesHtml, String lang,
            String dir) {

        public String title() {
            return item.text().title();
        }
    }

    final Workflow workflow;
    final WorkflowQueries queries;
    final Accounts accounts;
    final Languages languages;
    final Markdown markdown;
    final AdminPages pages;
    final Clock clock;

    ContentViews(Workflow workflow, WorkflowQueries queries, Accounts accounts, Languages languages,
            Markdown markdown, AdminPages pages, Clock clock) {
        this.workflow = workflow;
        this.queries = queries;
        this.accounts = accounts;
        this.languages = languages;
        this.markdown = markdown;
        this.pages = pages;
        this.clock = clock;
    }

    List<Language> languages() {
        return languages.all();
    }

    Language language(String code) {
        return languages().stream().filter(l -> l.code().equals(code)).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    Language source() {
        return languages().stream().filter(Language::isSource).findFirst().orElseThrow();
    }

    /** Display names of everyone, by id (history and provenance name people). */
    Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        accounts.all().forEach(p -> names.put(p.id(), p.displayName()));
        return names;
    }

    /** The item's rows of the workflow overview, one per language it has or can have; 404 when none. */
    List<WorkItem> rows(long itemId) {
        return rows(queries.overviewOf(itemId), itemId);
    }

    static List<WorkItem> rows(List<WorkItem> overview, long itemId) {
        List<WorkItem> rows = overview.stream().filter(w -> w.itemId() == itemId).toList();
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        return rows;
    }

    static WorkItem sourceRow(List<WorkItem> rows) {
        return rows.stream().filter(WorkItem::sourceLanguage).findFirst().orElse(rows.get(0));
    }

    /** The newest revision of an item in a language, or null. */
    RevisionRef latest(long itemId, String lang) {
        List<RevisionRef> history = queries.history(itemId, lang);
        return history.isEmpty() ? null : history.get(0);
    }

    /** The live revision of an item in a language (withdrawn or not), or null. */
    RevisionRef live(long itemId, String lang) {
        Long liveId = queries.status(itemId, lang).liveRevisionId();
        if (liveId == null) {
            return null;
        }
        return queries.history(itemId, lang).stream().filter(r -> r.id() == liveId).findFirst().orElse(null);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    Preview preview(long itemId, ItemKind kind, Long topicId, RevisionText text, Language language) {
        var shown = new PublishedContent.Shown(itemId, kind, topicId, 0,
                new PublishedContent.Text(itemId, 0, language.code(), text.title(), text.slug(), text.body(),
                        text.sources(), null, null, new PublishedContent.Trust(null, null, null, null, null, null),
                        markdown.toHtml(text.body()), markdown.toHtml(text.sources()), markdown.toPlain(text.body())),
                PublishedContent.Notice.NONE);
        return new Preview(shown, Map.of(itemId, markdown.toHtml(text.body())), markdown.toHtml(text.sources()),
                language.code(), language.direction());
    }

    /** The rules the service enforces, asked by every page that offers a step. */
    Policy policy() {
        return workflow.policy();
    }

    /** The conversation on an item in a language for this person; new comments are about {@code about}. */
    ThreadPanel thread(Person me, long itemId, String lang, RevisionRef about, String back) {
        return new ThreadPanel(workflow.threads().of(itemId, lang),
                policy().comment(Policy.Person.of(me), lang).allowed(), about, back, "", null, 0);
    }

    /** The policy on this person writing this item's text in this language now. */
    Verdict edit(Person me, long itemId, String lang) {
        return policy().edit(Policy.Person.of(me), queries.slot(itemId, lang));
    }
}
