package io.decant.postgres;

import io.decant.core.error.ErrorContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} says about a PostgreSQL database beyond its version: the role and what it may
 * do (disable foreign keys, use and create in each schema), and the extension tables left out.
 */
final class PgCheckNotes {
    private PgCheckNotes() {
    }

    static List<String> collect(Connection meta, List<String> schemas, boolean extensionTables) {
        List<String> notes = new ArrayList<>();
        try (Statement s = meta.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, r.rolsuper, current_setting('server_version_num')::int"
                     + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            String user = rs.getString(1);
            boolean superuser = rs.getBoolean(2);
            int version = rs.getInt(3);
            notes.add("connected as " + user + (superuser ? " (superuser)" : " (not a superuser)"));
            boolean canDisable = superuser || version >= 150000 && mayDisableTriggers(meta);
            notes.add(canDisable ? "--disable-fk: possible (may set session_replication_role)"
                    : "--disable-fk: not possible: role " + user + " is not a superuser"
                    + (version >= 150000 ? " and has no SET privilege on session_replication_role" : ""));
            for (String schema : schemas) {
                notes.add(schemaNote(meta, schema));
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("check"), "checking privileges");
        }
        if (!extensionTables) {
            try {
                for (String t : PgSchemaReader.extensionTables(meta, schemas)) {
                    notes.add("skipped: " + t + " belongs to its extension, which creates it (include such tables with"
                            + " --include-extension-tables)");
                }
            } catch (SQLException e) {
                throw PgErrors.map(e, ErrorContext.EMPTY.withPhase("check"), "listing extension tables");
            }
        }
        return notes;
    }

    private static boolean mayDisableTriggers(Connection meta) throws SQLException {
        try (Statement s = meta.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.has_parameter_privilege('session_replication_role', 'SET')")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String schemaNote(Connection meta, String schema) throws SQLException {
        try (PreparedStatement ps = meta.prepareStatement("SELECT pg_catalog.has_schema_privilege(n.oid, 'CREATE'),"
                + " pg_catalog.has_schema_privilege(n.oid, 'USAGE') FROM pg_catalog.pg_namespace n WHERE n.nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "schema " + schema + ": does not exist (created by --create-schema if the role may CREATE in the database)";
                }
                return "schema " + schema + ": " + (rs.getBoolean(2) ? "usage allowed" : "NO usage privilege")
                        + ", " + (rs.getBoolean(1) ? "CREATE allowed" : "CREATE not allowed (--create-schema will fail)");
            }
        }
    }
}
