package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spi.SourceDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds one table's {@link IdMap} by its strategy, reading the source table's key and the columns
 * the strategy needs. Plan-time problems (a composite key, an unknown column, a key type that cannot
 * become the target's) are {@link ErrorCode#SPEC_INVALID}-class errors raised before any row is read
 * or any request sent; per-row problems are data errors naming the table and the row key.
 */
public final class IdMapBuilder {
    private IdMapBuilder() {
    }

    /** The map only; see {@link #run} for counts and warnings. */
    public static IdMap build(String table, IdSpec spec, SourceDatabase source, SourceDatabase targetOrNull,
                              Path mappingFileOrNull, Map<String, String> env, Consumer<String> progress) {
        return run(IdBuildRequest.of(table, spec, source).withTarget(targetOrNull).withMappingFile(mappingFileOrNull)
                .withEnv(env).withProgress(progress)).map();
    }

    public static IdBuildResult run(IdBuildRequest req) {
        Table table = SourceKeys.table(req.source(), req.table(), "source");
        Column key = SourceKeys.key(table, req.table());
        BuildContext ctx = new BuildContext(req, table, key);
        IdStrategy s = req.spec().strategy();
        requireOptions(req, s);
        IdBuildResult r = switch (s) {
            case KEEP -> GeneratedIds.keep(ctx);
            case UUID -> GeneratedIds.uuid7(ctx);
            case UUID5 -> GeneratedIds.uuid5(ctx);
            case FILE -> FileIds.run(ctx);
            case MATCH -> MatchIds.run(ctx);
            case HTTP -> HttpIds.run(ctx);
        };
        ctx.progress(r.map().size() + " ids mapped (" + r.created() + " new, " + r.reused() + " reused, "
                + r.unmatched() + " unmatched)");
        return r;
    }

    /** The parser already insists on these; an IdSpec built in code might not. */
    private static void requireOptions(IdBuildRequest req, IdStrategy s) {
        String missing = switch (s) {
            case KEEP, UUID, UUID5 -> null;
            case FILE -> req.spec().file() == null ? "file" : null;
            case MATCH -> req.spec().match() == null ? "match" : null;
            case HTTP -> req.spec().http() == null ? "http" : null;
        };
        if (missing != null) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(req.table()).withLocation("ids." + req.table()),
                    "strategy " + s.spelling() + " needs the key '" + missing + "'");
        }
    }
}
