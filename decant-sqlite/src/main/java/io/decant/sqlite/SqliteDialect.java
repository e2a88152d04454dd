package io.decant.sqlite;

import io.decant.core.spi.Dialect;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.List;

/** SQLite files, including Cloudflare D1 databases exported or copied from Wrangler's local state. */
public final class SqliteDialect implements Dialect {
    private static String stem(java.nio.file.Path script) {
        String s = script.toString();
        return s.toLowerCase(java.util.Locale.ROOT).endsWith(".sql") ? s.substring(0, s.length() - 4) : s;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<String> urlForms() {
        return SqliteUrl.FORMS;
    }

    @Override
    public boolean accepts(String url) {
        return SqliteUrl.accepts(url);
    }

    @Override
    public SourceDatabase openSource(String url, OpenOptions options) {
        java.nio.file.Path script = SqliteUrl.script(url);
        if (script != null) {
            return ScriptSource.open(script, url);
        }
        return new SqliteSource(SqliteUrl.parse(url));
    }

    @Override
    public String absentTarget(String url) {
        if (SqliteUrl.script(url) != null) {
            return null; // a script is never a target: openTarget says so
        }
        java.nio.file.Path file = SqliteUrl.parse(url).file();
        if (java.nio.file.Files.exists(file)) {
            return null;
        }
        return "the SQLite file " + SqliteConnector.shown(file) + " does not exist yet; migrate (or import) would create it";
    }

    @Override
    public TargetDatabase openTarget(String url, OpenOptions options) {
        java.nio.file.Path script = SqliteUrl.script(url);
        if (script != null) {
            throw io.decant.core.error.DecantException.usage(url + " names a SQL script, which decant reads but does not"
                    + " write; to create a SQLite database name a .db file (sqlite:" + stem(script) + ".db), and to get a"
                    + " script from it afterwards run sqlite3 FILE.db .dump");
        }
        options.refuseJournalSchema("a SQLite file has no schemas, so decant keeps its journal in the table decant_journal"
                + " of the target file, where a table's mark commits with its rows; DROP TABLE decant_journal removes it");
        return new SqliteTarget(SqliteUrl.parse(url));
    }
}
