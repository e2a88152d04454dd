package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spec.MatchSpec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.transform.Conversion;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strategy {@code match}: the new id of a source row is the key of the one target row whose match
 * column equals the row's (perm-tracker matches users by email). Values are compared as text, so an
 * integer column can match a text one; {@code case_insensitive} compares them lower-cased in
 * {@link Locale#ROOT} (a Turkish default locale must not turn "I" into a dotless "ı").
 * A row with no match is left unmatched for the orphan policy; a row matching two target rows, or two
 * rows matching one, is a data error, because guessing would hand one user another's data.
 */
final class MatchIds {
    private MatchIds() {
    }

    static IdBuildResult run(BuildContext ctx) {
        MatchSpec m = ctx.req.spec().match();
        SourceDatabase target = ctx.req.target();
        if (target == null) {
            throw new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY.withTable(ctx.name()).withLocation("ids." + ctx.name() + ".match"),
                    "strategy match reads table " + m.table() + " of the target; give the target (--to)");
        }
        Table tt = SourceKeys.table(target, m.table(), "target");
        Column tkey = SourceKeys.key(tt, m.table());
        Column tcol = tt.column(m.column());
        Column scol = ctx.table.column(m.sourceColumn() != null ? m.sourceColumn() : m.column());
        LogicalType to = ctx.req.newKeyType() != null ? ctx.req.newKeyType() : tkey.type();
        Conversion conv = ctx.conversion(tkey.type(), to);

        Map<String, Object> index = new HashMap<>();
        Map<String, List<Object>> ambiguous = new HashMap<>();
        SourceKeys.forEach(target, tt, List.of(tkey, tcol), (ordinal, row) -> {
            if (row[1] == null || row[0] == null) {
                return;
            }
            String k = norm(row[1], m.caseInsensitive());
            Object first = index.putIfAbsent(k, row[0]);
            if (first != null) {
                ambiguous.computeIfAbsent(k, x -> new ArrayList<>(List.of(first))).add(row[0]);
            }
        });

        IdMap.Builder b = IdMap.builder(ctx.name(), ctx.key.name(), ctx.req.spec().strategy(), ctx.oldType(), to);
        List<String> unmatched = new ArrayList<>();
        long[] counts = {0, 0};
        SourceKeys.forEach(ctx.req.source(), ctx.table, List.of(ctx.key, scol), (ordinal, row) -> {
            Object old = ctx.oldId(ordinal, row[0]);
            ctx.checkFirst(b, ordinal, old);
            ctx.rowsRead(++counts[0]);
            String k = row[1] == null ? null : norm(row[1], m.caseInsensitive());
            Object targetKey = k == null ? null : index.get(k);
            if (targetKey == null) {
                counts[1]++;
                if (unmatched.size() < IdBuildResult.SAMPLE) {
                    unmatched.add(KeyValues.text(old));
                }
                return;
            }
            List<Object> many = ambiguous.get(k);
            if (many != null) {
                throw new DecantException(ErrorCode.VALUE_INVALID, ctx.rowContext(ordinal, old).withRule("match: exactly one target row"),
                        scol.name() + " " + ErrorContext.preview(row[1]) + " matches " + many.size() + " rows of the target's "
                                + tt.id().display() + ": " + keys(tkey, many));
            }
            Object neu = ctx.convert(conv, targetKey, ordinal, old, "the target key");
            Object other = b.byNew(neu);
            if (other != null) {
                throw new DecantException(ErrorCode.VALUE_INVALID, ctx.rowContext(ordinal, old).withRule("match: exactly one target row"),
                        "source rows " + SourceKeys.rowKey(ctx.key, other) + " and " + SourceKeys.rowKey(ctx.key, old)
                                + " both match " + tt.id().display() + " " + SourceKeys.rowKey(tkey, targetKey) + " by "
                                + scol.name() + " " + ErrorContext.preview(row[1]) + "; two old ids cannot become one");
            }
            b.add(new IdEntry(old, neu, Map.of(scol.name(), String.valueOf(row[1])), ctx.now));
        });
        IdMap map = b.build();
        if (counts[1] > 0) {
            ctx.warnings.add(counts[1] + " rows have no match in " + tt.id().display() + " by " + scol.name() + ": "
                    + BuildContext.sample(unmatched));
        }
        return new IdBuildResult(map, counts[0], 0, map.size(), counts[1], unmatched, ctx.warnings);
    }

    private static String norm(Object v, boolean caseInsensitive) {
        String s = v instanceof String str ? str : KeyValues.text(KeyValues.canonical(v));
        return caseInsensitive ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static String keys(Column key, List<Object> values) {
        return String.join(", ", values.stream().map(v -> SourceKeys.rowKey(key, v)).toList());
    }
}
