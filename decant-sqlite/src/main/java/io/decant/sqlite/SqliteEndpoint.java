package io.decant.sqlite;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Table;
import io.decant.core.spi.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a SQLite source and target share: the file, one connection for metadata (discovery,
 * counts, DDL), the version and the notes for {@code check}. Methods that use the metadata
 * connection are synchronized: a JDBC connection is not for two threads at once.
 */
abstract class SqliteEndpoint implements Endpoint {
    protected final SqliteUrl url;
    protected final Connection meta;
    private List<String> schemaNotes = List.of();

    SqliteEndpoint(SqliteUrl url, Connection meta) {
        this.url = url;
        this.meta = meta;
    }

    Path file() {
        return url.file();
    }

    @Override
    public String displayUrl() {
        return url.display();
    }

    @Override
    public synchronized String serverVersion() {
        return "SQLite " + scalar("SELECT sqlite_version()");
    }

    /** Discovers the tables now; a target's tables change as it is loaded, so nothing is cached here. */
    protected synchronized List<Table> discover() {
        try {
            SqliteSchemaReader reader = new SqliteSchemaReader(meta, fileSize());
            List<Table> tables = reader.tables();
            schemaNotes = reader.notes();
            return tables;
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, context().withPhase("discover"), "reading the schema of " + file());
        }
    }

    @Override
    public synchronized List<String> checkNotes() {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "file %s (%,d bytes), journal mode %s, page size %s, encoding %s",
                file(), fileSize(), scalar("PRAGMA journal_mode"), scalar("PRAGMA page_size"), scalar("PRAGMA encoding")));
        if (schemaNotes.isEmpty()) {
            discover();
        }
        notes.addAll(schemaNotes);
        notes.addAll(extraNotes());
        return notes;
    }

    protected List<String> extraNotes() {
        return List.of();
    }

    protected long fileSize() {
        try {
            return Files.exists(file()) ? Files.size(file()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    protected String scalar(String sql) {
        try (Statement s = meta.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, context(), "running " + sql);
        }
    }

    protected ErrorContext context() {
        return ErrorContext.EMPTY.withLocation(file().toString());
    }

    @Override
    public synchronized void close() {
        SqliteConnector.close(meta);
    }
}
