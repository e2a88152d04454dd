package io.decant.core.ids;

import io.decant.core.spec.IdSpec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link IdMapBuilder} needs to build one table's mapping. Start from {@link #of} and add what
 * the strategy needs.
 *
 * @param table       the table as the spec names it under {@code ids:} ({@code users}, {@code auth.users})
 * @param target      for {@code match}: the target, opened as a source; else may be {@code null}
 * @param mappingFile decant's mapping file: entries of a previous run are reused by {@code uuid} and
 *                    {@code http}, and {@code http} keeps its journal beside it; {@code null} for none
 * @param newKeyType  the target key column's type when known (the planner knows it); {@code null}
 *                    for the strategy's own (uuid for uuid/uuid5, the source's for keep, the target
 *                    key's for match, the file's for file, text for http)
 * @param env         for {@code ${NAME}} still left in HTTP header values
 * @param progress    one line per event; for {@code http} one per created row. It may throw to stop
 *                    the build: everything created so far is in the journal
 */
public record IdBuildRequest(String table, IdSpec spec, SourceDatabase source, SourceDatabase target, Path mappingFile,
                             LogicalType newKeyType, Map<String, String> env, Consumer<String> progress, Clock clock,
                             HttpOptions http) {
    public IdBuildRequest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        env = env == null ? Map.of() : Map.copyOf(env);
        progress = progress == null ? s -> { } : progress;
        clock = clock == null ? Clock.systemUTC() : clock;
        http = http == null ? HttpOptions.DEFAULTS : http;
    }

    public static IdBuildRequest of(String table, IdSpec spec, SourceDatabase source) {
        return new IdBuildRequest(table, spec, source, null, null, null, Map.of(), null, null, null);
    }

    public IdBuildRequest withTarget(SourceDatabase t) {
        return new IdBuildRequest(table, spec, source, t, mappingFile, newKeyType, env, progress, clock, http);
    }

    public IdBuildRequest withMappingFile(Path f) {
        return new IdBuildRequest(table, spec, source, target, f, newKeyType, env, progress, clock, http);
    }

    public IdBuildRequest withNewKeyType(LogicalType t) {
        return new IdBuildRequest(table, spec, source, target, mappingFile, t, env, progress, clock, http);
    }

    public IdBuildRequest withEnv(Map<String, String> e) {
        return new IdBuildRequest(table, spec, source, target, mappingFile, newKeyType, e, progress, clock, http);
    }

    public IdBuildRequest withProgress(Consumer<String> p) {
        return new IdBuildRequest(table, spec, source, target, mappingFile, newKeyType, env, p, clock, http);
    }

    public IdBuildRequest withClock(Clock c) {
        return new IdBuildRequest(table, spec, source, target, mappingFile, newKeyType, env, progress, c, http);
    }

    public IdBuildRequest withHttp(HttpOptions h) {
        return new IdBuildRequest(table, spec, source, target, mappingFile, newKeyType, env, progress, clock, h);
    }
}
