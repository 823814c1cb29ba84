package org.nightlight.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Whether the role the server connects as could switch off the database's safeguards (V2, V7, V8): a
 * superuser can set session_replication_role, an owner can disable triggers or replace their functions, a
 * role that may create in the schema or create roles can work around them. Checked once at start.
 */
public record ServerRole(String name, List<String> risks) {

    public boolean safe() {
        return risks.isEmpty();
    }

    public static ServerRole check(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        select current_user, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
                               has_schema_privilege('public', 'CREATE'),
                               exists (select 1 from pg_class t join pg_namespace n on n.oid = t.relnamespace
                                       where n.nspname = 'public' and pg_has_role(t.relowner, 'USAGE')),
                               exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                                       where n.nspname = 'public' and pg_has_role(p.proowner, 'USAGE'))
                        from pg_roles r where r.rolname = current_user""")) {
            rs.next();
            List<String> risks = new ArrayList<>();
            if (rs.getBoolean(2)) { // a superuser is a member of every role: the rest says nothing more
                return new ServerRole(rs.getString(1), List.of("is a superuser"));
            }
            if (rs.getBoolean(3)) {
                risks.add("bypasses row-level security");
            }
            if (rs.getBoolean(4)) {
                risks.add("may create roles");
            }
            if (rs.getBoolean(5)) {
                risks.add("may create objects in the schema");
            }
            if (rs.getBoolean(6)) {
                risks.add("owns the tables");
            }
            if (rs.getBoolean(7)) {
                risks.add("owns the trigger functions");
            }
            return new ServerRole(rs.getString(1), List.copyOf(risks));
        } catch (SQLException e) {
            throw new IllegalStateException("checking the server's database role failed: " + e.getMessage(), e);
        }
    }

    /** The line the log and the operator read. */
    public String warning() {
        return "The server's database role '" + name + "' " + String.join(", ", risks)
                + ": it could switch off the database's sign-off safeguards. Run migrations as the schema's owner"
                + " (NIGHTLIGHT_DB_MIGRATION_USER) and the server as a role that owns nothing (NIGHTLIGHT_DB_USER);"
                + " see the README, \"Database roles\".";
    }
}
