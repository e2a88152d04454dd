package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens connections to a SQLite file. A source is opened read-only and must exist (SQLite would
 * otherwise create an empty database and report zero tables, which is worse than an error); a
 * target is created when missing. Connections are made through xerial's {@link JDBC} directly, not
 * {@code DriverManager}, so a shaded jar needs no driver registration.
 */
final class SqliteConnector {
    /** How long a connection waits for another writer's lock before SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MS = 60_000;

    private SqliteConnector() {
    }

    /** {@code file}, and when it is relative, the absolute path it stands for: the folder searched is the working directory. */
    static String shown(Path file) {
        return file.isAbsolute() ? file.toString() : file + " (" + file.toAbsolutePath().normalize() + ")";
    }

    static Connection openReadOnly(Path file) {
        if (!Files.exists(file)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()),
                    "SQLite file not found: " + (file.isAbsolute() ? file.toString() : file + ", looked for "
                            + file.toAbsolutePath().normalize() + " (relative paths are taken from the working directory)"));
        }
        if (!Files.isRegularFile(file)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()),
                    "not a SQLite file: " + file + " is not a regular file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        return open(file, config, "opening " + file + " for reading");
    }

    static Connection openReadWrite(Path file) {
        if (Files.isDirectory(file)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()),
                    "not a SQLite file: " + file + " is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()),
                    "cannot create " + file + ": directory " + parent + " does not exist");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READWRITE);
        config.setOpenMode(SQLiteOpenMode.CREATE);
        return open(file, config, "opening " + file + " for writing");
    }

    private static Connection open(Path file, SQLiteConfig config, String doing) {
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Properties props = config.toProperties();
        NativeLibraryCache.useCache();
        try {
            Connection c = JDBC.createConnection("jdbc:sqlite:" + file, props);
            // Opening is lazy about the header: touch the schema so a non-database fails here, by name.
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                rs.next();
            } catch (SQLException e) {
                close(c);
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withLocation(file.toString()), doing);
        }
    }

    static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one worth reporting
        }
    }
}
