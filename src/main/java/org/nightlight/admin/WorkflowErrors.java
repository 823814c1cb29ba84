package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.Map;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused workflow step that no form showed in place becomes a page in the person's language naming the
 * rule: 403 for who may not, 404 for what does not exist, 409 for a step that does not fit the item's state.
 */
final class WorkflowErrors implements ExceptionMapper<WorkflowException> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowErrors.class);

    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    WorkflowErrors(AdminPages pages) {
        this.pages = pages;
    }

    static int status(WorkflowException e) {
        if (e instanceof WorkflowException.NotPermitted || e instanceof WorkflowException.NotQualifiedForLanguage
                || e instanceof WorkflowException.SelfReviewRefused) {
            return 403;
        }
        return e instanceof WorkflowException.NotFound ? 404 : 409;
    }

    /** The same statuses for a refusal the policy gave before anything was tried. */
    static int status(Verdict verdict) {
        return switch (verdict.kind()) {
            case NOT_PERMITTED, NOT_QUALIFIED, SELF_REVIEW -> 403;
            default -> 409;
        };
    }

    @Override
    public Response toResponse(WorkflowException e) {
        if (e instanceof WorkflowException.RefusedByDatabase) {
            // the service let through what the database refused: a rule missing from the policy, worth a look
            LOG.warn("{} {} refused by the database: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        } else {
            LOG.debug("{} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        return page(request, response, pages, status(e), e.code(), null);
    }

    /** The refusal page for a message key, with a way back to the page the action came from. */
    static Response page(HttpServletRequest request, HttpServletResponse response, AdminPages pages, int status,
            String messageKey, String back) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("messageKey", messageKey);
        model.put("back", back != null ? back : backFrom(request));
        String html = pages.render(request, response, "admin/refused", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /** The admin page the refused action belongs to: its own address for a page, the content list otherwise. */
    private static String backFrom(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path != null && path.matches("/admin/(items/\\d+/[A-Za-z0-9-]+|revisions/\\d+)(/.*)?")) {
            String[] parts = path.split("/");
            return parts[2].equals("items") ? "/admin/items/" + parts[3] + "/" + parts[4]
                    : "/admin/revisions/" + parts[3];
        }
        return "/admin/content";
    }
}
