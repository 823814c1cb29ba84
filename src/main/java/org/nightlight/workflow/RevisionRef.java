package org.nightlight.workflow;

import java.time.Instant;
import org.nightlight.content.Revision;
import org.nightlight.content.RevisionText;

/** A revision detached from its session, safe to hand to the web layer. */
public record RevisionRef(long id, long itemId, String languageCode, int number, RevisionText text,
        String contentHash, Long authorId, Instant createdAt, Long baseSourceRevisionId, String changeNote) {

    static RevisionRef of(Revision r) {
        return new RevisionRef(r.id(), r.itemId(), r.languageCode(), r.number(), r.text(), r.contentHash(),
                r.authorId(), r.createdAt(), r.baseSourceRevisionId(), r.changeNote());
    }

    public String shortHash() {
        return contentHash.substring(0, 12);
    }
}
