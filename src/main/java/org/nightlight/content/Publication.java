package org.nightlight.content;

import org.hibernate.annotations.DynamicUpdate;
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
import java.time.LocalDate;

/** A revision live in a language from one time to another; withdrawn keeps the slot but hides the text. */
@Entity
// only changed columns are written: the server's role may update no other column (V8 grants)
@DynamicUpdate
@Table(name = "publications")
public class Publication {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    private ContentItem item;

    @Column(name = "language_code", nullable = false)
    private String languageCode;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "revision_id")
    private Revision revision;

    @Column(name = "published_by")
    private Long publishedBy;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "next_review_due", nullable = false)
    private LocalDate nextReviewDue;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_reason")
    private String withdrawnReason;

    @Column(name = "ended_at")
    private Instant endedAt;

    // set when this publication replaced live source text: what that meant for translations
    @Enumerated(EnumType.STRING)
    @Column(name = "source_change")
    private SourceChange sourceChange;

    protected Publication() {
    }

    public Publication(Revision revision, Long publishedBy, Instant publishedAt, LocalDate nextReviewDue,
            SourceChange sourceChange) {
        this.sourceChange = sourceChange;
        this.item = revision.item();
        this.languageCode = revision.languageCode();
        this.revision = revision;
        this.publishedBy = publishedBy;
        this.publishedAt = publishedAt;
        this.nextReviewDue = nextReviewDue;
    }

    public Long id() {
        return id;
    }

    public ContentItem item() {
        return item;
    }

    public String languageCode() {
        return languageCode;
    }

    public Revision revision() {
        return revision;
    }

    public Long publishedBy() {
        return publishedBy;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public LocalDate nextReviewDue() {
        return nextReviewDue;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public String withdrawnReason() {
        return withdrawnReason;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public SourceChange sourceChange() {
        return sourceChange;
    }

    public boolean isWithdrawn() {
        return withdrawnAt != null;
    }

    public void withdraw(Instant at, String reason) {
        if (endedAt != null) {
            throw new IllegalStateException("publication " + id + " has already ended");
        }
        this.withdrawnAt = at;
        this.withdrawnReason = reason;
    }

    public void end(Instant at) {
        if (endedAt != null) {
            throw new IllegalStateException("publication " + id + " has already ended");
        }
        this.endedAt = at;
    }
}
