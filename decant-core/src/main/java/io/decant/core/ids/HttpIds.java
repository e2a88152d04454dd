package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.spec.HttpSpec;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.LogicalType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strategy {@code http}: each source row not yet mapped is created in an external service (an auth
 * provider's admin API), one at a time, rate-limited, and its new id journaled before decant goes on
 * ({@link IdJournal}). A rerun, after a crash or a failure, sends only the rows that have no id yet:
 * no user is created twice. Extras of an entry are the values sent ({@code email}), for support.
 */
final class HttpIds {
    private HttpIds() {
    }

    static IdBuildResult run(BuildContext ctx) {
        HttpSpec hs = ctx.req.spec().http();
        String where = "ids." + ctx.name() + ".http";
        Path mapping = ctx.req.mappingFile();
        if (mapping == null) {
            throw new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY.withTable(ctx.name()).withLocation(where),
                    "strategy http needs a mapping file (--mapping): each created row is journaled beside it, so that a rerun never creates it twice");
        }
        Path journalFile = MappingFile.journalOf(mapping);
        Optional<IdMap> previous = ctx.previous(ctx.req.newKeyType());
        LogicalType to = ctx.req.newKeyType() != null ? ctx.req.newKeyType()
                : previous.map(IdMap::newType).orElse(LogicalType.TEXT);
        IdJournal.State journaled = IdJournal.read(journalFile, ctx.name());
        if (!journaled.inFlight().isEmpty()) {
            throw new DecantException(ErrorCode.PARTIAL_RUN, ErrorContext.EMPTY.withTable(ctx.name()).withLocation(journalFile.toString()),
                    journaled.inFlight().size() + " rows were sent and got no answer before decant stopped, so the service may hold them: "
                            + ctx.key.name() + " " + BuildContext.sample(IdJournal.sample(journaled.inFlight()))
                            + ". Look them up in the service (for example by email); map existing ones with strategy match,"
                            + " or, if they were not created, delete their \"sending\" lines from the journal and run again");
        }
        BodyTemplate template = hs.body() == null ? null : BodyTemplate.compile(hs.body(), where + ".body");
        List<Column> columns = new ArrayList<>(List.of(ctx.key));
        List<String> names = new ArrayList<>(List.of(ctx.key.name()));
        if (template != null) {
            for (String c : template.columns()) {
                Column col = ctx.table.column(c);
                if (!names.contains(col.name())) {
                    columns.add(col);
                    names.add(col.name());
                }
            }
        }
        HttpIdClient client = new HttpIdClient(hs, ctx.req.env(), ctx.req.http(), where);

        IdMap.Builder b = IdMap.builder(ctx.name(), ctx.key.name(), ctx.req.spec().strategy(), ctx.oldType(), to);
        long[] counts = {0, 0, 0}; // rows, reused, created
        IdJournal[] journal = {null};
        try {
            SourceKeys.forEach(ctx.req.source(), ctx.table, columns, (ordinal, row) -> {
                Object old = ctx.oldId(ordinal, row[0]);
                ctx.checkFirst(b, ordinal, old);
                counts[0]++;
                IdEntry earlier = previous.flatMap(p -> p.entry(old)).orElse(null);
                MappingDocument.Entry inJournal = journaled.created().get(KeyValues.text(old));
                if (earlier == null && inJournal != null) {
                    earlier = new IdEntry(old, typed(journalFile, ctx, inJournal, to), inJournal.extras(), inJournal.migratedAt());
                }
                if (earlier != null) {
                    ctx.checkNewUnique(b, ordinal, old, earlier.newId());
                    b.add(earlier);
                    counts[1]++;
                    return;
                }
                if (journal[0] == null) {
                    journal[0] = IdJournal.open(journalFile);
                }
                Map<String, Object> values = BodyTemplate.asMap(names, row);
                String body = template == null ? null : template.render(values::get);
                ErrorContext rowCtx = ctx.rowContext(ordinal, old);
                journal[0].sending(ctx.name(), old);
                JsonNode idJson;
                try {
                    idJson = client.create(body, rowCtx);
                } catch (HttpIdClient.Failure f) {
                    if (!f.mayHaveCreated) {
                        journal[0].failed(ctx.name(), old);
                    }
                    throw f.error;
                }
                Map<String, String> extras = extras(names, row);
                // Journaled first, whatever follows: the row now exists in the service.
                journal[0].created(ctx.name(), old, idJson, extras, ctx.now);
                Object neu;
                try {
                    neu = KeyValues.fromJson(idJson, to);
                } catch (ConversionException e) {
                    throw new DecantException(ErrorCode.DATABASE_ERROR, rowCtx.withRule(e.rule()), "the service's id "
                            + ErrorContext.preview(idJson.asText()) + " at " + hs.idPointer() + " is not a " + to + " (" + e.getMessage()
                            + "); it is journaled in " + journalFile + ", so a rerun with the right key type will not create the row again");
                }
                ctx.checkNewUnique(b, ordinal, old, neu);
                b.add(new IdEntry(old, neu, extras, ctx.now));
                counts[2]++;
                ctx.progress("created " + counts[2] + " in the service (" + counts[0] + " rows read)");
            });
        } finally {
            if (journal[0] != null) {
                journal[0].close();
            }
        }
        previous.ifPresent(p -> ctx.keepStale(b, p));
        keepJournaledStale(ctx, b, journaled, journalFile, to);
        return new IdBuildResult(b.build(), counts[0], counts[1], counts[2], 0, List.of(), ctx.warnings);
    }

    /** Rows created in an earlier run and gone from the source since: the service still holds them, so the mapping does too. */
    private static void keepJournaledStale(BuildContext ctx, IdMap.Builder b, IdJournal.State journaled, Path file, LogicalType to) {
        List<String> stale = new ArrayList<>();
        for (MappingDocument.Entry e : journaled.created().values()) {
            Object old;
            try {
                old = KeyValues.canonical(KeyValues.fromJson(e.old(), ctx.oldType()));
            } catch (ConversionException x) {
                throw MappingFile.corrupt(file, e.line(), ctx.name(), "old id " + ErrorContext.preview(e.old().asText()) + " is not a " + ctx.oldType());
            }
            if (b.byOld(old) == null) {
                Object neu = typed(file, ctx, e, to);
                if (b.byNew(neu) == null) {
                    b.add(new IdEntry(old, neu, e.extras(), e.migratedAt()));
                    stale.add(KeyValues.text(old));
                }
            }
        }
        if (!stale.isEmpty()) {
            ctx.warnings.add(stale.size() + " rows created in the service earlier are no longer in the source and were kept: "
                    + BuildContext.sample(stale));
        }
    }

    private static Object typed(Path file, BuildContext ctx, MappingDocument.Entry e, LogicalType to) {
        try {
            return KeyValues.fromJson(e.neu(), to);
        } catch (ConversionException x) {
            throw MappingFile.corrupt(file, e.line(), ctx.name(), "new id " + ErrorContext.preview(e.neu().asText()) + " is not a " + to
                    + " (" + x.getMessage() + ")");
        }
    }

    private static Map<String, String> extras(List<String> names, Object[] row) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < names.size(); i++) {
            if (row[i] != null) {
                out.put(names.get(i), BodyTemplate.text(row[i]));
            }
        }
        return out;
    }
}
