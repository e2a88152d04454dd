package io.decant.core.error;

import io.decant.core.util.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a failure happened. Every field is optional; the message prints those that are set, in a
 * fixed order, so that the place reads the same in every error: {@code users.balance (row 1532,
 * id=887)}.
 */
public record ErrorContext(
        String phase,
        String table,
        String column,
        Long rowOrdinal,
        String rowKey,
        String value,
        String rule,
        String location) {

    public static final ErrorContext EMPTY = new ErrorContext(null, null, null, null, null, null, null, null);
    static final int VALUE_PREVIEW = 80;

    public ErrorContext withPhase(String p) { return new ErrorContext(p, table, column, rowOrdinal, rowKey, value, rule, location); }
    public ErrorContext withTable(String t) { return new ErrorContext(phase, t, column, rowOrdinal, rowKey, value, rule, location); }
    public ErrorContext withColumn(String c) { return new ErrorContext(phase, table, c, rowOrdinal, rowKey, value, rule, location); }
    public ErrorContext withRow(Long ordinal, String key) { return new ErrorContext(phase, table, column, ordinal, key, value, rule, location); }
    public ErrorContext withValue(Object v) { return new ErrorContext(phase, table, column, rowOrdinal, rowKey, preview(v), rule, location); }
    public ErrorContext withRule(String r) { return new ErrorContext(phase, table, column, rowOrdinal, rowKey, value, r, location); }
    public ErrorContext withLocation(String l) { return new ErrorContext(phase, table, column, rowOrdinal, rowKey, value, rule, l); }

    /** Fills the fields that this context leaves empty from {@code outer}. */
    public ErrorContext orElse(ErrorContext outer) {
        return new ErrorContext(
                phase != null ? phase : outer.phase,
                table != null ? table : outer.table,
                column != null ? column : outer.column,
                rowOrdinal != null ? rowOrdinal : outer.rowOrdinal,
                rowKey != null ? rowKey : outer.rowKey,
                value != null ? value : outer.value,
                rule != null ? rule : outer.rule,
                location != null ? location : outer.location);
    }

    /** A value as it may appear in a message: truncated, control characters escaped, secrets redacted. */
    public static String preview(Object v) {
        if (v == null) {
            return "NULL";
        }
        String s = v instanceof byte[] b ? "<" + b.length + " bytes>" : String.valueOf(v);
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(s.length(), VALUE_PREVIEW);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                case '\'' -> out.append("\\'");
                default -> out.append(c);
            }
        }
        out.append('\'');
        if (s.length() > VALUE_PREVIEW) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return Redactor.global().redact(out.toString());
    }

    /**
     * A key value as it appears in {@code (row 1532, id=887)}: unquoted, but truncated, with control
     * characters escaped and secrets redacted like {@link #preview}.
     */
    public static String keyValue(Object v) {
        String p = preview(v);
        if (p.length() >= 2 && p.charAt(0) == '\'' && p.indexOf('\'', 1) == p.length() - 1) {
            return p.substring(1, p.length() - 1);
        }
        return p;
    }

    /** {@code users.balance (row 1532, id=887)}, or an empty string when nothing is known. */
    public String place() {
        StringBuilder sb = new StringBuilder();
        if (table != null) {
            sb.append(table);
            if (column != null) {
                sb.append('.').append(column);
            }
        } else if (column != null) {
            sb.append(column);
        }
        List<String> details = new ArrayList<>();
        if (location != null) {
            details.add(location);
        }
        if (rowOrdinal != null) {
            details.add("row " + rowOrdinal);
        }
        if (rowKey != null) {
            details.add(rowKey);
        }
        if (!details.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('(').append(String.join(", ", details)).append(')');
        }
        return sb.toString();
    }
}
