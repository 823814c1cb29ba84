package org.nightlight.admin;

import java.util.List;
import org.nightlight.workflow.WorkItem;

/** The dashboard's filter as sent (GET), with the languages there is work in to choose from. */
public record QueueFilter(String language, String search, List<String> languages) {

    static QueueFilter of(List<WorkItem> overview, String language, String search) {
        return new QueueFilter(language == null ? "" : language.strip(), search == null ? "" : search.strip(),
                overview.stream().map(WorkItem::languageCode).distinct().sorted().toList());
    }

    public boolean active() {
        return !language.isEmpty() || !search.isEmpty();
    }
}
