package org.nightlight.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a revision's text; the database recomputes it (revision_content_hash) and refuses a mismatch. */
public final class ContentHash {

    private static final String SEPARATOR = "\u001f";

    private ContentHash() {
    }

    public static String of(String title, String slug, String body, String sources) {
        String joined = title + SEPARATOR + slug + SEPARATOR + body + SEPARATOR + sources;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
