package io.decant.cli;

import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.util.Env;
import java.util.List;
import java.util.Map;

/** Opens sources and targets by URL, after expanding ${ENV} in it; dialects fill a URL's gaps from the same environment. */
final class Endpoints {
    private final Dialects dialects = Dialects.installed();
    private final Map<String, String> env;

    Endpoints(Map<String, String> env) {
        this.env = env;
    }

    static Endpoints fromEnvironment() {
        return new Endpoints(Environment.current());
    }

    String expand(String url, String option) {
        return Env.expand(url, env, option);
    }

    SourceDatabase source(String url, List<String> schemas, Map<String, String> settings) {
        return dialects.openSource(expand(url, "--from"), new OpenOptions(schemas, settings, env));
    }

    /** See {@link io.decant.core.spi.Dialect#absentTarget}: null when the target exists or may. */
    String absentTarget(String url) {
        return dialects.absentTarget(expand(url, "--to"));
    }

    TargetDatabase target(String url, Map<String, String> settings) {
        return target(url, List.of(), settings);
    }

    /** A target that sees the tables of {@code schemas} too (PostgreSQL: a source's auth.users loads auth.users). */
    TargetDatabase target(String url, List<String> schemas, Map<String, String> settings) {
        return dialects.openTarget(expand(url, "--to"), new OpenOptions(schemas, settings, env));
    }
}
