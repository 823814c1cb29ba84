package org.nightlight.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One version of one item's text in one language. Never changed: editing adds the next number. */
@Entity
@Immutable
@Table(name = "revisions")
public class Revision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    private ContentItem item;

    // raw keys, so reading them never loads the related rows
    @Column(name = "item_id", insertable = false, updatable = false)
    private Long itemId;

    // for a translation, the source revision it was made from
    @Column(name = "base_source_revision_id", updatable = false)
    private Long baseSourceRevisionId;

    @Column(name = "language_code", nullable = false)
    private String languageCode;

    @Column(nullable = false)
    private int number;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String sources;

    @Column(name = "change_note", nullable = false)
    private String changeNote;

    @Column(name = "author_id")
    private Long authorId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    protected Revision() {
    }

    public Revision(ContentItem item, String languageCode, int number, RevisionText text, String changeNote,
            Long authorId, Long baseSourceRevisionId, Instant createdAt) {
        this.item = item;
        this.languageCode = languageCode;
        this.number = number;
        this.title = text.title();
        this.slug = text.slug();
        this.body = text.body();
        this.sources = text.sources();
        this.changeNote = changeNote == null ? "" : changeNote;
        this.authorId = authorId;
        this.createdAt = createdAt;
        this.contentHash = ContentHash.of(title, slug, body, sources);
        this.itemId = item.id();
        this.baseSourceRevisionId = baseSourceRevisionId;
    }

    public Long id() {
        return id;
    }

    public ContentItem item() {
        return item;
    }

    public Long itemId() {
        return itemId;
    }

    public Long baseSourceRevisionId() {
        return baseSourceRevisionId;
    }

    public String languageCode() {
        return languageCode;
    }

    public int number() {
        return number;
    }

    public RevisionText text() {
        return new RevisionText(title, slug, body, sources);
    }

    public String title() {
        return title;
    }

    public String slug() {
        return slug;
    }

    public String body() {
        return body;
    }

    public String sources() {
        return sources;
    }

    public String changeNote() {
        return changeNote;
    }

    public Long authorId() {
        return authorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String contentHash() {
        return contentHash;
    }
}
