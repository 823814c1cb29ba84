package org.nightlight.web;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Without a configured public origin, canonical links, hreflang, Open Graph, JSON-LD and the sitemap take
 * their origin from the request's Host, so only hosts of NIGHTLIGHT_ALLOWED_HOSTS are served (421 for any
 * other): a forged Host can neither appear in a page nor in what the cache serves to others.
 */
public final class AllowedHosts extends Handler.Wrapper {

    private final Set<String> hosts;

    /** {@code hosts}: lower-case host names or addresses, IPv6 without brackets; empty allows every host. */
    public AllowedHosts(Set<String> hosts, Handler next) {
        super(next);
        this.hosts = Set.copyOf(hosts);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hosts.isEmpty() && !hosts.contains(name(Request.getServerName(request)))) {
            Response.writeError(request, response, callback, HttpStatus.MISDIRECTED_REQUEST_421);
            return true;
        }
        return super.handle(request, response, callback);
    }

    static String name(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
