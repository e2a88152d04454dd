package io.decant.core.run;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.ids.IdBuildRequest;
import io.decant.core.ids.IdMap;
import io.decant.core.ids.IdMapBuilder;
import io.decant.core.ids.IdsService;
import io.decant.core.ids.MappingDocument;
import io.decant.core.ids.MappingFile;
import io.decant.core.plan.TargetView;
import io.decant.core.schema.Table;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The id mappings of one run, by source table. {@code migrate} and {@code import} build them (and
 * write the mapping file) before any row moves; {@code verify} reads them back, so that the source
 * side is remapped exactly as the migration did.
 */
public final class RunIds {
    private static final RunIds NONE = new RunIds(Map.of(), null);
    private final Map<String, IdMap> maps;
    private final Path file;

    private RunIds(Map<String, IdMap> maps, Path file) {
        this.maps = Map.copyOf(maps);
        this.file = file;
    }

    public static RunIds none() {
        return NONE;
    }

    /**
     * Mappings made elsewhere: an engine that plans a run again in another process (decant on Spark's
     * executors) with the mappings the run's driver built and sent it.
     */
    public static RunIds of(Map<String, IdMap> maps, Path file) {
        return maps.isEmpty() ? NONE : new RunIds(maps, file);
    }

    public Map<String, IdMap> maps() {
        return maps;
    }

    public Path file() {
        return file;
    }

    public boolean isEmpty() {
        return maps.isEmpty();
    }

    /**
     * Builds every mapping of the spec (creating users through http where asked; reusing what an
     * earlier, interrupted build recorded) and writes the mapping file.
     */
    public static RunIds build(Spec spec, SourceDatabase source, SourceDatabase targetRead, Path mappingFile,
                               Map<String, String> env, Consumer<String> progress) {
        return build(spec, source, targetRead, null, mappingFile, env, progress);
    }

    /**
     * @param target when given, each remapped table's new ids are read as the type of the target
     *               table's key column, so that an id that does not fit it is reported in the mapping
     *               (file and line), not later as a value of the table
     */
    public static RunIds build(Spec spec, SourceDatabase source, SourceDatabase targetRead, TargetView target,
                               Path mappingFile, Map<String, String> env, Consumer<String> progress) {
        if (spec.ids().isEmpty()) {
            return NONE;
        }
        Map<String, LogicalType> keyTypes = targetKeyTypes(spec, source, target);
        new IdsService().build(new IdsService.BuildRequest(spec.ids(), source, targetRead, mappingFile,
                spec.mappingRetentionDays(), keyTypes, env, progress, null));
        progress.accept("id mapping written to " + mappingFile);
        return load(spec, source, mappingFile, keyTypes);
    }

    /**
     * The mappings {@link #build} would make, typed as it would type them but without entries, found
     * without a side effect (see {@link IdsService#shapes}): what a run plans with before it builds,
     * so that every check the plan makes (target tables, schema, spec) comes before the first id is
     * made, the first user created or the mapping file written.
     */
    public static RunIds unbuilt(Spec spec, SourceDatabase source, SourceDatabase targetRead, TargetView target,
                                 Path mappingFile) {
        if (spec.ids().isEmpty()) {
            return NONE;
        }
        Map<String, LogicalType> keyTypes = targetKeyTypes(spec, source, target);
        Map<String, IdMap> out = new LinkedHashMap<>();
        for (IdMap m : new IdsService().shapes(new IdsService.BuildRequest(spec.ids(), source, targetRead, mappingFile,
                spec.mappingRetentionDays(), keyTypes, Map.of(), line -> { }, null))) {
            out.put(m.table(), m);
        }
        return new RunIds(out, mappingFile);
    }

    private static Map<String, LogicalType> targetKeyTypes(Spec spec, SourceDatabase source, TargetView target) {
        Map<String, LogicalType> out = new LinkedHashMap<>();
        if (target == null) {
            return out;
        }
        Map<io.decant.core.schema.TableId, Table> existing = new LinkedHashMap<>();
        target.tables().forEach(t -> existing.put(t.id(), t));
        for (Table s : source.tables()) {
            String name = s.id().display();
            if (!spec.ids().containsKey(name)) {
                continue;
            }
            var ts = spec.table(name);
            String targetName = ts.isRename() ? ts.into() : spec.naming().apply(s.name());
            Table t = existing.get(target.resolve(s.id().schema(), targetName));
            if (t != null && t.primaryKey().size() == 1) {
                out.put(name, t.column(t.primaryKey().get(0)).type());
            }
        }
        return out;
    }

    /**
     * Reads the mappings of the spec from {@code mappingFile}; mappings that are a function of the
     * source ({@code keep}, {@code uuid5}) are computed again when no file is given.
     */
    public static RunIds load(Spec spec, SourceDatabase source, Path mappingFile) {
        return load(spec, source, mappingFile, Map.of());
    }

    private static RunIds load(Spec spec, SourceDatabase source, Path mappingFile, Map<String, LogicalType> keyTypes) {
        if (spec.ids().isEmpty()) {
            return NONE;
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        source.tables().forEach(t -> tables.put(t.id().display(), t));
        MappingDocument doc = mappingFile != null && Files.exists(mappingFile) ? MappingFile.read(mappingFile) : null;
        Map<String, IdMap> out = new LinkedHashMap<>();
        for (Map.Entry<String, IdSpec> e : spec.ids().entrySet()) {
            String name = e.getKey();
            Table t = tables.get(name);
            if (t == null) {
                throw new DecantException(ErrorCode.SPEC_INVALID, "ids." + name + ": the source table needs a one-column"
                        + " primary key to be remapped");
            }
            io.decant.core.ids.SourceKeys.key(t, name); // plan and migrate refuse a composite or missing key alike
            LogicalType oldType = t.column(t.primaryKey().get(0)).type();
            MappingDocument.Table mt = doc == null ? null : doc.tables().get(name);
            if (mt != null) {
                out.put(name, MappingFile.toIdMap(doc, mt, name, mt.key(), e.getValue().strategy(), oldType,
                        keyTypes.get(name)));
            } else if (e.getValue().strategy() == IdStrategy.KEEP || e.getValue().strategy() == IdStrategy.UUID5) {
                out.put(name, IdMapBuilder.run(IdBuildRequest.of(name, e.getValue(), source)).map());
            } else {
                throw new DecantException(ErrorCode.USAGE, "ids." + name + " (strategy "
                        + e.getValue().strategy().spelling() + ") needs the mapping file the migration wrote: pass --mapping"
                        + (mappingFile != null ? "; " + mappingFile + " has no table " + name : ""));
            }
        }
        return new RunIds(out, mappingFile);
    }

    /**
     * The mappings as far as they can be known without side effects, for {@code plan}: a mapping
     * file is read if there is one; {@code keep}, {@code uuid5} and {@code uuid} are computed in
     * memory; {@code match} reads the target if it is given; {@code http} (which would create users)
     * is left empty, so the plan shows its types and every reference as not yet mapped.
     */
    public static RunIds preview(Spec spec, SourceDatabase source, SourceDatabase targetRead, Path mappingFile) {
        if (spec.ids().isEmpty()) {
            return NONE;
        }
        Map<String, IdMap> out = new LinkedHashMap<>();
        boolean haveFile = mappingFile != null && Files.exists(mappingFile);
        if (haveFile) {
            out.putAll(load(spec, source, mappingFile).maps());
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        source.tables().forEach(t -> tables.put(t.id().display(), t));
        for (Map.Entry<String, IdSpec> e : spec.ids().entrySet()) {
            String name = e.getKey();
            if (out.containsKey(name)) {
                continue;
            }
            Table t = tables.get(name);
            if (t == null) {
                throw new DecantException(ErrorCode.SPEC_INVALID, "ids." + name + ": the source table needs a one-column"
                        + " primary key to be remapped");
            }
            io.decant.core.ids.SourceKeys.key(t, name); // plan and migrate refuse a composite or missing key alike
            IdStrategy s = e.getValue().strategy();
            LogicalType oldType = t.column(t.primaryKey().get(0)).type();
            switch (s) {
                case KEEP, UUID5, UUID -> out.put(name, IdMapBuilder.run(IdBuildRequest.of(name, e.getValue(), source)).map());
                case MATCH -> out.put(name, targetRead != null
                        ? IdMapBuilder.run(IdBuildRequest.of(name, e.getValue(), source).withTarget(targetRead)).map()
                        : IdMap.builder(name, t.primaryKey().get(0), s, oldType, LogicalType.TEXT).build());
                case FILE, HTTP -> out.put(name, IdMap.builder(name, t.primaryKey().get(0), s, oldType,
                        s == IdStrategy.HTTP ? LogicalType.TEXT : LogicalType.UUID).build());
            }
        }
        return new RunIds(out, mappingFile);
    }

    /** The tables whose key is remapped, for plans. */
    public List<String> tables() {
        return List.copyOf(maps.keySet());
    }
}
