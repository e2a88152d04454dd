package io.decant.files.folder;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import io.decant.core.util.OwnerOnlyFiles;
import io.decant.core.util.Redactor;
import io.decant.files.FilesDialect;
import io.decant.files.Location;
import io.decant.files.convex.ConvexRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An export folder as a target: {@code decant export} is "migrate into a folder".
 *
 * <p>Tables: {@link #createTables} records tables in manifest.json (rowCount 0, no files) like a
 * database creating empty tables. It is not required: a sink opened on a table the manifest does not
 * hold creates it implicitly, at commit, because {@code export} does not pass {@code --create-schema}
 * and a folder has no schema of its own to load into. An aborted sink on such a table leaves no
 * trace. {@link #createIndexesAndForeignKeys} does nothing: keys and indexes are already in the
 * manifest, for the importer to create, with what migrate keeps: collations, key details, the source's declared
 * and own column types, and indexes the source defines in its own SQL (partial, over expressions).
 *
 * <p>Sinks for different tables may run in parallel; manifest updates are serialized here.
 */
public final class FolderTarget implements TargetDatabase {
    static final DateTimeFormatter EXPORTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String displayUrl;
    private final Path dir;
    private final Format format;
    private final long rowsPerFile;
    private final boolean withChecksum;
    private final FolderFlavour flavour;
    private final SecretColumns secrets;
    private final String sourceDatabase;
    private final Object lock = new Object();
    private final Map<String, FolderSink> openSinks = new LinkedHashMap<>();
    private Manifest manifest;
    private boolean folderReady;

    public FolderTarget(String url, Location location, OpenOptions options, Clock clock) {
        this.displayUrl = Redactor.global().redact(url);
        this.dir = location.path();
        this.rowsPerFile = parseRowsPerFile(options.setting("rowsPerFile", "0"));
        this.withChecksum = !"false".equalsIgnoreCase(options.setting("checksum", "true"));
        boolean jsonNullAsSqlNull = "true".equalsIgnoreCase(options.setting("jsonNullAsSqlNull", "false"));
        this.secrets = SecretColumns.fromSetting(options.settings().get("secretColumns"));
        String source = Redactor.global().redact(options.setting("source", ""));
        this.sourceDatabase = Redactor.global().redact(options.setting("sourceDatabase", source));
        String specHash = options.settings().get("specHash");
        String exportedAt = EXPORTED_AT.format(clock.instant());

        // format=convex is the setting form of a convex:DIR URL: JSONL laid out for npx convex import.
        boolean convexSetting = "convex".equalsIgnoreCase(options.setting("format", "").trim());
        ConvexRules requestedConvex = location.convex() != null
                ? ConvexRules.from(location.convex(), options.settings())
                : convexSetting ? ConvexRules.from(Map.of(), options.settings()) : null;
        Format requested = location.format() != null ? location.format()
                : convexSetting ? Format.JSONL
                : options.settings().containsKey("format") ? Format.parse(options.setting("format", "jsonl")) : null;
        if (Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
            Manifest existing = ManifestCodec.read(dir);
            if (requested != null && requested != existing.format()) {
                throw DecantException.usage("folder " + dir + " holds a " + existing.format().extension() + " export; "
                        + "write the " + requested.extension() + " export into another folder");
            }
            boolean exportRequested = location.convex() == null && !convexSetting
                    && (location.format() != null || options.settings().containsKey("format"));
            refuseOtherStyle(existing, requestedConvex, exportRequested);
            this.format = existing.format();
            this.flavour = FolderFlavour.of(existing.convex(), jsonNullAsSqlNull);
            this.manifest = existing.restamped(FilesDialect.version(), source, exportedAt, specHash);
        } else {
            refuseForeignFolder();
            this.format = requested == null ? Format.JSONL : requested;
            this.flavour = FolderFlavour.of(requestedConvex, jsonNullAsSqlNull);
            this.manifest = new Manifest("decant", FilesDialect.version(), Manifest.FORMAT_VERSION, source, exportedAt,
                    specHash, format, Map.of(), flavour.convexRules());
        }
    }

    private static long parseRowsPerFile(String s) {
        try {
            long n = Long.parseLong(s.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw DecantException.usage("rowsPerFile must be a whole number of rows (0: one file per table), not '" + s + "'");
        }
    }

    /**
     * A folder keeps the value rules it was written with: rows for Convex and rows of an export
     * cannot be read back with one set of rules, so they never share a folder.
     */
    private void refuseOtherStyle(Manifest existing, ConvexRules requested, boolean exportRequested) {
        if (requested != null && !existing.forConvex()) {
            throw DecantException.usage("folder " + dir + " holds a decant export, not a folder for Convex; "
                    + "write the Convex folder into another folder");
        }
        if (exportRequested && existing.forConvex()) {
            throw DecantException.usage("folder " + dir + " was written for Convex; write to it with convex:" + dir);
        }
        if (requested != null && !existing.convex().equals(requested)) {
            throw DecantException.usage("folder " + dir + " was written for Convex with nulls=" + existing.convex().nulls().text()
                    + "; write nulls=" + requested.nulls().text() + " into another folder");
        }
    }

    /** An export never mixes its files into a folder that holds something else (a home directory, a FreshTrack export). */
    private void refuseForeignFolder() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> visible = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).limit(3).toList();
            if (!visible.isEmpty()) {
                throw DecantException.usage("folder " + dir + " is not empty and holds no " + Manifest.FILE_NAME
                        + " (it has " + String.join(", ", visible) + "); export into a new or empty folder");
            }
        } catch (IOException e) {
            throw OwnerOnly.io("cannot list " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    Format format() {
        return format;
    }

    Manifest manifest() {
        synchronized (lock) {
            return manifest;
        }
    }

    @Override
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public String serverVersion() {
        return flavour.describe(format);
    }

    @Override
    public List<Table> tables() {
        return manifest().tables().values().stream().map(ManifestTable::toTable).toList();
    }

    @Override
    public List<String> checkNotes() {
        List<String> notes = new ArrayList<>();
        notes.add("format " + format.extension() + (rowsPerFile > 0 ? ", split every " + rowsPerFile + " rows" : ""));
        notes.addAll(flavour.notes());
        if (Files.isDirectory(dir) && OwnerOnly.posix(dir)) {
            try {
                var perms = Files.getPosixFilePermissions(dir);
                if (!perms.equals(OwnerOnly.DIR)) {
                    notes.add("folder " + dir + " has mode " + PosixFilePermissions.toString(perms)
                            + "; exports may hold personal data, consider chmod 700");
                }
            } catch (IOException e) {
                notes.add("cannot read the permissions of " + dir + ": " + e.getMessage());
            }
        } else if (!OwnerOnly.posix(dir)) {
            notes.add("the file system has no POSIX permissions; the folder inherits its parent's access rules");
        }
        return notes;
    }

    @Override
    public TableId resolve(String name) {
        return TableId.of(name);
    }

    /** A table keeps its source schema or not as the flavour says ({@link FolderFlavour#resolve}). */
    @Override
    public TableId resolve(String sourceSchema, String name) {
        return flavour.resolve(sourceSchema, name);
    }

    @Override
    public String keptComputed(String column) {
        return "column " + column + " is recorded computed, with its expression, and no file holds its values: an import"
                + " into PostgreSQL creates it computed, as migrate does";
    }

    /** Only a type the folder reads back (ManifestSql): the plan of a column of any other stops, naming as_text. */
    @Override
    public String nativeColumnType(String nativeType) {
        return ManifestSql.typeProblem(nativeType, true) == null ? flavour.nativeColumnType(nativeType) : null;
    }

    /** How a logical type looks in the files, for plans. */
    @Override
    public String nativeType(LogicalType type) {
        return flavour.nativeType(type);
    }

    /*
     * A folder keeps what migrate keeps, for the import to create: a text column's collation as the source
     * names it (sqlite BINARY, postgresql C), and a unique key's NULLS NOT DISTINCT and deferral. Had the
     * folder answered as a target without them, the export's plan would drop them from the created table,
     * and an import would build its text indexes under the target database's default collation, not "C".
     */
    @Override
    public boolean createsCollations() {
        return true;
    }

    /** The source's own name, database family included: the target of the import decides what it becomes. */
    @Override
    public String createdCollation(String sourceCollation) {
        return sourceCollation;
    }

    /** Nothing in a plan: files compare nothing, and the import's plan shows the collation it creates. */
    @Override
    public String shownCollation(String collation) {
        return null;
    }

    @Override
    public boolean keepsNullsNotDistinct() {
        return true;
    }

    @Override
    public boolean keepsDeferral() {
        return true;
    }

    @Override
    public boolean keepsForeignKeyDeferral() {
        return true;
    }

    /*
     * The same for types and indexes: a column keeps the type the source declared (character(2), an enum or a domain
     * of the source's own) and an index the source defines in its own SQL (partial, over expressions) is recorded as
     * the source defines it. Whether a database creates them is the import's question, asked of its target as
     * migrate asks it (PostgresDatabase.keepsDeclaredType, ownTypeNotKept, buildsIndexDefinition): a folder that
     * answered no here would make every import create what the export's target would, never what migrate creates.
     */
    /** Every declared type the folder reads back (ManifestSql): one it would refuse is left to the logical type. */
    @Override
    public boolean keepsDeclaredType(String nativeType) {
        return ManifestSql.typeProblem(nativeType, false) == null;
    }

    /** Nothing in a plan but the logical type's form in the files; the import's plan shows the type it creates. */
    @Override
    public String shownDeclaredType(String nativeType) {
        return null;
    }

    @Override
    public String ownTypeNotKept(String nativeType, String ownType) {
        return keepsDeclaredType(nativeType) ? null : "an export folder keeps only types as PostgreSQL spells them";
    }

    /**
     * Every definition the folder reads back (ManifestSql): one it would refuse is noted by the export's plan, as
     * migrate notes an index it does not build, so that the folder it writes always imports.
     */
    @Override
    public boolean buildsIndexDefinition(String definition) {
        return ManifestSql.indexProblem(definition) == null;
    }

    @Override
    public void createTables(List<Table> tables) {
        synchronized (lock) {
            Manifest m = manifest;
            for (Table t : tables) {
                if (m.tables().containsKey(t.id().display())) {
                    continue;  // like CREATE TABLE IF NOT EXISTS: an earlier export's entry stays until truncate
                }
                checkFileName(t.id(), m);
                flavour.checkNames(t, t.columns());
                m = m.withTable(ManifestTable.declared(t, !secrets.of(t.columns()).isEmpty()));
            }
            ensureFolder();
            manifest = m;
            writeManifest();
        }
    }

    @Override
    public void createIndexesAndForeignKeys(List<Table> tables) {
        // Recorded in the manifest with the table; there is nothing to build in a folder.
    }

    @Override
    public void truncate(List<Table> tables) {
        synchronized (lock) {
            List<Path> doomed = new ArrayList<>();
            Manifest m = manifest;
            for (Table t : tables) {
                ManifestTable entry = m.tables().get(t.id().display());
                if (entry != null) {
                    entry.files().forEach(f -> doomed.add(dir.resolve(f.name())));
                    m = m.withoutTable(entry.key());
                }
            }
            if (m == manifest) {
                return;
            }
            manifest = m;
            writeManifest();
            deleteQuietly(doomed);
        }
    }

    @Override
    public TableSink openSink(Table table, List<Column> columns, SinkOptions options) {
        synchronized (lock) {
            String key = table.id().display();
            if (openSinks.containsKey(key)) {
                throw DecantException.internal("table " + key + " is already being written", null);
            }
            String base = checkFileName(table.id(), manifest);
            flavour.checkNames(table, columns);
            ensureFolder();
            FolderSink sink = new FolderSink(this, table, columns, base, format, rowsPerFile, withChecksum, flavour,
                    secrets.of(columns));
            openSinks.put(key, sink);
            return sink;
        }
    }

    /** Called by a sink whose files are fsynced: renames them into place and records the table. */
    void commitTable(FolderSink sink, Table table, List<Column> columns, long rows, List<ManifestFile> files,
                     String checksum, List<Path> temps) {
        synchronized (lock) {
            try {
                for (int i = 0; i < files.size(); i++) {
                    OwnerOnlyFiles.move(temps.get(i), dir.resolve(files.get(i).name()));
                }
            } catch (IOException e) {
                throw OwnerOnly.io("cannot move the files of " + table.id().display() + " into place", e);
            }
            ManifestTable old = manifest.tables().get(table.id().display());
            // The files hold the written columns; a computed column the plan created is recorded at its place, never
            // written, for an import to create as migrate does.
            ManifestTable entry = new ManifestTable(table.id(), ManifestTable.recorded(table, columns), table.primaryKey(),
                    table.indexes(), table.foreignKeys(), rows, files, checksum, !secrets.of(columns).isEmpty());
            manifest = manifest.withTable(entry);
            writeManifest();
            if (old != null) {
                Set<String> kept = new HashSet<>();
                files.forEach(f -> kept.add(f.name()));
                deleteQuietly(old.files().stream().filter(f -> !kept.contains(f.name())).map(f -> dir.resolve(f.name())).toList());
            }
            openSinks.remove(table.id().display(), sink);
        }
    }

    void released(FolderSink sink) {
        synchronized (lock) {
            openSinks.values().remove(sink);
        }
    }

    /**
     * The file base for {@code id}, refusing one that another table already uses, compared without
     * case because the folder may be copied to macOS or Windows.
     */
    private String checkFileName(TableId id, Manifest m) {
        String base = baseFor(id);
        String folded = FileNames.foldedKey(base);
        for (ManifestTable t : m.tables().values()) {
            if (!t.id().equals(id) && FileNames.foldedKey(baseFor(t.id())).equals(folded)) {
                throw sharedFile(t.id(), id, base);
            }
        }
        for (FolderSink s : openSinks.values()) {
            if (!s.tableId().equals(id) && FileNames.foldedKey(s.base()).equals(folded)) {
                throw sharedFile(s.tableId(), id, base);
            }
        }
        return base;
    }

    private DecantException sharedFile(TableId other, TableId id, String base) {
        return DecantException.usage("tables " + other.display() + " and " + id.display() + " would share the file "
                + base + "." + format.extension() + " (names that differ only in case collide on macOS and Windows); "
                + "rename one in the spec");
    }

    /** The names of the folder's own files are not available to tables. */
    static String baseFor(TableId id) {
        String base = FileNames.base(id);
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.equals("manifest") || lower.equals("metadata")) {
            // Escaping the first letter cannot collide: the escaping never encodes a letter itself.
            return String.format(Locale.ROOT, "%%%02X", (int) base.charAt(0)) + base.substring(1);
        }
        return base;
    }

    private void ensureFolder() {
        if (folderReady) {
            return;
        }
        OwnerOnly.createDirectory(dir);
        folderReady = true;
        writeManifest();
    }

    private void writeManifest() {
        OwnerOnlyFiles.write(dir.resolve(Manifest.FILE_NAME), ManifestCodec.write(manifest));
        flavour.writeBeside(dir, manifest);
        if (format == Format.JSON) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ManifestTable t : manifest.tables().values()) {
                if (!t.files().isEmpty()) {
                    counts.put(t.key(), t.rowCount());
                }
            }
            OwnerOnlyFiles.write(dir.resolve(MetadataJson.FILE_NAME),
                    MetadataJson.render(manifest.exportedAt(), sourceDatabase, counts).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // A stale file the manifest no longer lists is ignored by every reader.
            }
        }
    }

    @Override
    public void close() {
        List<FolderSink> left;
        synchronized (lock) {
            left = new ArrayList<>(openSinks.values());
        }
        left.forEach(FolderSink::abort);
    }
}
