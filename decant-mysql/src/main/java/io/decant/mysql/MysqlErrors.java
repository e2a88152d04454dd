package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver's {@link SQLException} into decant's one exception type. The SQLState and the
 * server's error number stay in the detail, and the exception itself stays the cause, so nothing
 * the server said is dropped (including {@code getNextException()}).
 */
final class MysqlErrors {
    private static final Pattern CONN_PREFIX = Pattern.compile("^\\(conn=\\d+\\)\\s*");
    private static final Pattern AT_ROW = Pattern.compile("\\bat row (\\d+)");
    private static final Pattern FOR_COLUMN = Pattern.compile("\\bcolumn [`'](.+?)[`'] at row");

    private MysqlErrors() {
    }

    static DecantException map(SQLException e, String address, ErrorContext context) {
        ErrorCode code = codeOf(e);
        String detail = clean(e.getMessage());
        if (code == ErrorCode.CONNECTION_FAILED) {
            String cause = io.decant.core.error.Causes.describe(e.getCause());
            detail = "cannot reach MySQL/MariaDB at " + address + ": " + (cause == null ? "" : cause + "; ") + detail;
        } else if (code == ErrorCode.PERMISSION_DENIED && "connect".equals(context.phase())) {
            detail = "MySQL/MariaDB at " + address + " refused the login: " + detail;
        }
        detail += describeState(e);
        return new DecantException(code, context, detail, e);
    }

    static ErrorCode codeOf(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int errno = e.getErrorCode();
        // 1044: no access to the database; 1045: bad credentials; 1142/1143: command denied on a table or column.
        if (state.equals("28000") || errno == 1044 || errno == 1045 || errno == 1142 || errno == 1143
                || errno == 1227) {
            return ErrorCode.PERMISSION_DENIED;
        }
        if (state.startsWith("08") || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTransientConnectionException || causedBy(e, ConnectException.class)
                || causedBy(e, UnknownHostException.class)) {
            return ErrorCode.CONNECTION_FAILED;
        }
        if (state.startsWith("23")) {
            return ErrorCode.CONSTRAINT_VIOLATION;
        }
        if (state.startsWith("22")) {
            // 22001: string too long, 22003: numeric out of range; the rest of class 22 is an invalid value.
            return state.equals("22001") || state.equals("22003") ? ErrorCode.VALUE_OUT_OF_RANGE : ErrorCode.VALUE_INVALID;
        }
        return ErrorCode.DATABASE_ERROR;
    }

    /** The 1-based row within one multi-row INSERT that the server named ("... at row 3"), or -1. */
    static int rowInStatement(SQLException e) {
        Matcher m = AT_ROW.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The column the server named ("Data too long for column 'x' at row 3"), or null. */
    static String columnNamed(SQLException e) {
        Matcher m = FOR_COLUMN.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : null;
    }

    private static String describeState(SQLException e) {
        StringBuilder sb = new StringBuilder(" (SQLState ").append(e.getSQLState());
        if (e.getErrorCode() != 0) {
            sb.append(", error ").append(e.getErrorCode());
        }
        sb.append(')');
        SQLException next = e.getNextException();
        if (next != null && next != e) {
            sb.append("; next: ").append(clean(next.getMessage()));
        }
        return sb.toString();
    }

    /** The driver prefixes messages with its connection number, which means nothing to a user. */
    private static String clean(String message) {
        if (message == null) {
            return "no message from the driver";
        }
        return CONN_PREFIX.matcher(message.strip()).replaceFirst("");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
