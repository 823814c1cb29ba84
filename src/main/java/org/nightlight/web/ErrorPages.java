package org.nightlight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a page in the visitor's language with the request id and no exception text;
 * unexpected ones are logged with that id so an operator can find them.
 */
public final class ErrorPages implements jakarta.ws.rs.ext.ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    private static final java.util.regex.Pattern LANGUAGE_SEGMENT =
            java.util.regex.Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final Templates templates;
    private final Messages messages;
    private final Supplier<List<LanguageLink>> languages;
    private final java.util.function.BooleanSupplier databaseReachable;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    /** {@code languages}: the public languages, each linking to its home page, for the switcher. */
    /** {@code databaseReachable}: asked when a failure came from the database, to tell an outage from a bug. */
    public ErrorPages(Templates templates, Messages messages, Supplier<List<LanguageLink>> languages,
            java.util.function.BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
        this.templates = templates;
        this.messages = messages;
        this.languages = languages;
    }

    @Override
    public Response toResponse(Throwable error) {
        int status = status(error);
        if (status == 500 && fromTheDatabase(error) && !databaseReachable.getAsBoolean()) {
            status = 503; // a connection cut mid-request surfaces as anything, even a failed rollback
        }
        if (status < 400 && error instanceof WebApplicationException redirect) {
            return redirect.getResponse();
        }
        status = status < 400 ? 500 : status;
        String requestId = String.valueOf(request.getAttribute(RequestIds.ATTRIBUTE));
        if (status >= 500) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getRequestURI(), error);
        } else {
            LOG.debug("request {} {} {} answered {}", requestId, request.getMethod(), request.getRequestURI(),
                    status);
        }
        Locale locale = visitorLocale(request, messages);
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("requestId", requestId);
        model.put("lang", locale.toLanguageTag());
        model.put("dir", messages.rightToLeft(locale) ? "rtl" : "ltr");
        model.put("noindex", true);
        model.put("languages", switcher(locale));
        String html = templates.render(request, response, "error", locale, model);
        Response.ResponseBuilder answer = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(html);
        if (status == 503) {
            answer.header("Retry-After", "10");
        }
        if (error instanceof WebApplicationException wae) {
            // keep what the status needs (Allow on 405), never anything that describes the failure
            String allow = wae.getResponse().getHeaderString("Allow");
            if (allow != null) {
                answer.header("Allow", allow);
            }
        }
        return answer.build();
    }

    /**
     * The status a failure deserves: its own for a web exception or one Jetty raised while reading the request
     * (a malformed query string is Jetty's 400, met wherever the parameters are first read, even in a
     * template); 400 for text PostgreSQL cannot store (a NUL byte) or bytes that are not UTF-8; 415 for a
     * charset we do not know; 408 for a body the client never finished; 500 for anything else.
     */
    static int status(Throwable error) {
        boolean unavailable = false;
        for (Throwable t : chain(error)) {
            if (t instanceof WebApplicationException wae) {
                return wae.getResponse().getStatus();
            }
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400) {
                return http.getCode();
            }
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return 400;
            }
            if (t instanceof java.nio.charset.UnsupportedCharsetException
                    || t instanceof java.nio.charset.IllegalCharsetNameException) {
                return 415;
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return 408;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("22021") || sql.getSQLState().equals("22P05"))) {
                return 400; // character_not_in_repertoire (NUL), untranslatable_character
            }
            unavailable |= databaseUnavailable(t);
        }
        return unavailable ? 503 : 500;
    }

    private static boolean fromTheDatabase(Throwable error) {
        return chain(error).stream().anyMatch(t -> t instanceof java.sql.SQLException
                || t instanceof jakarta.persistence.PersistenceException);
    }

    /**
     * The error, its causes and their suppressed exceptions, each once: a query cut off by a database shutdown
     * surfaces as a failed rollback whose cause says nothing of the shutdown.
     */
    private static List<Throwable> chain(Throwable error) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> pending = new java.util.ArrayDeque<>(List.of(error));
        List<Throwable> chain = new java.util.ArrayList<>();
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (seen.add(t)) {
                chain.add(t);
                if (t.getCause() != null) {
                    pending.add(t.getCause());
                }
                pending.addAll(List.of(t.getSuppressed()));
            }
        }
        return chain;
    }

    /** No connection to PostgreSQL: none free within the pool's timeout, refused, lost, or shutting down. */
    static boolean databaseUnavailable(Throwable t) {
        if (t instanceof java.sql.SQLTransientConnectionException
                || t instanceof org.hibernate.exception.JDBCConnectionException) {
            return true;
        }
        String state = t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03"));
    }

    /** The public languages' home pages; none when they cannot be read (the database may be why we are here). */
    private List<LanguageLink> switcher(Locale locale) {
        try {
            return languages.get().stream()
                    .map(l -> l.asCurrent(l.code().equals(locale.toLanguageTag())))
                    .toList();
        } catch (RuntimeException e) {
            LOG.debug("no language switcher on this error page: {}", e.toString());
            return List.of();
        }
    }

    /** The language of the address (/es/...), else the browser's preference, else English. */
    static Locale visitorLocale(HttpServletRequest request, Messages messages) {
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        String first = path.replaceFirst("^/+", "").split("/", 2)[0];
        return visitorLocale(first, Collections.list(request.getHeaders("Accept-Language")), messages);
    }

    /** The same for callers without a servlet request (Jetty's own error pages). */
    static Locale visitorLocale(String firstSegment, List<String> acceptLanguage, Messages messages) {
        if (firstSegment != null && LANGUAGE_SEGMENT.matcher(firstSegment).matches()
                && Messages.UI_LANGUAGES.contains(Locale.forLanguageTag(firstSegment).getLanguage())) {
            return messages.uiLocale(firstSegment);
        }
        String chosen = AcceptLanguage.negotiate(String.join(",", acceptLanguage), Messages.UI_LANGUAGES,
                Messages.UI_LANGUAGES.get(0));
        return Locale.forLanguageTag(chosen);
    }
}
