package org.nightlight.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that Jetty answers itself, before or outside Jersey: an address it cannot decode or considers
 * ambiguous, a request line or header too large, a missing static file, a servlet that threw. The visitor gets
 * a small page in their language with a request id and the usual security headers, never Jetty's message,
 * the address they sent or a stack trace; the log gets the details with the same id.
 */
public final class SafeErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SafeErrorHandler.class);

    private final Messages messages;

    public SafeErrorHandler(Messages messages) {
        this.messages = messages;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = status(request, response);
        String requestId = requestId(request);
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        Object message = request.getAttribute(ERROR_MESSAGE);
        String method = request.getMethod();
        if (status >= 500) {
            LOG.error("request {} {} {} answered {} by the server: {}", requestId, method, safePath(request), status,
                    message, cause);
        } else {
            LOG.info("request {} {} {} answered {} by the server: {}", requestId, method, safePath(request), status,
                    message);
        }
        Locale locale = locale(request);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(RequestIds.HEADER, requestId);
        RequestIds.securityHeaders(headers::put);
        byte[] body = page(locale, status, requestId).getBytes(StandardCharsets.UTF_8);
        headers.put(HttpHeader.CONTENT_LENGTH, String.valueOf(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Errors found while parsing the request (too long an address or header): the same page, in English. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RequestIds.newId();
        LOG.info("request {} rejected while parsing: {} {}", requestId, status, reason);
        fields.put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put(RequestIds.HEADER, requestId);
        RequestIds.securityHeaders((name, value) -> fields.put(new HttpField(name, value)));
        return ByteBuffer.wrap(page(Locale.ENGLISH, status, requestId).getBytes(StandardCharsets.UTF_8));
    }

    private static int status(Request request, Response response) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        return status < 400 || status > 599 ? HttpStatus.INTERNAL_SERVER_ERROR_500 : status;
    }

    private static String requestId(Request request) {
        return request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id ? id : RequestIds.newId();
    }

    /** The path for the log only; an address Jetty could not read may throw here. */
    private static String safePath(Request request) {
        try {
            return String.valueOf(request.getHttpURI().getPath());
        } catch (RuntimeException e) {
            return "(unreadable address)";
        }
    }

    private Locale locale(Request request) {
        try {
            String path = request.getHttpURI().getPath();
            String first = path == null ? "" : path.replaceFirst("^/+", "").split("/", 2)[0];
            List<String> accept = request.getHeaders().getValuesList(HttpHeader.ACCEPT_LANGUAGE);
            return ErrorPages.visitorLocale(first, accept, messages);
        } catch (RuntimeException e) {
            return Locale.ENGLISH;
        }
    }

    /** A complete small page; only our own texts and the hex request id go into it, escaped all the same. */
    String page(Locale locale, int status, String requestId) {
        String title = messages.get(locale, status == 404 ? "error.notFound.title" : "error.other.title");
        String text = messages.get(locale, status == 404 ? "error.notFound.text"
                : status >= 500 ? "error.server.text" : "error.request.text");
        String lang = Messages.UI_LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\" dir=\"" + (messages.rightToLeft(locale) ? "rtl" : "ltr")
                + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>" + escape(title) + " · " + escape(messages.get(locale, "site.name")) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n"
                + "<a class=\"skip-link\" href=\"#main\">" + escape(messages.get(locale, "site.skip")) + "</a>\n"
                + "<header class=\"site-header\"><div class=\"site-header-bar\"><a class=\"brand\" href=\"/" + lang
                + "/\">" + escape(messages.get(locale, "site.name")) + "</a></div></header>\n"
                + "<main id=\"main\">\n<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>\n"
                + "<p class=\"home-link\"><a href=\"/" + lang + "/\">" + escape(messages.get(locale, "error.home")) + "</a></p>\n"
                + "<p class=\"request-id\">" + escape(messages.get(locale, "error.requestId", requestId)) + "</p>\n"
                + "</main>\n<footer class=\"site-footer\"><p class=\"disclaimer\">"
                + escape(messages.get(locale, "site.disclaimer")) + "</p></footer>\n</body>\n</html>\n";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
