package org.nightlight.web;

import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Behind a reverse proxy, the client's address, scheme and host come from its Forwarded / X-Forwarded-*
 * headers (so readers do not share one rate-limit bucket and sign-in throttle), but only for requests
 * that come from one of these proxies: anyone else could write those headers too.
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {

    private final Set<String> proxies;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    /** {@code proxies}: IP addresses as Java prints them (IPv6 without brackets). */
    public TrustedProxies(Set<String> proxies) {
        this.proxies = Set.copyOf(proxies);
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        String from = Request.getRemoteAddr(request);
        return proxies.contains(AllowedHosts.name(from)) ? forwarded.customize(request, responseHeaders) : request;
    }
}
