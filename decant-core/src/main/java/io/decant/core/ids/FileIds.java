package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strategy {@code file}: the mapping someone else produced (FreshTrack's {@code user-mapping.json}).
 * The file is the truth; the source only tells which of its rows the file misses (unmatched, for
 * the orphan policy) and which file entries are not in the source (warnings).
 */
final class FileIds {
    private FileIds() {
    }

    static IdBuildResult run(BuildContext ctx) {
        Path file = Path.of(ctx.req.spec().file());
        MappingDocument doc = MappingFile.read(file);
        MappingDocument.Table t = doc.table(ctx.name()).orElseThrow(() -> new DecantException(ErrorCode.SPEC_INVALID,
                ErrorContext.EMPTY.withTable(ctx.name()).withLocation("ids." + ctx.name() + ".file"),
                "mapping file " + file + " has no table " + ctx.name() + "; it has " + doc.tables().keySet()));
        IdMap map = MappingFile.toIdMap(doc, t, ctx.name(), ctx.key.name(), ctx.req.spec().strategy(), ctx.oldType(),
                ctx.req.newKeyType());
        Set<Object> inSource = new HashSet<>();
        Set<String> sourceText = new HashSet<>();
        List<String> unmatched = new ArrayList<>();
        long[] rows = {0, 0};
        SourceKeys.forEach(ctx.req.source(), ctx.table, List.of(ctx.key), (ordinal, row) -> {
            Object old = ctx.oldId(ordinal, row[0]);
            inSource.add(old);
            sourceText.add(KeyValues.text(old));
            if (map.lookup(old) == null) {
                rows[1]++;
                if (unmatched.size() < IdBuildResult.SAMPLE) {
                    unmatched.add(KeyValues.text(old));
                }
            }
            ctx.rowsRead(++rows[0]);
        });
        List<String> notInSource = new ArrayList<>();
        long newLooksOld = 0;
        for (IdEntry e : map.entries()) {
            if (!inSource.contains(e.oldId())) {
                notInSource.add(KeyValues.text(e.oldId()));
            }
            if (sourceText.contains(KeyValues.text(e.newId()))) {
                newLooksOld++;
            }
        }
        if (map.size() > 0 && notInSource.size() == map.size() && newLooksOld > 0) {
            throw MappingFile.corrupt(file, 0, ctx.name(), "no old id of the file is a key of " + ctx.table.id().display()
                    + ", but " + newLooksOld + " of its new ids are: the two id fields look swapped (the first written must be the old id, field "
                    + t.key() + ")");
        }
        if (!notInSource.isEmpty()) {
            ctx.warnings.add(notInSource.size() + " entries of " + file + " have an old id that is not in the source: "
                    + BuildContext.sample(notInSource));
        }
        return new IdBuildResult(map, rows[0], map.size(), 0, rows[1], unmatched, ctx.warnings);
    }
}
