package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns pgjdbc's exceptions into decant's one exception type. The SQLState decides the code (and so
 * the exit status); the server's own words, the SQLState and every chained exception stay in the
 * message, and the original exception stays the cause. Messages are redacted by DecantException.
 */
final class PgErrors {
    // "COPY users, line 1532, column email: "..."": the line of a binary COPY is the tuple number.
    private static final Pattern COPY_WHERE = Pattern.compile("COPY .*?, line (\\d+)(?:, column (.+?))?(?::|$)", Pattern.DOTALL);
    // "Key (id)=(887) already exists." names the offending row's key.
    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\)");

    private PgErrors() {
    }

    /** An error while connecting to {@code url}. */
    static DecantException connecting(SQLException e, PgUrl url) {
        String state = state(e);
        String where = url.hostPort() + "/" + url.database();
        if (state.startsWith("28")) {
            return new DecantException(ErrorCode.PERMISSION_DENIED, ErrorContext.EMPTY,
                    "authentication failed for user " + url.userOrDefault() + " at " + where + ": " + describe(e), e);
        }
        if (state.equals("3D000")) {
            return new DecantException(ErrorCode.CONNECTION_FAILED, ErrorContext.EMPTY,
                    "database " + url.database() + " does not exist on " + url.hostPort() + ": " + describe(e), e);
        }
        if (state.startsWith("08") || state.isEmpty() || state.equals("53300")) {
            // pgjdbc says "The connection attempt failed." and keeps the reason (unknown host, TLS) as the cause
            String cause = io.decant.core.error.Causes.describe(e.getCause());
            return new DecantException(ErrorCode.CONNECTION_FAILED, ErrorContext.EMPTY,
                    "cannot connect to PostgreSQL at " + url.hostPort() + ": " + (cause == null ? "" : cause + "; ")
                            + describe(e), e);
        }
        return map(e, ErrorContext.EMPTY, "connecting to " + where);
    }

    /**
     * An error while doing {@code action} (e.g. "loading", "reading", "creating tables"), in {@code context}.
     * COPY errors get their row ordinal and column from the server's CONTEXT line.
     */
    static DecantException map(SQLException e, ErrorContext context, String action) {
        String state = state(e);
        ErrorContext ctx = context;
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null) {
            if (server.getWhere() != null) {
                Matcher m = COPY_WHERE.matcher(server.getWhere());
                if (m.find()) {
                    ctx = ctx.withRow(Long.parseLong(m.group(1)), ctx.rowKey());
                    if (m.group(2) != null && ctx.column() == null) {
                        ctx = ctx.withColumn(m.group(2));
                    }
                }
            }
            if (server.getColumn() != null && ctx.column() == null) {
                ctx = ctx.withColumn(server.getColumn());
            }
            if (server.getDetail() != null) {
                Matcher k = KEY_DETAIL.matcher(server.getDetail());
                if (k.find() && ctx.rowKey() == null) {
                    ctx = ctx.withRow(ctx.rowOrdinal(), RowKeys.of(k.group(1), k.group(2)));
                }
            }
        }
        return new DecantException(code(state), ctx, action + " failed: " + describe(e), e);
    }

    /**
     * Whether the server refused a row for its values: a data exception (class 22) or an integrity
     * constraint violation (class 23), which {@code --on-error reject} may set aside. Not 22P03 or
     * 22P04: a binary COPY stream the server cannot parse is decant's bug, not the row's.
     */
    static boolean refusesRow(SQLException e) {
        String state = state(e);
        return (state.startsWith("22") || state.startsWith("23")) && !state.equals("22P03") && !state.equals("22P04");
    }

    /**
     * Why the server refused one row, in {@code context} (which names the row): the code and column
     * as in {@link #map}, the server's message without its COPY line, which counts the rows of one
     * retry rather than of the table (a trigger's context stays).
     */
    static DecantException refusedRow(SQLException e, ErrorContext context) {
        ErrorContext ctx = context;
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && ctx.column() == null) {
            Matcher m = server.getWhere() == null ? null : COPY_WHERE.matcher(server.getWhere());
            if (m != null && m.find() && m.group(2) != null) {
                ctx = ctx.withColumn(m.group(2));
            } else if (server.getColumn() != null) {
                ctx = ctx.withColumn(server.getColumn());
            }
        }
        return new DecantException(code(state(e)), ctx, "the database refused the row: " + describe(e, false), e);
    }

    /** The row a COPY error names (its CONTEXT "COPY t, line 3": the COPY's third row), or null. */
    static Long copyLine(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null || server.getWhere() == null) {
            return null;
        }
        Matcher m = COPY_WHERE.matcher(server.getWhere());
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    static ErrorCode code(String state) {
        if (state.equals("42501")) {
            return ErrorCode.PERMISSION_DENIED;
        }
        if (state.equals("3D000")) {
            return ErrorCode.CONNECTION_FAILED;
        }
        if (state.startsWith("22")) {
            // 22003 numeric_value_out_of_range, 22008 datetime_field_overflow, 22001 string too long
            return state.equals("22003") || state.equals("22008") || state.equals("22001")
                    ? ErrorCode.VALUE_OUT_OF_RANGE : ErrorCode.VALUE_INVALID;
        }
        if (state.startsWith("23")) {
            return ErrorCode.CONSTRAINT_VIOLATION;
        }
        if (state.startsWith("08") || state.startsWith("57P0")) {
            return ErrorCode.CONNECTION_FAILED;
        }
        if (state.startsWith("28")) {
            return ErrorCode.PERMISSION_DENIED;
        }
        return ErrorCode.DATABASE_ERROR;
    }

    /** The message of {@code e} and of every exception chained with getNextException, each with its SQLState. */
    static String describe(SQLException e) {
        return describe(e, true);
    }

    /** @param copyLine whether to keep the COPY's "COPY t, line N" in the server's context */
    private static String describe(SQLException e, boolean copyLine) {
        StringBuilder sb = new StringBuilder();
        int guard = 0;
        for (SQLException x = e; x != null && guard < 10; x = x.getNextException(), guard++) {
            if (guard > 0) {
                sb.append("; next: ");
            }
            sb.append(oneLine(message(x, copyLine)));
            if (x.getSQLState() != null) {
                sb.append(" (SQLState ").append(x.getSQLState()).append(')');
            }
        }
        return sb.toString();
    }

    /**
     * The server's own fields with English labels: pgjdbc renders "Detail:"/"Hint:" in the JVM's
     * language, and messages are API, so they must not change with the user's locale.
     */
    private static String message(SQLException x, boolean copyLine) {
        if (x instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            StringBuilder sb = new StringBuilder();
            sb.append(m.getSeverity() == null ? "ERROR" : m.getSeverity()).append(": ").append(m.getMessage());
            if (m.getDetail() != null) {
                sb.append("; Detail: ").append(m.getDetail());
            }
            if (m.getHint() != null) {
                sb.append("; Hint: ").append(m.getHint());
            }
            String where = m.getWhere() == null || copyLine ? m.getWhere()
                    : String.join("\n", m.getWhere().lines().filter(l -> !l.startsWith("COPY ")).toList());
            if (where != null && !where.isEmpty()) {
                sb.append("; Where: ").append(where);
            }
            return sb.toString();
        }
        return x.getMessage();
    }

    private static String oneLine(String s) {
        return s == null ? "(no message)" : s.strip().replace("\n  ", "; ").replace('\n', ' ');
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }
}
