package org.nightlight.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static files, kept in memory and served by this filter. site.css is also served as
 * /static/site.&lt;hash&gt;.css, the hash taken from its content at start, with a one-year immutable
 * Cache-Control, and templates link that name ({@code ${assets.url('site.css')}}), so a new stylesheet is a new
 * address and browsers never keep an old one. A fingerprint that is not the current one (a page from an instance
 * with another version, during a rolling deploy) still gets the current file, but only with a short lifetime, as
 * every file does under its plain name. Anything else under /static/ is not found. (Jetty's resource servlet did
 * this from the jar: mounting the 90 MB jar as a file system cost a third of a second of every start.)
 */
public final class StaticAssets implements Filter {

    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String SHORT = "public, max-age=60";

    /** Every file under static/ on the class path. */
    public static final String[] FILES = {"site.css", "admin.css", "drafts.js", "favicon.ico"};
    private static final String PREFIX = "/static/";
    private static final Pattern FINGERPRINTED = Pattern.compile("/static/(.+)\\.([0-9a-f]{12})\\.([A-Za-z0-9]+)");

    private record Asset(String contentType, byte[] bytes, String hash) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    private StaticAssets() {
    }

    /** Reads the named files from static/ on the class path and fingerprints them. */
    public static StaticAssets load(String... names) {
        StaticAssets loaded = new StaticAssets();
        for (String name : names) {
            try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("static/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("static/" + name + " is missing from the class path");
                }
                byte[] bytes = in.readAllBytes();
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                        .substring(0, 12);
                loaded.assets.put(name, new Asset(contentType(name), bytes, hash));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return loaded;
    }

    /** The address to link: fingerprinted for a known file, else the plain one. */
    public String url(String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            return "/static/" + name;
        }
        int dot = name.lastIndexOf('.');
        return "/static/" + name.substring(0, dot) + "." + asset.hash() + name.substring(dot);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        Matcher m = FINGERPRINTED.matcher(path);
        Asset fingerprinted = m.matches() ? assets.get(m.group(1) + "." + m.group(3)) : null;
        Asset asset = fingerprinted != null ? fingerprinted
                : path.startsWith(PREFIX) ? assets.get(path.substring(PREFIX.length())) : null;
        if (asset == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String method = request.getMethod();
        if (!(method.equals("GET") || method.equals("HEAD"))) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String etag = "\"" + asset.hash() + "\"";
        response.setHeader("Cache-Control", fingerprinted != null && asset.hash().equals(m.group(2)) ? IMMUTABLE
                : SHORT);
        response.setHeader("ETag", etag);
        response.setContentType(asset.contentType());
        if (PageCacheFilter.matches(request.getHeaders("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentLength(asset.bytes().length);
        if (method.equals("GET")) {
            response.getOutputStream().write(asset.bytes());
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css;charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".js")) {
            return "text/javascript;charset=utf-8";
        }
        if (name.endsWith(".ico")) {
            return "image/x-icon";
        }
        return "application/octet-stream";
    }
}
