package org.nightlight.workflow;

/**
 * Told after a comment is committed (written in a thread, or by a review decision), so that the people who work
 * on the item can be notified. Runs on the request's thread after the commit; it must not throw.
 */
@FunctionalInterface
public interface CommentListener {

    /** Nobody listens. */
    CommentListener NONE = added -> {
    };

    /** A comment on item {@code itemId} in {@code languageCode} about revision {@code revisionId}. */
    record Added(long commentId, long itemId, String languageCode, long revisionId, long authorId, Long parentId,
            boolean fromReview) {
    }

    void added(Added comment);
}
