package org.nightlight.web;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.nightlight.db.ContentChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the cached pages a content change affects, the same on every instance: a change of an item in a
 * language drops that language's pages of the item's topic, its home page and searches, and the sitemap; a
 * change of source text drops them in every language (translations fall back to it, show it as outdated, or
 * were withdrawn with it). The language list and reviewers' names, around every page's text, make every page
 * outdated: it serves until rendered again in the background. Anything else (order, search words) drops
 * everything.
 */
public final class ChangedPages implements ContentChanges.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedPages.class);
    private static final String SCOPE = """
            select coalesce(i.topic_id, i.id), l.is_source, array(select code from languages order by code)
            from content_items i, languages l where i.id = ? and l.code = ?""";

    private final DataSource dataSource;
    private final PageCache cache;
    /** Forgets the languages pages are rendered with (read again before any page is). */
    private final Runnable languagesChanged;

    public ChangedPages(DataSource dataSource, PageCache cache, Runnable languagesChanged) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.languagesChanged = languagesChanged;
    }

    @Override
    public void itemChanged(long itemId, String languageCode) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(SCOPE)) {
            st.setLong(1, itemId);
            st.setString(2, languageCode);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    cache.invalidateAll();
                    return;
                }
                long topic = rs.getLong(1);
                Array all = rs.getArray(3);
                List<String> languages = rs.getBoolean(2) ? List.of((String[]) all.getArray()) : List.of(languageCode);
                cache.invalidate(PageTags.changed(topic, languages));
            }
        } catch (SQLException | RuntimeException e) {
            // not knowing what changed must never leave the old text up
            LOG.warn("dropping every cached page: the scope of a change of item {} in {} is unknown ({})", itemId,
                    languageCode, e.toString());
            cache.invalidateAll();
        }
    }

    /**
     * A reviewer's name or the language list changed: pages keep serving until rendered again, except those of a
     * language no longer on the public site, which must vanish at once (and the sitemap that lists them).
     */
    @Override
    public void sharedPartsChanged() {
        languagesChanged.run();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("select code from languages where not is_public");
                ResultSet rs = st.executeQuery()) {
            List<String> hidden = new java.util.ArrayList<>();
            while (rs.next()) {
                hidden.add(rs.getString(1));
            }
            cache.invalidateLanguages(hidden);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("dropping every cached page: the public languages are unknown ({})", e.toString());
            cache.invalidateAll();
            return;
        }
        cache.sharedPartsChanged();
    }

    @Override
    public void everythingChanged() {
        languagesChanged.run();
        // rare (listening began again, or a change of order, search words or help numbers): worth a line each
        LOG.info("dropping every cached page: the listener (re)connected or a change affects every page");
        cache.invalidateAll();
    }
}
