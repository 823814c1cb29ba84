package org.nightlight.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One comment in the conversation on an item in one language, about one revision. A first comment may be
 * marked resolved once; a reply hangs under a first comment. Nothing else ever changes (V19 refuses it, and the
 * server may update only the two resolution columns, so every other column is left out of updates).
 */
@Entity
@DynamicUpdate
@Table(name = "comments")
public class Comment {

    /** Longest comment accepted (the database checks the same). */
    static final int MAX_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "item_id", nullable = false, updatable = false)
    private Long itemId;

    @Column(name = "language_code", nullable = false, updatable = false)
    private String languageCode;

    @Column(name = "revision_id", nullable = false, updatable = false)
    private Long revisionId;

    @Column(name = "parent_id", updatable = false)
    private Long parentId;

    @Column(name = "review_id", updatable = false)
    private Long reviewId;

    @Column(name = "author_id", nullable = false, updatable = false)
    private Long authorId;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "resolved_by")
    private Long resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected Comment() {
    }

    Comment(long itemId, String languageCode, long revisionId, Long parentId, Long reviewId, long authorId,
            String body, Instant at) {
        this.itemId = itemId;
        this.languageCode = languageCode;
        this.revisionId = revisionId;
        this.parentId = parentId;
        this.reviewId = reviewId;
        this.authorId = authorId;
        this.body = body;
        this.createdAt = at;
    }

    void resolve(long by, Instant at) {
        this.resolvedBy = by;
        this.resolvedAt = at;
    }

    public Long id() {
        return id;
    }

    public Long itemId() {
        return itemId;
    }

    public String languageCode() {
        return languageCode;
    }

    public Long revisionId() {
        return revisionId;
    }

    public Long parentId() {
        return parentId;
    }

    public Long reviewId() {
        return reviewId;
    }

    public Long authorId() {
        return authorId;
    }

    public String body() {
        return body;
    }

    /** Set by the database to its own now(): order comments by id, not by this. */
    public Instant createdAt() {
        return createdAt;
    }

    public Long resolvedBy() {
        return resolvedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public boolean resolved() {
        return resolvedBy != null;
    }
}
