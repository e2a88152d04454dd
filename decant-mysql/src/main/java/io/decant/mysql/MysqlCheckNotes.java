package io.decant.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code check} says about a MySQL/MariaDB connection: the privileges held on the database
 * (from SHOW GRANTS, of which only the privilege list and the object are kept: a grant line can
 * carry a password hash after TO), those missing for reading or writing, and settings that matter.
 */
final class MysqlCheckNotes {
    static final List<String> READ = List.of("SELECT");
    static final List<String> WRITE = List.of("SELECT", "INSERT", "DELETE", "CREATE", "ALTER", "INDEX", "REFERENCES");
    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (\\S+) TO ", Pattern.CASE_INSENSITIVE);

    private MysqlCheckNotes() {
    }

    static List<String> collect(Connection c, String database, ServerInfo server, MysqlSchemaReader discovery)
            throws SQLException {
        List<String> notes = new ArrayList<>();
        notes.add("session: time_zone +00:00, utf8mb4, sql_mode " + MysqlConnector.SQL_MODE);
        Set<String> held = new LinkedHashSet<>();
        List<String> grants = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                Matcher m = GRANT.matcher(rs.getString(1));
                if (!m.find()) {
                    continue;
                }
                String object = m.group(2);
                if (appliesTo(object, database)) {
                    grants.add(m.group(1) + " on " + object);
                    if (!object.endsWith(".*")) {
                        continue; // a grant on one table does not cover the database
                    }
                    for (String p : m.group(1).split(",")) {
                        held.add(p.strip().toUpperCase(Locale.ROOT).replaceAll("\\s*\\(.*$", ""));
                    }
                }
            }
        }
        notes.add("privileges on " + database + ": " + (grants.isEmpty() ? "none found" : String.join("; ", grants)));
        boolean all = held.contains("ALL PRIVILEGES") || held.contains("ALL");
        notes.add(missing("to read", READ, held, all));
        notes.add(missing("to write", WRITE, held, all));
        notes.add("--disable-fk sets FOREIGN_KEY_CHECKS=0 for decant's own session: no privilege needed");
        if (server.lowerCaseTableNames() == 1) {
            notes.add("lower_case_table_names=1: the server folds table names to lower case");
        }
        if (!discovery.nonTransactional().isEmpty()) {
            notes.add("tables that cannot roll back (a failed load leaves rows behind): "
                    + String.join(", ", discovery.nonTransactional()));
        }
        if (!discovery.skippedIndexes().isEmpty()) {
            notes.add("indexes not copied (expression, FULLTEXT or SPATIAL): " + String.join(", ", discovery.skippedIndexes()));
        }
        return notes;
    }

    private static String missing(String purpose, List<String> needed, Set<String> held, boolean all) {
        if (all) {
            return "privileges " + purpose + ": all held";
        }
        List<String> lacking = needed.stream().filter(p -> !held.contains(p)).toList();
        return lacking.isEmpty() ? "privileges " + purpose + ": all held"
                : "privileges " + purpose + ": missing " + String.join(", ", lacking);
    }

    /** {@code *.*}, {@code `db`.*} and {@code `db`.`table`} apply; other databases do not. */
    private static boolean appliesTo(String object, String database) {
        if (object.startsWith("*.")) {
            return true;
        }
        String quoted = "`" + database.replace("`", "``") + "`.";
        return object.startsWith(quoted) || object.startsWith(database + ".");
    }
}
