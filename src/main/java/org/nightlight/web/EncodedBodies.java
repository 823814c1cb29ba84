package org.nightlight.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses request bodies sent with a content coding (gzip, deflate, ...) with 415 before anything reads
 * them. No form of ours needs one, and inflating them is an attack surface: a truncated gzip body left a
 * thread spinning on the inflater. Goes in front of the compression handler, which would inflate them.
 */
public final class EncodedBodies extends Handler.Wrapper {

    public EncodedBodies(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String coding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
            Response.writeError(request, response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
