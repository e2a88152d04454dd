package io.decant.files;

import io.decant.core.convert.Conversions;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.util.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The output of {@code wrangler d1 export} (or {@code sqlite3 .dump}) as a source: CREATE TABLE and
 * INSERT statements in SQLite's dialect. Unlike a D1 backup in JSON, the dump declares its schema,
 * so column types come from the declared types by the SQLite dialect's rules ({@link io.decant.core.type.SqliteDeclaredTypes}),
 * and primary keys, unique constraints and foreign keys are known (id remapping and FK rewriting
 * work). Values keep their SQLite storage class and are converted per column ({@link StoredValueDecoder}).
 *
 * <p>Streaming, in two passes (see {@link DumpScan}): the first, on first use, tokenizes the whole
 * file once, reads the schema, counts and checks every row, and records the byte offset of each
 * table's run of INSERTs; reading a table seeks to its runs and tokenizes only them. The cost is
 * one extra full tokenization of the file (about as long as reading one table's share again per
 * table, so the total is twice the file), in exchange for constant memory, exact row counts before
 * loading, and malformed statements reported before anything is written.
 */
final class D1SqlSource implements SourceDatabase {
    private final String displayUrl;
    private final Path file;
    private final String fileName;
    private final OpenOptions options;
    private final SecretColumns secrets;
    private final Conversions conversions = Conversions.utc();
    private Map<String, Scanned> scanned;
    private final List<String> notes = new ArrayList<>();

    private record Scanned(Table table, DumpTable dumped) {
    }

    D1SqlSource(String url, Path file, OpenOptions options) {
        this.displayUrl = Redactor.global().redact(url);
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.options = options;
        this.secrets = SecretColumns.fromSetting(options.settings().get("secretColumns"));
        if (!Files.isRegularFile(file)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()), "no such dump file");
        }
        refusePgDump(file);
    }

    /**
     * A pg_dump file is SQL too, but PostgreSQL's (COPY ... FROM stdin, SET, pg_catalog calls), and the
     * D1 lexer would fail on it with a message about a token; say what the file is and the way out.
     */
    private static void refusePgDump(Path file) {
        byte[] head = new byte[8192];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + file, e);
        }
        String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean custom = text.startsWith("PGDMP");
        if (custom || text.contains("-- PostgreSQL database dump") || text.contains("SELECT pg_catalog.set_config(")) {
            throw new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY.withLocation(file.toString()),
                    "this is a pg_dump file" + (custom ? " (custom format)" : "") + ", not a wrangler d1 export: load it into "
                            + "a PostgreSQL database (" + (custom ? "pg_restore -d DB " : "psql -d DB -f ") + file
                            + ") and migrate from that database with --from postgres://USER@HOST/DB");
        }
    }

    static SourceDatabase open(String url, Path file, OpenOptions options) {
        return new D1SqlSource(url, file, options);
    }

    private synchronized Map<String, Scanned> scanned() {
        if (scanned == null) {
            DumpScan.Result r;
            try {
                r = DumpScan.scan(file, fileName);
            } catch (NoSuchFileException e) {
                throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(fileName), "no such dump file");
            } catch (IOException e) {
                throw OwnerOnly.io("cannot read " + file, e);
            }
            notes.addAll(r.notes());
            List<Table> tables = DumpSchema.tables(r.tables(), options, notes);
            Map<String, Scanned> m = new LinkedHashMap<>();
            for (int i = 0; i < tables.size(); i++) {
                m.put(tables.get(i).id().display(), new Scanned(tables.get(i), r.tables().get(i)));
                mixedClassesNote(r.tables().get(i), tables.get(i));
            }
            scanned = m;
        }
        return scanned;
    }

    /** DESIGN 6: a SQLite column may mix storage classes; say what will be done with them. */
    private void mixedClassesNote(DumpTable d, Table t) {
        for (int i = 0; i < d.columns.size(); i++) {
            int classes = d.columns.get(i).classes;
            Column c = t.columns().get(i);
            if (Integer.bitCount(classes) > 1 && c.isSupported()) {
                notes.add(t.name() + "." + c.name() + " holds " + DumpSchema.classNames(classes) + " values; each is"
                        + " converted to " + c.type() + " by its own rule (text strictly parsed)");
            }
        }
    }

    @Override
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public String serverVersion() {
        return "wrangler d1 export SQL (" + fileName + ")";
    }

    @Override
    public List<Table> tables() {
        return scanned().values().stream().map(Scanned::table).toList();
    }

    @Override
    public List<String> checkNotes() {
        scanned();
        List<String> out = new ArrayList<>(notes);
        out.add("column types, keys and foreign keys come from the dump's CREATE TABLE statements");
        if (tables().stream().anyMatch(t -> !t.foreignKeys().isEmpty())) {
            out.add("SQLite enforces foreign keys only when a connection turns them on (D1 did not always),"
                    + " so the data may hold orphans: plan with orphans: report");
        }
        return out;
    }

    @Override
    public long countRows(Table table) {
        return find(table).dumped().rows;
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        Scanned s = find(table);
        DumpTable d = s.dumped();
        int[] positions = new int[columns.size()];
        StoredValueDecoder[] decoders = new StoredValueDecoder[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            positions[i] = d.columnIndex(c.name());
            if (positions[i] < 0) {
                throw new DecantException(ErrorCode.UNKNOWN_COLUMN, ErrorContext.EMPTY.withTable(d.name).withColumn(c.name()),
                        "no column " + c.name() + " in table " + d.name + " of " + fileName);
            }
            String declared = d.columns.get(positions[i]).declared;
            decoders[i] = c.isSupported() ? StoredValueDecoder.of(declared, c.type(), conversions) : StoredValueDecoder.asText();
        }
        return new DumpRowStream(file, fileName, d, columns, positions, decoders, secrets.of(columns));
    }

    @Override
    public String consistency() {
        return "one file: every table comes from the same dump";
    }

    private Scanned find(Table table) {
        Scanned s = scanned().get(table.id().display());
        if (s == null) {
            for (Map.Entry<String, Scanned> e : scanned().entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).equals(table.id().display().toLowerCase(Locale.ROOT))) {
                    return e.getValue();
                }
            }
            throw new DecantException(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(table.id().display()),
                    "no table " + table.id().display() + " in " + displayUrl + "; it has " + String.join(", ", scanned().keySet()));
        }
        return s;
    }

    @Override
    public void close() {
        // Nothing is held open between reads.
    }
}
