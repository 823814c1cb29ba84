package org.nightlight.web;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The encodings of a cached page: identity, made when it is stored, and gzip and zstd, each made once, the first
 * time a client asks for it (a miss pays only for the encoding its client takes: zstd for today's browsers, made
 * in a fifth of gzip's time). Each has its own strong ETag (the identity's with a suffix, as Jetty names
 * compressed variants) and every header it is sent with, so serving one is a lookup and a write. Chosen per
 * request by Accept-Encoding.
 */
public final class PageVariants {

    public static final String IDENTITY = "identity";
    public static final String GZIP = "gzip";
    public static final String ZSTD = "zstd";
    /** On a tie of q-values the first is sent: zstd is about as small as gzip and far cheaper to make. */
    private static final String[] PREFERRED = {ZSTD, GZIP, IDENTITY};
    /**
     * Compression is paid once per page and encoding, in native code JFR's samples do not show. Measured on a
     * 15 KB question page: zstd 3 makes it in 0.2 ms where 12 took 4.6 ms for 7 % fewer bytes; gzip 6 matches 9's
     * size here.
     */
    private static final int ZSTD_LEVEL = 3;
    private static final int GZIP_LEVEL = 6;

    /** Browsers send a handful of distinct Accept-Encoding values: each is parsed once. */
    private static final int MAX_PARSED = 256;
    private static final Map<String, Map<String, Double>> PARSED = new ConcurrentHashMap<>();
    /** A variant's prepared headers and record, roughly. */
    private static final int VARIANT_OVERHEAD = 512;
    /** Made, but not smaller than half the identity: not kept, the identity serves. */
    private static final Variant NOT_WORTH_IT = new Variant(IDENTITY, new byte[0], "", HttpFields.EMPTY);

    /** One encoding of a page: its bytes, its ETag and its fixed headers (without per-request ones). */
    public record Variant(String coding, byte[] body, String etag, HttpFields fields) {
    }

    private final Variant identity;
    private final String contentType;
    private final List<Map.Entry<String, String>> headers;
    private final List<String> vary;
    private final String cacheControl;
    /** zstd, gzip: null until first asked for. */
    private final AtomicReferenceArray<Variant> compressed = new AtomicReferenceArray<>(2);
    /** Told when an encoding is made and kept: the cache weighs the page again. */
    private volatile Runnable grown = () -> { };

    private PageVariants(byte[] identity, String etag, String contentType, List<Map.Entry<String, String>> headers,
            List<String> vary, String cacheControl) {
        this.contentType = contentType;
        this.headers = headers;
        this.vary = vary;
        this.cacheControl = cacheControl;
        this.identity = variant(IDENTITY, identity, etag);
    }

    /**
     * A page's encodings, only the identity made yet. {@code headers}: the page's own headers (security headers
     * included); {@code vary}: the request headers it varies on besides Accept-Encoding.
     */
    public static PageVariants of(byte[] identity, String etag, String contentType,
            List<Map.Entry<String, String>> headers, List<String> vary, String cacheControl) {
        return new PageVariants(identity, etag, contentType, List.copyOf(headers), List.copyOf(vary), cacheControl);
    }

    public Variant identity() {
        return identity;
    }

    /**
     * The memory this page's encodings take now: the identity and each compressed one made so far (not those not
     * worth keeping), with room for their headers. Grows when a client first asks for an encoding:
     * {@link #whenGrown} tells the cache to weigh the page again.
     */
    public int bytes() {
        int bytes = identity.body().length + VARIANT_OVERHEAD;
        for (int i = 0; i < compressed.length(); i++) {
            Variant made = compressed.get(i);
            if (made != null && made != NOT_WORTH_IT) {
                bytes += made.body().length + VARIANT_OVERHEAD;
            }
        }
        return bytes;
    }

    /** {@code grown} runs each time an encoding is made and kept: the page then weighs more ({@link #bytes()}). */
    void whenGrown(Runnable grown) {
        this.grown = grown;
    }

    /** The encoding made so far for {@code coding}, or null (tests). */
    Variant madeFor(String coding) {
        Variant made = coding.equals(IDENTITY) ? identity : compressed.get(coding.equals(ZSTD) ? 0 : 1);
        return made == NOT_WORTH_IT ? null : made;
    }

    private Variant compressed(String coding) {
        int slot = coding.equals(ZSTD) ? 0 : 1;
        Variant made = compressed.get(slot);
        if (made == null) {
            byte[] plain = identity.body();
            byte[] body = coding.equals(ZSTD) ? Zstd.compress(plain, ZSTD_LEVEL) : gzip(plain);
            made = body.length < plain.length / 2 ? variant(coding, body, suffixed(identity.etag(), coding))
                    : NOT_WORTH_IT;
            // two first askers may both make it: one copy is kept
            if (compressed.compareAndSet(slot, null, made) && made != NOT_WORTH_IT) {
                grown.run();
            }
            made = compressed.get(slot);
        }
        return made == NOT_WORTH_IT ? null : made;
    }

    /** Every header encoded to bytes here, once: a hit copies them into the response as they are. */
    private Variant variant(String coding, byte[] body, String etag) {
        HttpFields.Mutable fields = HttpFields.build();
        for (Map.Entry<String, String> header : headers) {
            fields.add(new PreEncodedHttpField(header.getKey(), header.getValue()));
        }
        if (contentType != null) {
            fields.put(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType));
        }
        List<String> varyNames = new ArrayList<>(vary);
        varyNames.add("Accept-Encoding");
        fields.put(new PreEncodedHttpField(HttpHeader.VARY, String.join(", ", varyNames)));
        fields.put(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, cacheControl));
        fields.put(new PreEncodedHttpField(HttpHeader.ETAG, etag));
        if (!coding.equals(IDENTITY)) {
            fields.put(new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, coding));
        }
        fields.put(new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, body.length));
        return new Variant(coding, body, etag, fields.asImmutable());
    }

    /** {@code "abc"} → {@code "abc--gzip"}. */
    static String suffixed(String etag, String coding) {
        return etag.substring(0, etag.length() - 1) + "--" + coding + "\"";
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(GZIP_LEVEL);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The variant the client prefers by its Accept-Encoding q-values (RFC 9110 12.5.3), zstd then gzip on a tie;
     * identity when the header is absent; null when nothing offered is acceptable.
     */
    public Variant choose(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return identity;
        }
        Map<String, Double> weights = PARSED.get(acceptEncoding);
        if (weights == null) {
            weights = weights(acceptEncoding);
            if (PARSED.size() < MAX_PARSED) {
                PARSED.put(acceptEncoding, weights);
            }
        }
        Double any = weights.get("*");
        boolean[] tried = new boolean[PREFERRED.length];
        while (true) { // the best acceptable coding; one not worth making gives way to the next
            int best = -1;
            double bestWeight = 0;
            for (int i = 0; i < PREFERRED.length; i++) {
                Double q = weights.get(PREFERRED[i]);
                if (q == null) {
                    q = any != null ? any : (PREFERRED[i].equals(IDENTITY) ? 1.0 : 0.0);
                }
                if (!tried[i] && q > bestWeight) {
                    best = i;
                    bestWeight = q;
                }
            }
            if (best < 0) {
                return null;
            }
            Variant variant = PREFERRED[best].equals(IDENTITY) ? identity : compressed(PREFERRED[best]);
            if (variant != null) {
                return variant;
            }
            tried[best] = true;
        }
    }

    private static Map<String, Double> weights(String acceptEncoding) {
        Map<String, Double> weights = new HashMap<>();
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            if (coding.equals("x-gzip")) {
                coding = GZIP;
            }
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                if (param.length() > 2 && (param.startsWith("q=") || param.startsWith("Q="))) {
                    try {
                        q = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            weights.merge(coding, Math.max(0, Math.min(1, q)), Math::max);
        }
        return Map.copyOf(weights);
    }
}
