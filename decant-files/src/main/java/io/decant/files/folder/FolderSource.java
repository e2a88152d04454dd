package io.decant.files.folder;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.util.Redactor;
import io.decant.files.json.RowDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A decant export folder (one with manifest.json) as a source: {@code decant import} and
 * {@code migrate --from DIR}. The manifest is the schema: logical types come from it, never from
 * the values, so a re-import gives back what was exported. Reading is strict and verifying
 * (see {@link FileRowStream}).
 */
public final class FolderSource implements SourceDatabase {
    private final String displayUrl;
    private final Path dir;
    private final Manifest manifest;
    private final FolderFlavour flavour;
    private final SecretColumns secrets;

    public FolderSource(String url, Path dir, SecretColumns secrets) {
        this.displayUrl = Redactor.global().redact(url);
        this.dir = dir;
        this.manifest = ManifestCodec.read(dir);
        this.flavour = FolderFlavour.of(manifest.convex(), false);
        this.secrets = secrets;
        for (ManifestTable t : manifest.tables().values()) {
            if (!t.written()) {
                throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(t.key())
                        .withLocation(Manifest.FILE_NAME), "the export that wrote this folder did not finish: table " + t.key()
                        + " is declared but its data was never committed; run the export again");
            }
        }
    }

    /** Opens the export folder {@code dir}, for callers outside a dialect lookup (FolderCheck, tools). */
    public static FolderSource open(Path dir) {
        return new FolderSource(dir.toString(), dir, SecretColumns.fromSetting(null));
    }

    public Manifest manifest() {
        return manifest;
    }

    @Override
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public String serverVersion() {
        return "decant export folder, format " + manifest.formatVersion() + " (" + manifest.format().extension() + "), written by "
                + manifest.tool() + " " + manifest.version() + " at " + manifest.exportedAt();
    }

    @Override
    public List<Table> tables() {
        return manifest.tables().values().stream().map(ManifestTable::toTable).toList();
    }

    /** The indexes the source defined in its own SQL, recorded in the manifest for an import of the source's kind. */
    @Override
    public List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        return entry(table).objectsNotCreated();
    }

    @Override
    public List<String> checkNotes() {
        List<String> notes = new ArrayList<>();
        notes.add("exported from " + manifest.source() + " at " + manifest.exportedAt());
        for (ManifestTable t : manifest.tables().values()) {
            if (t.containsSecrets()) {
                notes.add(t.key() + " holds credentials (" + String.join(", ", secrets.of(t.columns())) + ")");
            }
        }
        return notes;
    }

    @Override
    public long countRows(Table table) {
        return entry(table).rowCount();
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        return stream(entry(table), columns, true);
    }

    /** The folder cannot change under a run without its SHA-256 checks failing: a read continues by row number. */
    @Override
    public String resumeOrder(Table table) {
        return "by row of the export files";
    }

    @Override
    public RowStream readFrom(Table table, List<Column> columns, String after) {
        return io.decant.core.spi.OrdinalResume.after(read(table, columns), after, table.id().display());
    }

    @Override
    public String consistency() {
        return "one snapshot for all tables: the folder as exported at " + manifest.exportedAt();
    }

    /**
     * For an engine that loads a table in several tasks (decant on Spark): a table is split by its data files (an
     * export with {@code rowsPerFile} has several of even size; without it, one), a slice's "blocks" being a range
     * of the manifest's files, each read whole and checked against its manifest entry as a whole-table read is.
     */
    @Override
    public String sliceKey(Table table, Column candidate) {
        return "";
    }

    @Override
    public io.decant.core.spi.SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshot) {
        ManifestTable t = entry(table);
        return new io.decant.core.spi.SliceStats(t.rowCount(), true, t.files().size(), List.of());
    }

    @Override
    public RowStream readSlice(Table table, List<Column> columns, io.decant.core.spi.TableSlice slice, String snapshot) {
        ManifestTable t = entry(table);
        if (slice.isWhole()) {
            return stream(t, columns, true);
        }
        if (slice.keyColumn() != null) {
            throw new UnsupportedOperationException(t.key() + ": an export folder is split by its files, not by "
                    + slice.keyColumn());
        }
        int from = slice.low() == null ? 0 : Integer.parseInt(slice.low());
        int to = slice.high() == null ? t.files().size() : Integer.parseInt(slice.high());
        List<ManifestFile> part = t.files().subList(from, to);
        part.forEach(f -> checkName(t, f));
        List<DataFile> files = part.stream().map(f -> DataFile.whole(dir.resolve(f.name()), f)).toList();
        long rows = part.stream().mapToLong(ManifestFile::rows).sum();
        RowDecoder decoder = flavour.decoder(t.key(), t.fileColumns(), columns);
        return new FileRowStream(t.key(), files, decoder, manifest.format(), true, rows, secrets.of(t.fileColumns()));
    }

    RowStream stream(ManifestTable t, List<Column> columns, boolean verify) {
        t.files().forEach(f -> checkName(t, f));
        // A computed column is in no file: the decoder reads the files' columns, and a requested computed one is an error.
        RowDecoder decoder = flavour.decoder(t.key(), t.fileColumns(), columns);
        List<DataFile> files = t.files().stream().map(f -> DataFile.whole(dir.resolve(f.name()), f)).toList();
        return new FileRowStream(t.key(), files, decoder, manifest.format(), verify, t.rowCount(), secrets.of(t.fileColumns()));
    }

    /**
     * Checks every data file's existence, size, SHA-256 and row count without decoding a value
     * ({@code import --dry-run}, {@code verify --from DIR}). Returns one entry per file; a table the
     * manifest gives rows but no files is reported too.
     */
    public List<FileCheck> verifyFiles() {
        List<FileCheck> out = new ArrayList<>();
        for (ManifestTable t : manifest.tables().values()) {
            out.addAll(verifyFiles(t));
        }
        return out;
    }

    /**
     * Checks the files of the tables {@code selected} accepts (by manifest key) before anything is loaded:
     * existence and size always, which reads nothing; with {@code full}, SHA-256 and row count as well.
     */
    public List<FileCheck> checkFiles(java.util.function.Predicate<String> selected, boolean full) {
        List<FileCheck> out = new ArrayList<>();
        for (ManifestTable t : manifest.tables().values()) {
            if (!selected.test(t.key())) {
                continue;
            }
            if (full) {
                out.addAll(verifyFiles(t));
            } else {
                for (ManifestFile f : t.files()) {
                    checkName(t, f);
                    out.add(FileVerifier.size(t.key(), dir, f));
                }
            }
        }
        return out;
    }

    /** The run's check of the folder before anything is loaded: {@link FolderPreflight}. */
    @Override
    public void checkFiles(java.util.function.Predicate<String> selected, boolean full,
                           java.util.function.Consumer<String> messages) {
        FolderPreflight.check(this, selected, full, messages);
    }

    List<FileCheck> verifyFiles(ManifestTable t) {
        List<FileCheck> out = new ArrayList<>();
        for (ManifestFile f : t.files()) {
            checkName(t, f);
            out.add(FileVerifier.check(t.key(), dir, f, manifest.format()));
        }
        return out;
    }

    ManifestTable entry(Table table) {
        ManifestTable t = manifest.tables().get(table.id().display());
        if (t == null) {
            throw new DecantException(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(table.id().display()),
                    "the export folder has no table " + table.id().display() + "; it has "
                            + String.join(", ", manifest.tables().keySet()));
        }
        return t;
    }

    /** A manifest is data too: a file name that leaves the folder is refused, not followed. */
    private void checkName(ManifestTable t, ManifestFile f) {
        String n = f.name();
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\\") || n.indexOf('\0') >= 0) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(t.key()).withLocation(Manifest.FILE_NAME),
                    "file name '" + f.name() + "' is not a plain name inside the folder");
        }
    }

    @Override
    public void close() {
        // Streams own their files; nothing is held between reads.
    }
}
