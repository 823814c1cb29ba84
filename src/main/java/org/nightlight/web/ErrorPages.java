package org.nightlight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a page in the visitor's language with the request id and no exception text;
 * unexpected ones are logged with that id so an operator can find them.
 */
public final class ErrorPages implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final Templates templates;
    private final Messages messages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    public ErrorPages(Templates templates, Messages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    @Override
    public Response toResponse(Throwable error) {
        int status = error instanceof WebApplicationException wae ? wae.getResponse().getStatus() : 500;
        if (status < 400) {
            return ((WebApplicationException) error).getResponse();
        }
        String requestId = String.valueOf(request.getAttribute(RequestIds.ATTRIBUTE));
        if (status >= 500) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getRequestURI(), error);
        } else {
            LOG.debug("request {} {} {} answered {}", requestId, request.getMethod(), request.getRequestURI(),
                    status);
        }
        Locale locale = visitorLocale(request, messages);
        String html = templates.render(request, response, "error", locale, Map.of(
                "status", status,
                "requestId", requestId,
                "lang", locale.toLanguageTag(),
                "dir", messages.rightToLeft(locale) ? "rtl" : "ltr"));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").entity(html).build();
    }

    /** The language of the address (/es/...), else the browser's preference, else English. */
    static Locale visitorLocale(HttpServletRequest request, Messages messages) {
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        String first = path.replaceFirst("^/+", "").split("/", 2)[0];
        if (first.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            Locale fromPath = messages.uiLocale(first);
            if (Messages.UI_LANGUAGES.contains(Locale.forLanguageTag(first).getLanguage())) {
                return fromPath;
            }
        }
        for (Locale preferred : Collections.list(request.getLocales())) {
            if (Messages.UI_LANGUAGES.contains(preferred.getLanguage())) {
                return Locale.forLanguageTag(preferred.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }
}
