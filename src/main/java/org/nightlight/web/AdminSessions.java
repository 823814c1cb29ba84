package org.nightlight.web;

import javax.sql.DataSource;
import org.eclipse.jetty.ee11.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.JDBCSessionDataStoreFactory;
import org.eclipse.jetty.session.NullSessionCache;

/**
 * Admin sessions, stored in PostgreSQL (table admin_sessions, V4 migration) with no in-memory cache, so
 * every instance sees the same sessions. The cookie is scoped to /admin: public pages never get one.
 */
public final class AdminSessions {

    public static final int IDLE_TIMEOUT_SECONDS = 30 * 60;

    private AdminSessions() {
    }

    public static SessionHandler handler(DataSource dataSource, boolean https) {
        SessionHandler handler = new SessionHandler();
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(dataSource);
        JDBCSessionDataStore.SessionTableSchema schema = new JDBCSessionDataStore.SessionTableSchema();
        schema.setTableName("admin_sessions");
        schema.setIdColumn("session_id");
        schema.setContextPathColumn("context_path");
        schema.setVirtualHostColumn("virtual_host");
        schema.setLastNodeColumn("last_node");
        schema.setAccessTimeColumn("access_time");
        schema.setLastAccessTimeColumn("last_access_time");
        schema.setCreateTimeColumn("create_time");
        schema.setCookieTimeColumn("cookie_time");
        schema.setLastSavedTimeColumn("last_saved_time");
        schema.setExpiryTimeColumn("expiry_time");
        schema.setMaxIntervalColumn("max_interval");
        schema.setMapColumn("map");
        JDBCSessionDataStoreFactory stores = new JDBCSessionDataStoreFactory();
        stores.setDatabaseAdaptor(adaptor);
        stores.setSessionTableSchema(schema);
        NullSessionCache cache = new NullSessionCache(handler);
        cache.setSessionDataStore(stores.getSessionDataStore(handler));
        // saved before the response goes out, not after it: the browser's next request (on any instance) never
        // finds the session as it was before this one
        cache.setFlushOnResponseCommit(true);
        handler.setSessionCache(cache);
        handler.setMaxInactiveInterval(IDLE_TIMEOUT_SECONDS);
        handler.setSessionCookie("nightlight_admin");
        handler.setSessionPath("/admin");
        handler.setHttpOnly(true);
        handler.setSameSite(HttpCookie.SameSite.STRICT);
        handler.setSecureCookies(https);
        handler.setUsingUriParameters(false);
        return handler;
    }
}
