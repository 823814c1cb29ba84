package org.nightlight.xliff;

import java.util.List;
import org.nightlight.content.RevisionText;

/**
 * Seam to the automatic checks (another change): the blocking problems of a translation against its source, in
 * words a translator can act on. An import is refused, with nothing saved, while any item has one.
 */
@FunctionalInterface
public interface ImportChecks {

    /** No automatic checks yet. */
    ImportChecks NONE = (source, target, languageCode) -> List.of();

    List<String> blockingProblems(RevisionText source, RevisionText target, String languageCode);
}
