package org.nightlight.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Serves fresh cached public pages in front of everything else (servlets, Jersey, sessions, per-response
 * compression): a lookup, the chosen variant's prepared headers, a new request id and one write (an outdated
 * page too, which then goes to {@link BackgroundRenders}). Misses, stale pages and every other request go on to
 * the servlet stack, where {@link PageCacheFilter} renders and stores. Sits inside the Host allow-list, so only allowed origins are ever served.
 * <p>
 * Declared non-blocking, so Jetty runs it (and the handlers in front, which never block) on the thread that
 * read the request: a hit is answered without a hand-over to another thread. Everything else is handed to the
 * server's pool, where the servlet stack may block.
 */
public final class CachedPages extends Handler.Wrapper {

    private static final HttpField HIT = new PreEncodedHttpField(PageCacheFilter.STATUS_HEADER, "HIT");

    private final PageCache cache;

    public CachedPages(PageCache cache, Handler next) {
        super(next);
        this.cache = cache;
    }

    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!(head || HttpMethod.GET.is(method))
                || !LanguagePaths.isPublic(request.getHttpURI().getPath())) {
            return onPool(request, response, callback);
        }
        String pathAndQuery = PageCache.pathAndQuery(request);
        String key = PageCache.key(request, pathAndQuery, cache.variesOn(pathAndQuery));
        PageCache.Stored stored = cache.lookup(key);
        if (stored == null || !cache.fresh(stored) || BackgroundRenders.isRenderAgain(request)) {
            return onPool(request, response, callback);
        }
        PageVariants.Variant variant = stored.page().variants().choose(
                request.getHeaders().get(HttpHeader.ACCEPT_ENCODING) == null ? null
                        : String.join(",", request.getHeaders().getValuesList(HttpHeader.ACCEPT_ENCODING)));
        if (variant == null) {
            return onPool(request, response, callback);
        }
        var headers = response.getHeaders();
        // added, not put: the response has no headers yet, and put searches them first
        headers.add(variant.fields());
        headers.add(RequestIds.HEADER, RequestIds.newId());
        headers.add(HIT);
        if (cache.outdated(stored)) {
            cache.renderAgainLater(key, stored);
        }
        if (PageCacheFilter.matches(request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH), variant.etag())) {
            headers.remove(HttpHeader.CONTENT_LENGTH);
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(variant.body()).asReadOnlyBuffer(),
                callback);
        return true;
    }

    /** The rest of the chain on a pool thread, answered as Jetty answers a request no handler took (404). */
    private boolean onPool(Request request, Response response, Callback callback) {
        getServer().getThreadPool().execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        });
        return true;
    }
}
