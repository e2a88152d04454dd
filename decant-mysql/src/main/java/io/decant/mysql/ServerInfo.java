package io.decant.mysql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What decant needs to know about the server it talks to: MySQL and MariaDB differ in JSON (a real
 * type vs. LONGTEXT with a CHECK), UUID (MariaDB 10.7+), collations and information_schema.
 *
 * @param lowerCaseTableNames the server's {@code lower_case_table_names}: 1 folds table names to lower case
 */
record ServerInfo(boolean mariaDb, int major, int minor, int patch, int lowerCaseTableNames) {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /** From {@code SELECT VERSION()}: {@code 10.11.19-MariaDB-0+deb12u1} or {@code 8.0.36}. */
    static ServerInfo parse(String version, int lowerCaseTableNames) {
        Matcher m = VERSION.matcher(version);
        boolean maria = version.toLowerCase(Locale.ROOT).contains("mariadb");
        if (!m.find()) {
            return new ServerInfo(maria, 0, 0, 0, lowerCaseTableNames);
        }
        return new ServerInfo(maria, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), lowerCaseTableNames);
    }

    /** {@code MariaDB 10.11.19} or {@code MySQL 8.0.36}. */
    String display() {
        return (mariaDb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }

    boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** MariaDB's native UUID type arrived in 10.7. */
    boolean hasUuidType() {
        return mariaDb && atLeast(10, 7);
    }

    /** MySQL has a binary JSON type; MariaDB's JSON is LONGTEXT with a json_valid CHECK. */
    boolean hasNativeJson() {
        return !mariaDb && atLeast(5, 7);
    }

    /**
     * The collation of tables decant creates: binary, so that 'a' and 'A' stay distinct keys as in
     * PostgreSQL or SQLite, and NO PAD where the server has it, so that 'a' and 'a ' do too.
     */
    String binaryCollation() {
        if (mariaDb) {
            return atLeast(10, 2) ? "utf8mb4_nopad_bin" : "utf8mb4_bin";
        }
        return atLeast(8, 0) ? "utf8mb4_0900_bin" : "utf8mb4_bin";
    }
}
