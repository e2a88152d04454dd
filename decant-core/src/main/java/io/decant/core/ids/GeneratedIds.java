package io.decant.core.ids;

import io.decant.core.spec.IdStrategy;
import io.decant.core.transform.Conversion;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The strategies that compute a new id from the old one without asking anybody: {@code keep},
 * {@code uuid} (v7) and {@code uuid5}. Only {@code uuid} is random, so only it reuses an earlier
 * run's entries: a rerun must give the rows already loaded the ids they already have.
 */
final class GeneratedIds {
    private GeneratedIds() {
    }

    static IdBuildResult keep(BuildContext ctx) {
        LogicalType to = ctx.req.newKeyType() != null ? ctx.req.newKeyType() : ctx.oldType();
        Conversion c = ctx.conversion(ctx.oldType(), to);
        return run(ctx, to, c, UnaryOperator.identity(), Optional.empty(), "the old id");
    }

    static IdBuildResult uuid7(BuildContext ctx) {
        LogicalType to = ctx.req.newKeyType() != null ? ctx.req.newKeyType() : LogicalType.UUID;
        Conversion c = ctx.conversion(LogicalType.UUID, to);
        UuidV7 gen = new UuidV7(ctx.req.clock(), new java.security.SecureRandom());
        return run(ctx, to, c, old -> gen.next(), ctx.previous(to), "the new id");
    }

    static IdBuildResult uuid5(BuildContext ctx) {
        LogicalType to = ctx.req.newKeyType() != null ? ctx.req.newKeyType() : LogicalType.UUID;
        Conversion c = ctx.conversion(LogicalType.UUID, to);
        UUID ns = ctx.req.spec().namespace() != null ? ctx.req.spec().namespace() : Uuid5.DECANT_NAMESPACE;
        String table = ctx.name();
        return run(ctx, to, c, old -> Uuid5.of(ns, Uuid5.nameFor(table, old)), Optional.empty(), "the new id");
    }

    private static IdBuildResult run(BuildContext ctx, LogicalType to, Conversion conversion, UnaryOperator<Object> make,
                                     Optional<IdMap> previous, String what) {
        IdStrategy strategy = ctx.req.spec().strategy();
        IdMap.Builder b = IdMap.builder(ctx.name(), ctx.key.name(), strategy, ctx.oldType(), to);
        long[] counts = new long[3]; // rows, reused, created
        SourceKeys.forEach(ctx.req.source(), ctx.table, List.of(ctx.key), (ordinal, row) -> {
            Object old = ctx.oldId(ordinal, row[0]);
            ctx.checkFirst(b, ordinal, old);
            IdEntry earlier = previous.flatMap(p -> p.entry(old)).orElse(null);
            IdEntry e;
            if (earlier != null) {
                e = earlier;
                counts[1]++;
            } else {
                // The raw value, not the canonical Long: the conversion expects the column's own representation.
                Object neu = ctx.convert(conversion, make.apply(row[0]), ordinal, old, what);
                e = new IdEntry(old, neu, null, ctx.now);
                counts[2]++;
            }
            ctx.checkNewUnique(b, ordinal, old, e.newId());
            b.add(e);
            counts[0]++;
            ctx.rowsRead(counts[0]);
        });
        previous.ifPresent(p -> ctx.keepStale(b, p));
        return new IdBuildResult(b.build(), counts[0], counts[1], counts[2], 0, List.of(), ctx.warnings);
    }
}
