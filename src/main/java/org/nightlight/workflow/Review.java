package org.nightlight.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.nightlight.content.Revision;

/** A decision on one exact revision, bound to its content hash. */
@Entity
@Immutable
@Table(name = "reviews")
public class Review {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "revision_id")
    private Revision revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReviewKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    @Column(nullable = false)
    private String comment;

    @Column(name = "reviewer_id", nullable = false)
    private Long reviewerId;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    // only for a medical request for changes of a live text (V8 requires it there and refuses it elsewhere)
    @Enumerated(EnumType.STRING)
    @Column(name = "live_outcome")
    private LiveOutcome liveOutcome;

    protected Review() {
    }

    Review(Revision revision, ReviewKind kind, Decision decision, String comment, long reviewerId, Instant at,
            LiveOutcome liveOutcome) {
        this.liveOutcome = liveOutcome;
        this.revision = revision;
        this.kind = kind;
        this.decision = decision;
        this.comment = comment == null ? "" : comment.strip();
        this.reviewerId = reviewerId;
        this.contentHash = revision.contentHash();
        this.createdAt = at;
    }

    public Long id() {
        return id;
    }

    public Revision revision() {
        return revision;
    }

    public ReviewKind kind() {
        return kind;
    }

    public Decision decision() {
        return decision;
    }

    public String comment() {
        return comment;
    }

    public Long reviewerId() {
        return reviewerId;
    }

    public String contentHash() {
        return contentHash;
    }

    /** Set by the database to its own now(): order reviews by id, not by this. */
    public Instant createdAt() {
        return createdAt;
    }

    public LiveOutcome liveOutcome() {
        return liveOutcome;
    }
}
