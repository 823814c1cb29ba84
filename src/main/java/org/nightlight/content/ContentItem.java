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

/** A topic, or a question inside a topic; its words live in per-language revisions. */
@Entity
// only changed columns are written: the server's role may update no other column (V8 grants)
@DynamicUpdate
@Table(name = "content_items")
public class ContentItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ItemKind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "topic_id")
    private ContentItem topic;

    // the raw key, so reading a question's topic id never loads the topic
    @Column(name = "topic_id", insertable = false, updatable = false)
    private Long topicId;

    @Column(nullable = false)
    private int position;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    /** For urgent-help blocks only: how soon the advice asks a parent to act. */
    @Enumerated(EnumType.STRING)
    @Column(name = "care_level", updatable = false)
    private CareLevel careLevel;

    protected ContentItem() {
    }

    private ContentItem(ItemKind kind, ContentItem topic, int position) {
        this.kind = kind;
        this.topic = topic;
        this.position = position;
    }

    public static ContentItem newTopic(int position) {
        return new ContentItem(ItemKind.TOPIC, null, position);
    }

    public static ContentItem newQuestion(ContentItem topic, int position) {
        return newChild(ItemKind.QUESTION, topic, position);
    }

    /** A question inside a topic. */
    public static ContentItem newChild(ItemKind kind, ContentItem topic, int position) {
        return newChild(kind, topic, position, null);
    }

    /** A question, or an urgent-help block of a care level, inside a topic. */
    public static ContentItem newChild(ItemKind kind, ContentItem topic, int position, CareLevel careLevel) {
        if (kind == ItemKind.TOPIC || topic.kind != ItemKind.TOPIC
                || (kind == ItemKind.URGENT_HELP) != (careLevel != null)) {
            throw new IllegalArgumentException(kind + " (" + careLevel + ") cannot belong to item " + topic.id);
        }
        ContentItem child = new ContentItem(kind, topic, position);
        child.topicId = topic.id;
        child.careLevel = careLevel;
        return child;
    }

    public CareLevel careLevel() {
        return careLevel;
    }

    public Long id() {
        return id;
    }

    public ItemKind kind() {
        return kind;
    }

    public ContentItem topic() {
        return topic;
    }

    public Long topicId() {
        return topicId;
    }

    public int position() {
        return position;
    }

    public void moveTo(int newPosition) {
        this.position = newPosition;
    }
}
