package io.decant.files.inferred;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.util.Redactor;
import io.decant.files.folder.DataFile;
import io.decant.files.folder.FileRowStream;
import io.decant.files.folder.Format;
import io.decant.files.folder.SecretColumns;
import io.decant.files.json.RowDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source of JSON row arrays without a manifest (a D1 backup, a FreshTrack folder). Types come from
 * a first streaming pass ({@link Inference}), run once, on first use; rows from a second pass. A key
 * missing from a row reads as NULL, because such files were written by JSON.stringify, which leaves
 * out undefined values; an unknown key still fails, since the first pass saw every key.
 */
public abstract class InferredSource implements SourceDatabase {
    /** One table: its inferred schema and where its array is. */
    public record Found(Table table, DataFile file) {
    }

    private final String displayUrl;
    protected final OpenOptions options;
    protected final SecretColumns secrets;
    private Map<String, Found> found;
    protected final List<String> notes = new ArrayList<>();

    protected InferredSource(String url, OpenOptions options) {
        this.displayUrl = Redactor.global().redact(url);
        this.options = options;
        this.secrets = SecretColumns.fromSetting(options.settings().get("secretColumns"));
    }

    /** The first pass: every table with its inferred schema, in file order. */
    protected abstract List<Found> scan();

    private synchronized Map<String, Found> found() {
        if (found == null) {
            Map<String, Found> m = new LinkedHashMap<>();
            for (Found f : scan()) {
                m.put(f.table().id().display(), f);
            }
            found = m;
        }
        return found;
    }

    @Override
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public List<Table> tables() {
        return found().values().stream().map(Found::table).toList();
    }

    @Override
    public List<String> checkNotes() {
        found();
        List<String> out = new ArrayList<>(notes);
        out.add("column types are inferred from the values; no primary or foreign keys are known");
        return out;
    }

    @Override
    public long countRows(Table table) {
        return find(table).table().rowEstimate();
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        Found f = find(table);
        String key = f.table().id().display();
        RowDecoder decoder = RowDecoder.forColumns(key, f.table().columns(), columns, true);
        return new FileRowStream(key, List.of(f.file()), decoder, Format.JSON, false, -1, secrets.of(f.table().columns()));
    }

    private Found find(Table table) {
        Found f = found().get(table.id().display());
        if (f == null) {
            throw new DecantException(ErrorCode.UNKNOWN_TABLE, ErrorContext.EMPTY.withTable(table.id().display()),
                    "no table " + table.id().display() + " in " + displayUrl + "; it has " + String.join(", ", found().keySet()));
        }
        return f;
    }

    @Override
    public void close() {
        // Nothing is held open between reads.
    }
}
