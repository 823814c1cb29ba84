package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.Serializable;
import java.net.URI;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nightlight.account.Accounts.Person;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;

/**
 * A form sent after the session ended comes back as a sign-in form that carries what was typed (as
 * {@code kept.*} fields, and {@code resend}, where it was going). Once the person is signed in again (after the
 * second factor too), an editor's text becomes their draft and the editor opens with it; any other form is
 * shown again, filled in, to be sent with the new session's token. Nothing typed is lost, nothing is done
 * without the person seeing it first.
 */
final class SignInRecovery {

    static final String KEPT = "kept.";
    private static final String HELD = "nightlight.keptForm";
    private static final Pattern EDITOR = Pattern.compile("/admin/items/(\\d+)/([A-Za-z0-9-]+)/edit");

    /** A form the person had typed: where it was sent, and its fields in order (never a password or token). */
    record Kept(String action, List<Map.Entry<String, String>> fields) implements Serializable {
    }

    /** A field of a form shown again: a text under its label, or hidden. */
    record Field(String name, String value, String label) {

        public boolean shown() {
            return label != null;
        }
    }

    private final Workflow workflow;
    private final WorkflowQueries queries;
    private final AdminPages pages;

    SignInRecovery(Workflow workflow, WorkflowQueries queries, AdminPages pages) {
        this.workflow = workflow;
        this.queries = queries;
        this.pages = pages;
    }

    /** The fields to show again; what people type under its label, every other field hidden. */
    static List<Field> fields(List<Map.Entry<String, String>> fields) {
        return fields.stream().map(f -> new Field(f.getKey(), f.getValue(), AdminOutage.label(f.getKey()))).toList();
    }

    /** A sent form's fields worth keeping: none of its token and no password. */
    static List<Map.Entry<String, String>> keepable(MultivaluedMap<String, String> form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        form.forEach((name, values) -> {
            if (!name.equals("_csrf") && !name.toLowerCase(Locale.ROOT).contains("password")) {
                values.forEach(v -> fields.add(Map.entry(name, v)));
            }
        });
        return fields;
    }

    /** The form the sign-in form carried back, or null. */
    static Kept kept(MultivaluedMap<String, String> signInForm) {
        String action = LoginResource.safeNext(signInForm.getFirst("resend"));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        signInForm.forEach((name, values) -> {
            if (name.startsWith(KEPT) && !name.toLowerCase(Locale.ROOT).contains("password")) {
                // serializable: it may wait in the session of the second step
                values.forEach(v -> fields.add(new AbstractMap.SimpleImmutableEntry<>(name.substring(KEPT.length()), v)));
            }
        });
        return fields.isEmpty() || !action.equals(signInForm.getFirst("resend")) ? null : new Kept(action, fields);
    }

    /** Keeps the form through the second step (in that step's session, which opens nothing else). */
    static void hold(HttpServletRequest request, Kept kept) {
        HttpSession session = request.getSession(false);
        if (kept != null && session != null) {
            session.setAttribute(HELD, kept);
        }
    }

    /** The form kept through the second step, read before the signed-in session replaces that step's. */
    static Kept held(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(HELD) instanceof Kept kept ? kept : null;
    }

    /** The sign-in form again with the text it carried, after a wrong password or too many tries. */
    String signInAgain(HttpServletRequest request, HttpServletResponse response, Kept kept, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("action", kept.action());
        model.put("fields", fields(kept.fields()));
        model.put("signIn", true);
        model.put("kept", KEPT);
        model.put("error", error);
        return pages.render(request, response, "admin/csrf", model);
    }

    /** Signed in again: the editor with the text as the person's draft, or the form again to send. */
    Response resume(HttpServletRequest request, HttpServletResponse response, Person person, Kept kept) {
        Matcher editor = EDITOR.matcher(kept.action());
        if (editor.matches() && keepAsDraft(person, Long.parseLong(editor.group(1)), editor.group(2), kept)) {
            return Response.seeOther(URI.create(kept.action())).build();
        }
        request.setAttribute(AdminUser.REQUEST_PERSON, person);
        Map<String, Object> model = new HashMap<>();
        model.put("action", kept.action());
        model.put("fields", fields(kept.fields()));
        model.put("signIn", false);
        String html = pages.render(request, response, "admin/csrf", model);
        return Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** The typed text as the person's draft, where the policy lets them write; false when it does not. */
    private boolean keepAsDraft(Person person, long itemId, String lang, Kept kept) {
        Policy.Slot slot = queries.slot(itemId, lang);
        if (slot == null || !workflow.policy().edit(Policy.Person.of(person), slot).allowed()) {
            return false;
        }
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> form = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        kept.fields().forEach(f -> form.add(f.getKey(), f.getValue()));
        var draft = TextForm.from(form).draft();
        if (!draft.fits()) {
            return false;
        }
        workflow.drafts().save(person.id(), itemId, lang, draft);
        return true;
    }
}
