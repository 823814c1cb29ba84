package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nightlight.checks.Report;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.RevisionText;
import org.nightlight.workflow.Drafts;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.WorkflowException;
import org.nightlight.workflow.WorkflowException.InvalidText;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.StaleRevision;

/**
 * The editor form shared by "new item" and "edit item": preview, save draft, save and submit. Whatever goes
 * wrong, the form comes back with the typed text in it and the problem named next to its field; on a
 * conflicting save both versions are shown.
 */
final class ItemEditor {

    /** What the page is about: which item (0 when new), its kind, the language, where the form posts. */
    record Target(long itemId, ItemKind kind, Long topicId, Language language, String action, String heading,
            String context) {
    }

    private final ContentViews views;
    private final Drafts drafts;

    ItemEditor(ContentViews views) {
        this.views = views;
        this.drafts = views.workflow.drafts();
    }

    /** The form as first shown. */
    Response show(HttpServletRequest request, HttpServletResponse response, Target target, TextForm form) {
        return show(request, response, target, form, null, null);
    }

    /** The form reopened with the person's own draft (from the autosave, a language switch, a new sign-in). */
    Response showDraft(HttpServletRequest request, HttpServletResponse response, Target target,
            Drafts.Draft draft) {
        return page(request, response, 200, target, TextForm.of(draft), Map.of(), null, null, null,
                draft.savedAt());
    }

    /**
     * The form as shown again after a translation was saved ({@code done}) or kept from review by its checks
     * ({@code refused}), with that said and the checks' findings.
     */
    Response show(HttpServletRequest request, HttpServletResponse response, Target target, TextForm form,
            String done, String refused) {
        Map<String, Object> flash = Map.of("checksSaved", Flash.done(done) != null);
        return page(request, response, 200, target, form, Map.of(), Flash.refused(refused), null, null, null,
                flash);
    }

    /**
     * Handles a POST of the form. {@code save} writes the revision and returns it; it runs only for "save" and
     * "submit". Answers a redirect to the item page on success, else the form again.
     */
    Response post(HttpServletRequest request, HttpServletResponse response, Target target, TextForm form,
            String action, Function<RevisionText, RevisionRef> save) {
        return post(request, response, target, form, action, save, "/edit");
    }

    /**
     * As above, but a saved translation with findings, or one its checks kept from review, is shown on
     * {@code checksPage} under the item's page (the full editor's "/edit", the paragraph view's "/paragraphs"),
     * so the translator fixes it where they were working.
     */
    Response post(HttpServletRequest request, HttpServletResponse response, Target target, TextForm form,
            String action, Function<RevisionText, RevisionRef> save, String checksPage) {
        RevisionText text = form.text();
        keepDraft(request, target, form);
        if ("preview".equals(action)) {
            return page(request, response, 200, target, form, Map.of(), null, null,
                    views.preview(target.itemId(), target.kind(), target.topicId(), text, target.language()), null);
        }
        RevisionRef saved;
        try {
            saved = save.apply(text);
        } catch (InvalidTransition e) {
            if ("workflow.error.unchanged".equals(e.code())) {
                // nothing to keep: the text is the newest revision's
                drafts.discard(AdminUser.person(request).id(), target.itemId(), target.language().code());
                Response submitted = "submit".equals(action) ? submitUnchanged(request, target, form, checksPage)
                        : null;
                if (submitted != null) {
                    return submitted;
                }
            }
            return page(request, response, WorkflowErrors.status(e), target, form, Map.of(), e.code(), null, null, null);
        } catch (InvalidText e) {
            return page(request, response, 400, target, form, Map.of(e.field(), e.code()), null, null, null, null);
        } catch (StaleRevision e) {
            // Someone saved first: show theirs beside what was typed, and base the form on theirs so that
            // saving again is a deliberate choice made after seeing both.
            return page(request, response, 409, target, form.basedOn(e.latest().number()), Map.of(), e.code(),
                    e.latest(), null, null);
        } catch (WorkflowException e) {
            return page(request, response, WorkflowErrors.status(e), target, form, Map.of(), e.code(), null, null, null);
        }
        String done = "saved";
        if ("submit".equals(action)) {
            try {
                views.workflow.submit(AdminUser.actor(request), saved.id());
                done = "submitted";
            } catch (WorkflowException.ChecksFailed e) {
                // the draft is saved; the editor shows it with what the checks found, to be fixed there
                return Response.seeOther(URI.create(itemPath(saved) + checksPage + "?refused=" + e.code())).build();
            } catch (WorkflowException e) {
                // the draft is saved; the item page says why it could not go to review
                return Response.seeOther(URI.create(itemPath(saved) + "?refused=" + e.code())).build();
            }
        }
        if ("saved".equals(done) && !checked(saved).clean()) {
            return Response.seeOther(URI.create(itemPath(saved) + checksPage + "?done=saved")).build();
        }
        return Response.seeOther(URI.create(itemPath(saved) + "?done=" + done)).build();
    }

    /**
     * "Save and submit" of the very text of a draft revision nobody submitted yet: that revision goes to review,
     * no copy of it is made. Null when the newest revision is not such a draft (then the form says "unchanged").
     */
    private Response submitUnchanged(HttpServletRequest request, Target target, TextForm form, String checksPage) {
        RevisionRef latest = views.latest(target.itemId(), target.language().code());
        if (latest == null || latest.number() != form.basedOn()) {
            return null;
        }
        Policy.Rev facts = views.queries.rev(latest.id());
        if (facts == null || facts.submitted()) {
            return null;
        }
        try {
            views.workflow.submit(AdminUser.actor(request), latest.id());
        } catch (WorkflowException.ChecksFailed e) {
            // not "unchanged": that draft is what the checks keep from review, shown with their findings
            return Response.seeOther(URI.create(itemPath(latest) + checksPage + "?refused=" + e.code())).build();
        } catch (WorkflowException e) {
            return null;
        }
        drafts.discard(AdminUser.person(request).id(), target.itemId(), target.language().code());
        return Response.seeOther(URI.create(itemPath(latest) + "?done=submitted")).build();
    }

    /** What was posted is the person's draft until a revision is saved (which deletes it in its transaction). */
    private void keepDraft(HttpServletRequest request, Target target, TextForm form) {
        Drafts.Draft draft = form.draft();
        if (target.itemId() != 0 && draft.fits() && views.edit(AdminUser.person(request), target.itemId(),
                target.language().code()).allowed()) {
            drafts.save(AdminUser.person(request).id(), target.itemId(), target.language().code(), draft);
        }
    }

    /** What the automatic checks find in a saved translation (nothing for source text). */
    private Report checked(RevisionRef saved) {
        if (saved.baseSourceRevisionId() == null) {
            return new Report(List.of());
        }
        RevisionRef source = views.queries.revision(saved.baseSourceRevisionId()).orElseThrow();
        return views.workflow.checks().check(source.text(), source.languageCode(), saved.text(),
                saved.languageCode());
    }

    static String itemPath(RevisionRef revision) {
        return "/admin/items/" + revision.itemId() + "/" + revision.languageCode();
    }

    private Response page(HttpServletRequest request, HttpServletResponse response, int status, Target target,
            TextForm form, Map<String, String> errors, String formError, RevisionRef theirs,
            ContentViews.Preview preview, java.time.Instant draftSavedAt) {
        return page(request, response, status, target, form, errors, formError, theirs, preview, draftSavedAt,
                Map.of());
    }

    private Response page(HttpServletRequest request, HttpServletResponse response, int status, Target target,
            TextForm form, Map<String, String> errors, String formError, RevisionRef theirs,
            ContentViews.Preview preview, java.time.Instant draftSavedAt, Map<String, Object> flash) {
        Map<String, Object> model = new HashMap<>(flash);
        model.put("draftSavedAt", draftSavedAt);
        model.put("target", target);
        model.put("form", form);
        model.put("errors", errors);
        model.put("formError", formError);
        model.put("preview", preview);
        model.put("theirs", theirs);
        if (theirs != null) {
            RevisionText mine = form.text();
            model.put("theirsAuthor", theirs.authorId() == null ? "" : views.names().get(theirs.authorId()));
            model.put("conflictDiff", Map.of(
                    "title", WordDiff.html(theirs.text().title(), mine.title()),
                    "body", WordDiff.html(theirs.text().body(), mine.body()),
                    "sources", WordDiff.html(theirs.text().sources(), mine.sources())));
        }
        Language language = target.language();
        model.put("contentLang", language.code());
        model.put("contentDir", language.direction());
        if (target.itemId() != 0) {
            RevisionRef latest = views.latest(target.itemId(), language.code());
            if (!language.isSource()) {
                sourceSide(model, target, form, latest);
            }
            model.put("thread", views.thread(AdminUser.person(request), target.itemId(), language.code(), latest,
                    target.action()));
        }
        String html = views.pages.render(request, response, "admin/edit", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /**
     * For a translation: the live source beside it, what changed in the source since its base, and what the
     * automatic checks find in the form's text against it (the source the next save is made from).
     */
    private void sourceSide(Map<String, Object> model, Target target, TextForm form,
            RevisionRef translation) {
        Language source = views.source();
        RevisionRef liveSource = views.live(target.itemId(), source.code());
        model.put("sourceLang", source);
        model.put("liveSource", liveSource);
        if (liveSource == null) {
            return;
        }
        model.put("liveSourceHtml", views.markdown.toHtml(liveSource.text().body()));
        if (!form.body().isBlank()) {
            model.put("translationChecks", views.workflow.checks().check(liveSource.text(), source.code(),
                    form.text(), target.language().code()));
        }
        Long baseId = translation == null ? null : translation.baseSourceRevisionId();
        if (baseId != null && baseId != liveSource.id()) {
            views.queries.revision(baseId).ifPresent(base -> {
                model.put("sourceBase", base);
                model.put("sourceChanges", Map.of(
                        "title", WordDiff.html(base.text().title(), liveSource.text().title()),
                        "body", WordDiff.html(base.text().body(), liveSource.text().body()),
                        "sources", WordDiff.html(base.text().sources(), liveSource.text().sources())));
            });
        }
    }
}
