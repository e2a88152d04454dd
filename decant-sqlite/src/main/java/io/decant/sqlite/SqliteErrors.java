package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Maps SQLite result codes to decant's error codes. SQLite's primary code (the low byte of the
 * extended code) decides the category: a constraint or datatype problem is the data's fault (exit 3),
 * a busy, locked, missing or damaged file is external (exit 4).
 */
final class SqliteErrors {
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_AUTH = 23;
    private static final int SQLITE_NOTADB = 26;

    private SqliteErrors() {
    }

    static ErrorCode code(SQLException e) {
        return switch (primary(e)) {
            case SQLITE_CONSTRAINT -> ErrorCode.CONSTRAINT_VIOLATION;
            case SQLITE_MISMATCH -> ErrorCode.VALUE_INVALID;
            case SQLITE_TOOBIG -> ErrorCode.VALUE_OUT_OF_RANGE;
            case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL,
                    SQLITE_CANTOPEN, SQLITE_NOTADB -> ErrorCode.IO_ERROR;
            case SQLITE_PERM, SQLITE_AUTH -> ErrorCode.PERMISSION_DENIED;
            default -> ErrorCode.DATABASE_ERROR;
        };
    }

    static boolean isConstraint(SQLException e) {
        return primary(e) == SQLITE_CONSTRAINT;
    }

    static boolean isForeignKey(SQLException e) {
        return e instanceof SQLiteException s && s.getResultCode().name().equals("SQLITE_CONSTRAINT_FOREIGNKEY");
    }

    static int primary(SQLException e) {
        int code = e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode();
        return code & 0xff;
    }

    /**
     * SQLite's own words: xerial's message is {@code [SQLITE_X] generic text (specific text)}; the
     * specific part names the constraint ({@code NOT NULL constraint failed: t.c}), so it is kept with
     * the result code's name.
     */
    static String describe(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String name = e instanceof SQLiteException s ? s.getResultCode().name() : "SQLSTATE " + e.getSQLState();
        int open = m.lastIndexOf('(');
        String specific = open >= 0 && m.endsWith(")") ? m.substring(open + 1, m.length() - 1) : m;
        return specific + " (" + name + ")";
    }

    static DecantException wrap(SQLException e, ErrorContext context, String doing) {
        String hint = switch (primary(e)) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "; another process holds a lock on the file";
            case SQLITE_NOTADB -> "; the file is not a SQLite database";
            default -> "";
        };
        return new DecantException(code(e), context, doing + ": " + describe(e) + hint, e);
    }
}
