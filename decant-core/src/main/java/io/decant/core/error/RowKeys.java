package io.decant.core.error;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way a row is named by its key in messages, reports and reject files: {@code id=887},
 * {@code org_id=1, user_id=7}. Each value is shown as {@link ErrorContext#keyValue} shows it
 * (truncated, control characters escaped, URL passwords redacted), and the value of a column whose
 * name says it holds a credential is never shown: {@code token=<redacted>}. Sources, sinks, the
 * engine and verify all build keys here, so a key column named {@code api_token} is hidden in every
 * message alike.
 */
public final class RowKeys {
    /** What a sensitive column's value is shown as. */
    public static final String REDACTED = "<redacted>";

    /**
     * Names of columns holding credentials. Over-matching is the safe direction: the only effect is
     * a value not shown.
     */
    private static final Pattern SENSITIVE =
            Pattern.compile("password|passwd|secret|token|api_?key|private_?key|credential|salt");

    private RowKeys() {
    }

    /** Whether values of {@code column} are never shown: passwords, tokens, secrets, keys, salts. */
    public static boolean sensitive(String column) {
        return SENSITIVE.matcher(column.toLowerCase(Locale.ROOT)).find();
    }

    /** {@code column=value}. */
    public static String of(String column, Object value) {
        return append(new StringBuilder(), column, value).toString();
    }

    /** {@code columns[0]=values[0], ...}, or {@code null} when there are no key columns. */
    public static String of(List<String> columns, Object[] values) {
        if (columns.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            append(sb, columns.get(k), values[k]);
        }
        return sb.toString();
    }

    /** {@code columns[0]=row[indexes[0]], ...}, or {@code null} when there are no key columns. */
    public static String of(List<String> columns, Object[] row, int[] indexes) {
        if (indexes.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < indexes.length; k++) {
            append(sb, columns.get(k), row[indexes[k]]);
        }
        return sb.toString();
    }

    /** Appends {@code column=value}, after {@code ", "} when {@code sb} already holds a pair. */
    public static StringBuilder append(StringBuilder sb, String column, Object value) {
        return append(sb, column, column, value, false);
    }

    /**
     * Appends {@code label=value}, after {@code ", "} when {@code sb} already holds a pair; the
     * value is redacted when {@code column} is sensitive or the caller knows it to be secret (a
     * setting naming more columns). The label is what the reader sees ({@code upper(email)}), the
     * column what it is computed from.
     */
    public static StringBuilder append(StringBuilder sb, String label, String column, Object value, boolean secret) {
        if (!sb.isEmpty()) {
            sb.append(", ");
        }
        return sb.append(label).append('=').append(secret || sensitive(column) ? REDACTED : ErrorContext.keyValue(value));
    }

    /**
     * {@code column='value'}: the key of an id mapping, whose values are compared as text, so the
     * quotes show that {@code '2'} is text.
     */
    public static String quoted(String column, Object text) {
        return column + "=" + (sensitive(column) ? REDACTED : ErrorContext.preview(text));
    }
}
