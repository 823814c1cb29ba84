package org.nightlight.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A revision handed to its reviewers. */
@Entity
@Immutable
@Table(name = "submissions")
public class Submission {

    @Id
    @Column(name = "revision_id")
    private Long revisionId;

    @Column(name = "submitted_by", nullable = false)
    private Long submittedBy;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    protected Submission() {
    }

    Submission(long revisionId, long submittedBy, Instant at) {
        this.revisionId = revisionId;
        this.submittedBy = submittedBy;
        this.submittedAt = at;
    }

    public Long revisionId() {
        return revisionId;
    }

    public Long submittedBy() {
        return submittedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }
}
