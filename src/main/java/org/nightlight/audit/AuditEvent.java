package org.nightlight.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One recorded action; the table refuses UPDATE, DELETE and TRUNCATE. */
@Entity
@Immutable
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "actor_id")
    private Long actorId;

    @Column(nullable = false)
    private String action;

    @Column(name = "item_id")
    private Long itemId;

    @Column(name = "language_code")
    private String languageCode;

    @Column(name = "revision_id")
    private Long revisionId;

    @Column(nullable = false)
    private String details;

    @Column
    private String client;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, Long actorId, String action, Long itemId, String languageCode, Long revisionId,
            String details, String client) {
        this.at = at;
        this.actorId = actorId;
        this.action = action;
        this.itemId = itemId;
        this.languageCode = languageCode;
        this.revisionId = revisionId;
        this.details = details == null ? "" : details;
        this.client = client;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public Long actorId() {
        return actorId;
    }

    public String action() {
        return action;
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

    public String details() {
        return details;
    }

    public String client() {
        return client;
    }
}
