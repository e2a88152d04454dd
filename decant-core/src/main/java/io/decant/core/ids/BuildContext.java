package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.transform.Conversion;
import io.decant.core.transform.ConversionException;
import io.decant.core.transform.Conversions;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The resolved inputs of one table's build, shared by the strategies. */
final class BuildContext {
    static final long PROGRESS_EVERY = 10_000;

    final IdBuildRequest req;
    final Table table;
    final Column key;
    final Instant now;
    final List<String> warnings = new ArrayList<>();

    BuildContext(IdBuildRequest req, Table table, Column key) {
        this.req = req;
        this.table = table;
        this.key = key;
        this.now = req.clock().instant();
    }

    String name() {
        return req.table();
    }

    LogicalType oldType() {
        return key.type();
    }

    void progress(String line) {
        req.progress().accept(name() + ": " + line);
    }

    void rowsRead(long n) {
        if (n % PROGRESS_EVERY == 0) {
            progress(n + " rows read");
        }
    }

    ErrorContext rowContext(long ordinal, Object old) {
        return ErrorContext.EMPTY.withPhase("ids").withTable(name()).withColumn(key.name())
                .withRow(ordinal, SourceKeys.rowKey(key, old));
    }

    /** The key of a source row; a NULL key cannot be mapped. */
    Object oldId(long ordinal, Object value) {
        if (value == null) {
            throw new DecantException(ErrorCode.VALUE_INVALID, rowContext(ordinal, null),
                    "the key is NULL; a row without a key cannot be given a new id");
        }
        return KeyValues.canonical(value);
    }

    /** A conversion fixed now; a pair without one is a plan-time error naming the table. */
    Conversion conversion(LogicalType from, LogicalType to) {
        try {
            return Conversions.utc().find(from, to);
        } catch (DecantException e) {
            throw new DecantException(e.code(), ErrorContext.EMPTY.withTable(name()).withColumn(key.name()).withLocation("ids." + name()),
                    "the new ids are " + from + " but the target key is " + to + ": " + e.detail());
        }
    }

    Object convert(Conversion c, Object v, long ordinal, Object old, String what) {
        try {
            return c.converter().convert(v);
        } catch (ConversionException e) {
            throw new DecantException(e.code(), rowContext(ordinal, old).withValue(KeyValues.text(v)).withRule(e.rule()),
                    what + " " + ErrorContext.preview(KeyValues.text(v)) + " cannot become " + c.to() + ": " + e.getMessage());
        }
    }

    /** Two source rows with the same key: the source does not enforce its primary key (SQLite can). */
    void checkFirst(IdMap.Builder b, long ordinal, Object old) {
        if (b.byOld(old) != null) {
            throw new DecantException(ErrorCode.CONSTRAINT_VIOLATION, rowContext(ordinal, old),
                    "the key " + ErrorContext.preview(KeyValues.text(old)) + " appears twice in the source; ids can only be remapped for a unique key");
        }
    }

    void checkNewUnique(IdMap.Builder b, long ordinal, Object old, Object neu) {
        Object other = b.byNew(neu);
        if (other != null) {
            throw new DecantException(ErrorCode.CONSTRAINT_VIOLATION, rowContext(ordinal, old),
                    "old ids " + ErrorContext.preview(KeyValues.text(other)) + " and " + ErrorContext.preview(KeyValues.text(old))
                            + " would both become " + ErrorContext.preview(KeyValues.text(neu)) + "; a new key must be unique");
        }
    }

    /**
     * This table's entries from an earlier run of the same strategy in {@link IdBuildRequest#mappingFile},
     * typed as asked; empty when there is none.
     */
    Optional<IdMap> previous(LogicalType newType) {
        if (req.mappingFile() == null || !Files.exists(req.mappingFile())) {
            return Optional.empty();
        }
        MappingDocument doc = MappingFile.read(req.mappingFile());
        if (doc.layout() != MappingDocument.Layout.DECANT) {
            return Optional.empty();
        }
        Optional<MappingDocument.Table> t = doc.table(name());
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (!req.spec().strategy().spelling().equals(t.get().strategy())) {
            warnings.add("the mapping in " + req.mappingFile() + " was made by strategy " + t.get().strategy()
                    + "; strategy " + req.spec().strategy().spelling() + " makes it again");
            return Optional.empty();
        }
        return Optional.of(MappingFile.toIdMap(doc, t.get(), name(), key.name(), req.spec().strategy(), oldType(), newType));
    }

    /** Entries of an earlier run whose row is gone from the source stay: the new id was handed out and may be in use. */
    void keepStale(IdMap.Builder b, IdMap previous) {
        List<String> stale = new ArrayList<>();
        for (IdEntry e : previous.entries()) {
            if (b.byOld(e.oldId()) == null && b.byNew(e.newId()) == null) {
                b.add(e);
                stale.add(KeyValues.text(e.oldId()));
            }
        }
        if (!stale.isEmpty()) {
            warnings.add(stale.size() + " entries of the earlier mapping are no longer in the source and were kept: "
                    + sample(stale));
        }
    }

    static String sample(List<String> values) {
        List<String> shown = values.stream().limit(IdBuildResult.SAMPLE).map(ErrorContext::preview).toList();
        return String.join(", ", shown) + (values.size() > shown.size() ? ", ..." : "");
    }
}
