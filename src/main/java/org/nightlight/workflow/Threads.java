package org.nightlight.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;
import org.nightlight.content.Revision;
import org.nightlight.workflow.Policy.Person;
import org.nightlight.workflow.WorkflowException.InvalidText;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.NotFound;
import org.nightlight.workflow.WorkflowException.NotPermitted;
import org.nightlight.workflow.WorkflowException.NotQualifiedForLanguage;

/**
 * The conversation on an item in one language: first comments about a revision, replies, resolution. Who may
 * take part is the {@link Policy}'s {@code comment} rule; every step is audited in its own transaction and told
 * to the {@link CommentListener} after the commit. A review decision's comment enters here too, inside the
 * review's transaction ({@link #fromReview}).
 */
public final class Threads {

    /** One comment as the pages show it; {@code reviewKind} and {@code decision} are set for a review's comment. */
    public record Note(long id, long revisionId, int revisionNumber, long authorId, String author, String body,
            Instant at, ReviewKind reviewKind, Decision decision, String resolvedBy, Instant resolvedAt) {

        public boolean resolved() {
            return resolvedAt != null;
        }
    }

    /** A first comment and its replies, oldest first. */
    public record Topic(Note first, List<Note> replies) {
    }

    /** Every topic of an item in a language: open ones first, each group oldest first. */
    public record Conversation(long itemId, String languageCode, List<Topic> open, List<Topic> resolved) {

        public boolean isEmpty() {
            return open.isEmpty() && resolved.isEmpty();
        }
    }

    private final SessionFactory sessions;
    private final Clock clock;
    private final AuditLog audit;
    private final Policy policy;
    private final CommentListener listener;

    Threads(SessionFactory sessions, Clock clock, AuditLog audit, Policy policy, CommentListener listener) {
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.policy = policy;
        this.listener = listener;
    }

    /** Opens a topic about a revision. */
    public long comment(Actor actor, long revisionId, String body) {
        String text = checked(body);
        CommentListener.Added added = sessions.fromTransaction(s -> {
            Revision revision = s.find(Revision.class, revisionId);
            if (revision == null) {
                throw new NotFound("revision " + revisionId + " does not exist");
            }
            User user = requireMayComment(s, actor, revision.languageCode());
            Comment comment = new Comment(revision.itemId(), revision.languageCode(), revisionId, null, null,
                    user.id(), text, clock.instant());
            s.persist(comment);
            s.flush();
            audit.record(s, actor, "COMMENT_ADDED", revision.itemId(), revision.languageCode(), revisionId,
                    "comment " + comment.id() + ": " + text);
            return added(comment, false);
        });
        listener.added(added);
        return added.commentId();
    }

    /** Answers a topic; a reply to a reply joins the same topic. */
    public long reply(Actor actor, long commentId, String body) {
        String text = checked(body);
        CommentListener.Added added = sessions.fromTransaction(s -> {
            Comment first = first(s, commentId);
            User user = requireMayComment(s, actor, first.languageCode());
            Comment reply = new Comment(first.itemId(), first.languageCode(), first.revisionId(), first.id(), null,
                    user.id(), text, clock.instant());
            s.persist(reply);
            s.flush();
            audit.record(s, actor, "COMMENT_REPLIED", first.itemId(), first.languageCode(), first.revisionId(),
                    "comment " + reply.id() + " in reply to " + first.id() + ": " + text);
            return added(reply, false);
        });
        listener.added(added);
        return added.commentId();
    }

    /** Marks a topic resolved: once, by anyone who may take part. */
    public void resolve(Actor actor, long commentId) {
        sessions.inTransaction(s -> {
            Comment first = first(s, commentId);
            User user = requireMayComment(s, actor, first.languageCode());
            if (first.resolved()) {
                throw new InvalidTransition("workflow.error.alreadyResolved", "comment " + first.id()
                        + " is resolved already");
            }
            first.resolve(user.id(), clock.instant());
            audit.record(s, actor, "COMMENT_RESOLVED", first.itemId(), first.languageCode(), first.revisionId(),
                    "comment " + first.id());
        });
    }

    /** The whole conversation on an item in a language, in one query. */
    public Conversation of(long itemId, String languageCode) {
        List<Object[]> rows = sessions.fromTransaction(s -> s.createSelectionQuery("""
                select c, r.number, u.displayName, v.kind, v.decision, ru.displayName
                from Comment c join Revision r on r.id = c.revisionId join User u on u.id = c.authorId
                  left join Review v on v.id = c.reviewId left join User ru on ru.id = c.resolvedBy
                where c.itemId = :item and c.languageCode = :lang order by c.id""", Object[].class)
                .setParameter("item", itemId).setParameter("lang", languageCode).getResultList());
        Map<Long, Topic> topics = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Comment c = (Comment) row[0];
            Note note = new Note(c.id(), c.revisionId(), (Integer) row[1], c.authorId(), (String) row[2], c.body(),
                    c.createdAt(), (ReviewKind) row[3], (Decision) row[4], (String) row[5], c.resolvedAt());
            if (c.parentId() == null) {
                topics.put(c.id(), new Topic(note, new ArrayList<>()));
            } else if (topics.containsKey(c.parentId())) {
                topics.get(c.parentId()).replies().add(note);
            }
        }
        List<Topic> open = topics.values().stream().filter(t -> !t.first().resolved()).toList();
        List<Topic> resolved = topics.values().stream().filter(t -> t.first().resolved()).toList();
        return new Conversation(itemId, languageCode, open, resolved);
    }

    /** The revision a comment is about, when the comment exists. */
    public Optional<Long> revisionOf(long commentId) {
        return Optional.ofNullable(sessions.fromTransaction(s -> {
            Comment comment = s.find(Comment.class, commentId);
            return comment == null ? null : comment.revisionId();
        }));
    }

    /**
     * A review decision's comment opens a topic about the reviewed revision, in the review's transaction; the
     * caller tells the listener after its commit ({@link #told}). Null when the review has no comment.
     */
    CommentListener.Added fromReview(Session s, Actor actor, Review review) {
        if (review.comment().isEmpty()) {
            return null;
        }
        Revision revision = review.revision();
        Comment comment = new Comment(revision.itemId(), revision.languageCode(), revision.id(), null, review.id(),
                review.reviewerId(), review.comment().length() > Comment.MAX_LENGTH
                        ? review.comment().substring(0, Comment.MAX_LENGTH).strip() : review.comment(),
                clock.instant());
        s.persist(comment);
        s.flush();
        audit.record(s, actor, "COMMENT_ADDED", revision.itemId(), revision.languageCode(), revision.id(),
                "comment " + comment.id() + " of review " + review.id());
        return added(comment, true);
    }

    /** After the commit of a step that may have written a comment. */
    void told(CommentListener.Added added) {
        if (added != null) {
            listener.added(added);
        }
    }

    private User requireMayComment(Session s, Actor actor, String languageCode) {
        User user = s.find(User.class, actor.userId());
        if (user == null || !user.active()) {
            throw new NotPermitted("user " + actor.userId() + " does not exist or is deactivated");
        }
        Verdict verdict = policy.comment(Person.of(user), languageCode);
        switch (verdict.kind()) {
            case ALLOWED -> {
                return user;
            }
            case NOT_QUALIFIED -> throw new NotQualifiedForLanguage(verdict.reason());
            default -> throw new NotPermitted(verdict.reason());
        }
    }

    private static Comment first(Session s, long commentId) {
        Comment comment = s.find(Comment.class, commentId);
        if (comment == null) {
            throw new NotFound("comment " + commentId + " does not exist");
        }
        return comment.parentId() == null ? comment : s.find(Comment.class, comment.parentId());
    }

    private static String checked(String body) {
        String text = body == null ? "" : body.replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            throw new InvalidText("body", "workflow.error.commentEmpty", "a comment needs some text");
        }
        if (text.length() > Comment.MAX_LENGTH) {
            throw new InvalidText("body", "workflow.error.commentTooLong", "a comment has at most "
                    + Comment.MAX_LENGTH + " characters");
        }
        return text;
    }

    private static CommentListener.Added added(Comment c, boolean fromReview) {
        return new CommentListener.Added(c.id(), c.itemId(), c.languageCode(), c.revisionId(), c.authorId(),
                c.parentId(), fromReview);
    }
}
