package io.decant.core.workflow;

import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.util.Env;
import java.util.List;
import java.util.Map;

/**
 * Opens sources and targets, by URL after expanding {@code ${ENV}} in it (dialects fill a URL's gaps
 * from the same environment), or through an application's DataSource.
 */
public final class Endpoints {
    private final Dialects dialects;
    private final Map<String, String> env;

    public Endpoints(Dialects dialects, Map<String, String> env) {
        this.dialects = dialects;
        this.env = env;
    }

    public Dialects dialects() {
        return dialects;
    }

    /** {@code url} with {@code ${VAR}} replaced from the environment; {@code option} names it in an error. */
    public String expand(String url, String option) {
        return Env.expand(url, env, option);
    }

    public SourceDatabase source(Where where, List<String> schemas, Map<String, String> settings) {
        OpenOptions options = new OpenOptions(schemas, settings, env);
        return where.url() != null ? dialects.openSource(expand(where.url(), "--from"), options)
                : dialects.openSource(where.dataSource(), options);
    }

    /** See {@link io.decant.core.spi.Dialect#absentTarget}: null when the target exists or may (a DataSource's does). */
    public String absentTarget(Where where) {
        return where.url() == null ? null : dialects.absentTarget(expand(where.url(), "--to"));
    }

    public TargetDatabase target(Where where, Map<String, String> settings) {
        return target(where, List.of(), settings);
    }

    /** A target that sees the tables of {@code schemas} too (PostgreSQL: a source's auth.users loads auth.users). */
    public TargetDatabase target(Where where, List<String> schemas, Map<String, String> settings) {
        OpenOptions options = new OpenOptions(schemas, settings, env);
        return where.url() != null ? dialects.openTarget(expand(where.url(), "--to"), options)
                : dialects.openTarget(where.dataSource(), options);
    }
}
