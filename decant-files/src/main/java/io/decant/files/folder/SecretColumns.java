package io.decant.files.folder;

import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which columns hold credentials: a column whose name contains one of the patterns, case-insensitively
 * ({@code encrypted_password}, {@code refresh_token}, {@code api_key}). Over-matching is the safe
 * direction: the only effects are the manifest's {@code containsSecrets} flag and values masked in
 * messages. The list is the setting {@code secretColumns} (comma-separated) when given; without it,
 * the columns that every message of decant redacts ({@link RowKeys#sensitive}).
 */
public final class SecretColumns {
    /** The setting's patterns, or {@code null} for decant's own rule. */
    private final List<String> patterns;

    SecretColumns(List<String> patterns) {
        this.patterns = patterns == null ? null
                : patterns.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    public static SecretColumns fromSetting(String setting) {
        return new SecretColumns(setting == null ? null : Arrays.asList(setting.split(",")));
    }

    boolean isSecret(String column) {
        if (patterns == null) {
            return RowKeys.sensitive(column);
        }
        String c = column.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            if (c.contains(p)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> of(List<Column> columns) {
        Set<String> out = new LinkedHashSet<>();
        for (Column c : columns) {
            if (isSecret(c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }
}
