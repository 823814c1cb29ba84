package org.nightlight.content;

import java.util.Objects;

/** The words of a revision: what the content hash covers and what a reviewer signs. */
public record RevisionText(String title, String slug, String body, String sources) {

    public RevisionText {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(body, "body");
        sources = sources == null ? "" : sources;
    }

    public String contentHash() {
        return ContentHash.of(title, slug, body, sources);
    }
}
