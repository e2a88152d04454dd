package io.decant.spark;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.EncodedRowStream;
import io.decant.core.spi.RowEncoding;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SliceStats;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSlice;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An executor's source as its plan sees it: every whole-table read is made inside the run's exported snapshot,
 * so that what the plan reads on its own (the keys of a {@code keep}/{@code uuid5} id mapping, the rows of a
 * table merged into another) are the rows of the moment every slice reads. Everything else is the source's.
 * Closing it leaves the source open: the executor's worker owns it.
 */
final class SnapshotSource implements SourceDatabase {
    private final SourceDatabase source;
    private final String snapshot;

    private SnapshotSource(SourceDatabase source, String snapshot) {
        this.source = source;
        this.snapshot = snapshot;
    }

    /** {@code source} itself when there is no snapshot (each read then sees its own moment). */
    static SourceDatabase of(SourceDatabase source, String snapshot) {
        return snapshot == null ? source : new SnapshotSource(source, snapshot);
    }

    @Override
    public RowStream read(Table table, List<Column> columns) {
        return source.readSlice(table, columns, TableSlice.whole(), snapshot);
    }

    @Override
    public long countRows(Table table) {
        return source.countRows(table);
    }

    @Override
    public String resumeOrder(Table table) {
        return source.resumeOrder(table);
    }

    @Override
    public RowStream readFrom(Table table, List<Column> columns, String after) {
        return source.readFrom(table, columns, after);
    }

    @Override
    public EncodedRowStream readEncoded(Table table, List<Column> columns, RowEncoding encoding, boolean inOrder,
                                       String after) {
        return null; // values, read in the snapshot
    }

    @Override
    public List<String> valueNotes(Table table) {
        return source.valueNotes(table);
    }

    @Override
    public List<io.decant.core.schema.SchemaObject> objectsNotCreated(Table table) {
        return source.objectsNotCreated(table);
    }

    @Override
    public List<String> views() {
        return source.views();
    }

    @Override
    public String consistency() {
        return source.consistency();
    }

    @Override
    public void checkFiles(Predicate<String> selected, boolean full, Consumer<String> messages) {
        source.checkFiles(selected, full, messages);
    }

    @Override
    public String exportSnapshot() {
        return source.exportSnapshot();
    }

    @Override
    public SliceStats sliceStats(Table table, String keyColumn, int sampleRows, String snapshotId) {
        return source.sliceStats(table, keyColumn, sampleRows, snapshotId);
    }

    @Override
    public RowStream readSlice(Table table, List<Column> columns, TableSlice slice, String snapshotId) {
        return source.readSlice(table, columns, slice, snapshotId);
    }

    @Override
    public String displayUrl() {
        return source.displayUrl();
    }

    @Override
    public String serverVersion() {
        return source.serverVersion();
    }

    @Override
    public List<Table> tables() {
        return source.tables();
    }

    @Override
    public String quoteIdentifier(String name) {
        return source.quoteIdentifier(name);
    }

    @Override
    public List<String> schemaNames() {
        return source.schemaNames();
    }

    @Override
    public List<String> checkNotes() {
        return source.checkNotes();
    }

    @Override
    public void close() {
        // the worker's source: closed by the worker
    }
}
