package io.decant.core.workflow;

import javax.sql.DataSource;

/**
 * An endpoint as the caller named it: a URL (which may hold {@code ${VAR}} and is expanded when it is
 * opened) or an application's {@link DataSource}. Exactly one is set.
 */
public record Where(String url, DataSource dataSource) {
    public static Where of(String url) {
        return url == null ? null : new Where(url, null);
    }

    public static Where of(DataSource dataSource) {
        return dataSource == null ? null : new Where(null, dataSource);
    }

    @Override
    public String toString() {
        return url != null ? io.decant.core.util.Redactor.global().redact(url) : "(DataSource)";
    }
}
