package io.decant.core.testing;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.EncodedRows;
import io.decant.core.spi.RowEncoding;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target that records what reaches it: committed rows per table, the order of commits and aborts,
 * and the calls of the schema methods. It can be told to fail on a given row of a table.
 */
public final class RecordingTarget implements TargetDatabase {
    private final Map<TableId, Table> tables = new LinkedHashMap<>();
    public final Map<String, List<Object[]>> committed = new ConcurrentHashMap<>();
    public final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> failAt = new ConcurrentHashMap<>();

    public RecordingTarget add(Table table) {
        tables.put(table.id(), table);
        return this;
    }

    /** The sink of {@code table} throws a constraint violation when row {@code ordinal} (1-based) is written. */
    public RecordingTarget failAt(String table, long ordinal) {
        failAt.put(table, ordinal);
        return this;
    }

    /** Line-encoded rows, as {@link #LINES} describes them: the form this target's sinks take with {@link #takesEncoded}. */
    public static final String LINES = "test lines: a row per line, values split by U+0001, NULL as U+0000";
    private boolean encoded;

    /** Makes this target's sinks take rows in the {@link #LINES} form (only INT64 and TEXT columns). */
    public RecordingTarget takesEncoded() {
        encoded = true;
        return this;
    }

    private int identifierLimit = Integer.MAX_VALUE;

    /** Makes this target keep identifiers of at most {@code bytes} UTF-8 bytes, as PostgreSQL keeps 63. */
    public RecordingTarget identifierLimit(int bytes) {
        identifierLimit = bytes;
        return this;
    }

    @Override
    public int maxIdentifierLength() {
        return identifierLimit;
    }

    public List<Object[]> rows(String table) {
        return committed.getOrDefault(table, List.of());
    }

    @Override
    public String displayUrl() {
        return "recording:";
    }

    @Override
    public String serverVersion() {
        return "recording";
    }

    @Override
    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    @Override
    public TableId resolve(String name) {
        return TableId.of(name);
    }

    @Override
    public String nativeType(LogicalType type) {
        return type.toString();
    }

    @Override
    public void createTables(List<Table> created) {
        created.forEach(t -> {
            tables.put(t.id(), t);
            events.add("create " + t.id().display());
        });
    }

    @Override
    public void createIndexesAndForeignKeys(List<Table> created) {
        events.add("constraints " + created.size());
    }

    @Override
    public void truncate(List<Table> list) {
        list.forEach(t -> committed.remove(t.id().display()));
        events.add("truncate " + list.stream().map(t -> t.id().display()).toList());
    }

    @Override
    public TableSink openSink(Table table, List<Column> columns, SinkOptions options) {
        String name = table.id().display();
        events.add("open " + name);
        long failOrdinal = failAt.getOrDefault(name, -1L);
        return new TableSink() {
            final List<Object[]> pending = new ArrayList<>();
            boolean done;

            @Override
            public void write(Object[] row) {
                if (pending.size() + 1 == failOrdinal) {
                    throw new DecantException(ErrorCode.CONSTRAINT_VIOLATION, ErrorContext.EMPTY.withColumn(columns.get(0).name()),
                            "duplicate key");
                }
                pending.add(row.clone());
            }

            @Override
            public RowEncoding encoding() {
                return encoded ? new RowEncoding(LINES, columns.stream().map(c -> c.type().toString()).toList()) : null;
            }

            @Override
            public void writeEncoded(EncodedRows batch) {
                String[] lines = new String(batch.bytes(), 0, batch.length(), StandardCharsets.UTF_8).split("\n", -1);
                if (lines.length != batch.rows() + 1 || !lines[batch.rows()].isEmpty()) {
                    throw new IllegalStateException("a batch of " + batch.rows() + " rows holds " + (lines.length - 1));
                }
                events.add("encoded " + name + " " + batch.rows());
                for (int r = 0; r < batch.rows(); r++) {
                    String[] v = lines[r].split("\u0001", -1);
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = v[i].equals("\u0000") ? null
                                : columns.get(i).type().equals(LogicalType.INT64) ? (Object) Long.valueOf(v[i]) : v[i];
                    }
                    write(row);
                }
            }

            @Override
            public long commit() {
                committed.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).addAll(pending);
                events.add("commit " + name);
                done = true;
                return pending.size();
            }

            @Override
            public void abort() {
                if (!done) {
                    done = true;
                    events.add("abort " + name);
                }
            }
        };
    }

    @Override
    public void close() {
    }
}
