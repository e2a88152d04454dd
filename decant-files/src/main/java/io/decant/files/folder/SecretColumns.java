package io.decant.files.folder;

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
 * messages. The list is the setting {@code secretColumns} (comma-separated) when given.
 */
public final class SecretColumns {
    static final List<String> DEFAULT = List.of("password", "passwd", "secret", "token", "api_key", "apikey",
            "private_key", "credential", "salt");

    private final List<String> patterns;

    SecretColumns(List<String> patterns) {
        this.patterns = patterns.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    public static SecretColumns fromSetting(String setting) {
        return setting == null ? new SecretColumns(DEFAULT) : new SecretColumns(Arrays.asList(setting.split(",")));
    }

    boolean isSecret(String column) {
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
