package io.decant.core.ids;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.IdSpec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** {@code decant ids build|show|lookup}: every method returns a record and prints nothing. */
public final class IdsService {
    private final Clock clock;

    public IdsService(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IdsService() {
        this(Clock.systemUTC());
    }

    /**
     * What {@link #build} needs.
     *
     * @param ids           the spec's {@code ids:}, in order
     * @param target        for {@code match}; may be {@code null}
     * @param mappingFile   where the mapping is written; an existing one is resumed ({@code uuid}, {@code http})
     * @param retentionDays {@code retainUntil} = now + this; {@link MappingFile#DEFAULT_RETENTION_DAYS} if not positive
     * @param newKeyTypes   per table, the target key's type when known; absent tables use the strategy's own
     */
    public record BuildRequest(Map<String, IdSpec> ids, SourceDatabase source, SourceDatabase target, Path mappingFile,
                               int retentionDays, Map<String, LogicalType> newKeyTypes, Map<String, String> env,
                               Consumer<String> progress, HttpOptions http) {
        public BuildRequest {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(mappingFile, "mappingFile");
            newKeyTypes = newKeyTypes == null ? Map.of() : Map.copyOf(newKeyTypes);
            env = env == null ? Map.of() : Map.copyOf(env);
        }
    }

    /**
     * Builds every table's mapping in spec order and writes them to one file. Tables of an earlier
     * file that the spec no longer names are carried over as they were (their new ids may be in use).
     * The http journal is removed only once the file holding its entries is safely renamed into place.
     */
    public IdsResults.Build build(BuildRequest req) {
        if (req.ids().isEmpty()) {
            throw DecantException.usage("the spec has no ids: section; nothing to build");
        }
        shapes(req); // every file and table the build reads is checked before the first id is made (or user created)
        Instant generatedAt = clock.instant();
        int days = req.retentionDays() > 0 ? req.retentionDays() : MappingFile.DEFAULT_RETENTION_DAYS;
        Instant retainUntil = MappingFile.retainUntil(generatedAt, days);
        List<IdMap> maps = new ArrayList<>();
        List<IdsResults.TableBuilt> tables = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        req.ids().forEach((table, spec) -> {
            IdBuildRequest one = new IdBuildRequest(table, spec, req.source(), req.target(), req.mappingFile(),
                    req.newKeyTypes().get(table), req.env(), req.progress(), clock, req.http());
            IdBuildResult r = IdMapBuilder.run(one);
            maps.add(r.map());
            tables.add(IdsResults.TableBuilt.of(r));
        });
        carryOver(req, maps, warnings);
        MappingFile.write(req.mappingFile(), generatedAt, retainUntil, maps);
        IdJournal.delete(MappingFile.journalOf(req.mappingFile()));
        return new IdsResults.Build(req.mappingFile(), generatedAt, retainUntil, tables, warnings);
    }

    /**
     * The mappings {@link #build} would make, without their entries, found without a side effect: the
     * earlier mapping file, each {@code file} strategy's file and each {@code match} table are read
     * and checked, no id is generated and no service is called. A run plans with these before it
     * builds, so that a refusal comes before users are created in an auth provider.
     */
    public List<IdMap> shapes(BuildRequest req) {
        MappingDocument earlier = Files.exists(req.mappingFile()) ? MappingFile.read(req.mappingFile()) : null;
        List<IdMap> out = new ArrayList<>();
        req.ids().forEach((table, spec) -> {
            io.decant.core.schema.Table t = SourceKeys.table(req.source(), table, "source");
            io.decant.core.schema.Column key = SourceKeys.key(t, table);
            LogicalType given = req.newKeyTypes().get(table);
            LogicalType old = key.type();
            LogicalType to = switch (spec.strategy()) {
                case KEEP -> old;
                case UUID, UUID5 -> LogicalType.UUID;
                case FILE -> {
                    Path file = Path.of(spec.file());
                    MappingDocument doc = MappingFile.read(file);
                    MappingDocument.Table mt = doc.table(table).orElseThrow(() -> new DecantException(ErrorCode.SPEC_INVALID,
                            io.decant.core.error.ErrorContext.EMPTY.withTable(table).withLocation("ids." + table + ".file"),
                            "mapping file " + file + " has no table " + table + "; it has " + doc.tables().keySet()));
                    yield MappingFile.toIdMap(doc, mt, table, key.name(), spec.strategy(), old, given).newType();
                }
                case MATCH -> {
                    if (req.target() == null) {
                        throw new DecantException(ErrorCode.USAGE, io.decant.core.error.ErrorContext.EMPTY.withTable(table)
                                .withLocation("ids." + table + ".match"), "strategy match reads table " + spec.match().table()
                                + " of the target; give the target (--to)");
                    }
                    io.decant.core.schema.Table tt = SourceKeys.table(req.target(), spec.match().table(), "target");
                    tt.column(spec.match().column());
                    yield SourceKeys.key(tt, spec.match().table()).type();
                }
                case HTTP -> earlier != null && earlier.tables().containsKey(table)
                        ? typed(earlier, earlier.tables().get(table)).newType() : LogicalType.TEXT;
            };
            out.add(IdMap.builder(table, key.name(), spec.strategy(), old, given != null ? given : to).build());
        });
        return out;
    }

    private static void carryOver(BuildRequest req, List<IdMap> maps, List<String> warnings) {
        if (!Files.exists(req.mappingFile())) {
            return;
        }
        MappingDocument doc = MappingFile.read(req.mappingFile());
        if (doc.layout() != MappingDocument.Layout.DECANT) {
            return;
        }
        for (MappingDocument.Table t : doc.tables().values()) {
            if (!req.ids().containsKey(t.name())) {
                maps.add(typed(doc, t));
                warnings.add("table " + t.name() + " of the earlier mapping is not under ids: in the spec; its "
                        + t.entries().size() + " entries were kept as they were");
            }
        }
    }

    public IdsResults.Show show(Path file) {
        MappingDocument doc = MappingFile.read(file);
        List<IdsResults.TableShown> tables = new ArrayList<>();
        for (MappingDocument.Table t : doc.tables().values()) {
            IdMap m = typed(doc, t); // show doubles as a strict check of the file
            tables.add(new IdsResults.TableShown(t.name(), t.strategy(), t.key(), m.oldType().toString(), m.newType().toString(), m.size()));
        }
        return new IdsResults.Show(file, doc.layout().name().toLowerCase(Locale.ROOT), doc.generatedAt(), doc.retainUntil(),
                doc.retentionPassed(clock.instant()), tables);
    }

    /**
     * Finds {@code value} as an old id, a new id, or an extra field ({@code email}) in every table, or
     * only in {@code tableOrNull}. UUIDs and extras compare case-insensitively, other ids exactly.
     */
    public IdsResults.Lookup lookup(Path file, String tableOrNull, String value) {
        MappingDocument doc = MappingFile.read(file);
        List<IdsResults.Hit> hits = new ArrayList<>();
        for (MappingDocument.Table t : doc.tables().values()) {
            if (tableOrNull != null && doc.layout() == MappingDocument.Layout.DECANT && !t.name().equalsIgnoreCase(tableOrNull)) {
                continue;
            }
            IdMap m = typed(doc, t);
            for (IdEntry e : m.entries()) {
                String by = sameId(e.oldId(), value) ? "old" : sameId(e.newId(), value) ? "new" : extraMatch(e, value);
                if (by != null) {
                    hits.add(new IdsResults.Hit(t.name(), by, KeyValues.text(e.oldId()), KeyValues.text(e.newId()), e.extras(), e.migratedAt()));
                }
            }
        }
        return new IdsResults.Lookup(file, value, hits);
    }

    private static IdMap typed(MappingDocument doc, MappingDocument.Table t) {
        io.decant.core.spec.IdStrategy s = strategy(t.strategy());
        return MappingFile.toIdMap(doc, t, t.name(), t.key(), s, null, null);
    }

    /** A foreign file names no strategy; it is, to decant, a file. */
    private static io.decant.core.spec.IdStrategy strategy(String spelling) {
        for (io.decant.core.spec.IdStrategy s : io.decant.core.spec.IdStrategy.values()) {
            if (s.spelling().equals(spelling)) {
                return s;
            }
        }
        return io.decant.core.spec.IdStrategy.FILE;
    }

    private static boolean sameId(Object id, String value) {
        String t = KeyValues.text(id);
        return id instanceof java.util.UUID ? t.equalsIgnoreCase(value) : t.equals(value);
    }

    private static String extraMatch(IdEntry e, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> x : e.extras().entrySet()) {
            if (x.getValue().toLowerCase(Locale.ROOT).equals(v)) {
                return x.getKey();
            }
        }
        return null;
    }

}
