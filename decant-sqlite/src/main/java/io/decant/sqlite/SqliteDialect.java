package io.decant.sqlite;

import io.decant.core.spi.Dialect;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.List;

/** SQLite files, including Cloudflare D1 databases exported or copied from Wrangler's local state. */
public final class SqliteDialect implements Dialect {
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
        return new SqliteSource(SqliteUrl.parse(url));
    }

    @Override
    public TargetDatabase openTarget(String url, OpenOptions options) {
        options.refuseJournalSchema("a SQLite file has no schemas, so decant keeps its journal in the table decant_journal"
                + " of the target file, where a table's mark commits with its rows; DROP TABLE decant_journal removes it");
        return new SqliteTarget(SqliteUrl.parse(url));
    }
}
