package org.nightlight.admin;

import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Threads.Conversation;

/**
 * The conversation as the item page, the editor and the review screen show it ({@code admin/thread.html}):
 * whether this person may write in it, which revision a new comment is about (null: none yet), the page to come
 * back to, and after a refused comment what was typed and why ({@code failedTopic}: the topic replied to, 0 for
 * a new comment).
 */
public record ThreadPanel(Conversation conversation, boolean mayComment, RevisionRef about, String back,
        String typed, String error, long failedTopic) {

    ThreadPanel failed(long topic, String text, String errorKey) {
        return new ThreadPanel(conversation, mayComment, about, back, text, errorKey, topic);
    }

    /** What the reply box of {@code topic} holds: the refused text there, else nothing. */
    public String typedFor(long topic) {
        return error != null && failedTopic == topic ? typed : "";
    }

    public boolean failedOn(long topic) {
        return error != null && failedTopic == topic;
    }
}
