package io.decant.files.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one row object into an {@code Object[]} in the order of the requested columns. The file's
 * keys are exactly the table's columns: an unknown key, a repeated key, or (for manifest folders) a
 * missing key is a corrupt row, because each of them means the file is not what the manifest says.
 * {@code null} is SQL NULL; a missing key is not. Keys of columns not requested are checked and skipped.
 */
public final class RowDecoder {
    private final String[] keys;
    private final Map<String, Integer> keyIndex;
    private final ValueDecoder[] decoders;
    private final int[] outIndex;
    private final int width;
    private final boolean missingIsNull;
    private final boolean[] decodesNull;
    private final int[] seen;
    private int generation;
    private final ByteDecoder[] fast;
    private final LineDecoder line;

    /**
     * @param fileColumns   every column the file's rows hold
     * @param requested     the columns to return, in order; each must be one of {@code fileColumns}
     * @param decoders      one per requested column
     * @param missingIsNull whether a missing key reads as NULL (inferred sources: a JSON backup
     *                      may leave out keys) rather than as a corrupt row (manifest folders)
     */
    RowDecoder(List<Column> fileColumns, List<Column> requested, List<ValueDecoder> decoders, boolean missingIsNull,
               String table) {
        this(fileColumns, requested, decoders, missingIsNull, new boolean[fileColumns.size()], table);
    }

    /**
     * @param decodesNull per file column: whether a JSON {@code null} is a value for its decoder
     *                    (a JSON document that is the literal null, in a folder where SQL NULL is a
     *                    missing key) rather than SQL NULL
     */
    RowDecoder(List<Column> fileColumns, List<Column> requested, List<ValueDecoder> decoders, boolean missingIsNull,
               boolean[] decodesNull, String table) {
        this(fileColumns, requested, decoders, null, missingIsNull, decodesNull, table);
    }

    /**
     * @param fastDecoders one per requested column: its decoder for {@link #decodeLine}, or null to
     *                     read every value there through its {@code decoders} entry on a parser
     */
    RowDecoder(List<Column> fileColumns, List<Column> requested, List<ValueDecoder> decoders, List<ByteDecoder> fastDecoders,
               boolean missingIsNull, boolean[] decodesNull, String table) {
        this.keys = fileColumns.stream().map(Column::name).toArray(String[]::new);
        this.keyIndex = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            keyIndex.put(keys[i], i);
        }
        this.decoders = new ValueDecoder[keys.length];
        this.outIndex = new int[keys.length];
        java.util.Arrays.fill(outIndex, -1);
        for (int i = 0; i < requested.size(); i++) {
            Integer k = keyIndex.get(requested.get(i).name());
            if (k == null) {
                throw new DecantException(ErrorCode.UNKNOWN_COLUMN,
                        ErrorContext.EMPTY.withTable(table).withColumn(requested.get(i).name()),
                        "the export has no column " + requested.get(i).name() + "; it has " + String.join(", ", keys));
            }
            outIndex[k] = i;
            this.decoders[k] = decoders.get(i);
        }
        this.width = requested.size();
        this.missingIsNull = missingIsNull;
        this.decodesNull = decodesNull.clone();
        this.seen = new int[keys.length];
        this.fast = new ByteDecoder[keys.length];
        for (int k = 0; k < keys.length; k++) {
            if (outIndex[k] >= 0) {
                ByteDecoder f = fastDecoders == null ? null : fastDecoders.get(outIndex[k]);
                fast[k] = f != null ? f : ByteDecoders.viaParser(this.decoders[k]);
            }
        }
        this.line = lineDecoder(false);
    }

    /**
     * The decoder for {@code requested} columns of a table whose files hold {@code fileColumns}: each
     * column read as the type the export (or the inference) gives it; an unsupported column, which
     * the spec opted into {@code as_text}, as its text.
     */
    public static RowDecoder forColumns(String table, List<Column> fileColumns, List<Column> requested, boolean missingIsNull) {
        return forColumns(table, fileColumns, requested, missingIsNull, false);
    }

    /**
     * @param jsonNullIsDocument whether {@code null} in a JSON column is the JSON document
     *                           {@code null}: true only where SQL NULL is a missing key (Convex, nulls=omit)
     */
    public static RowDecoder forColumns(String table, List<Column> fileColumns, List<Column> requested, boolean missingIsNull,
                                 boolean jsonNullIsDocument) {
        List<ValueDecoder> decoders = new java.util.ArrayList<>();
        List<ByteDecoder> fast = new java.util.ArrayList<>();
        for (Column want : requested) {
            Column have = fileColumns.stream().filter(c -> c.name().equals(want.name())).findFirst().orElse(null);
            if (have == null) {
                decoders.add(null);  // reported by the constructor, with the columns the file has
                fast.add(null);
            } else if (!have.isSupported()) {
                ValueDecoder d = ValueDecoders.asText();
                decoders.add(d);
                fast.add(ByteDecoders.asText(d));
            } else if (!have.type().equals(want.type())) {
                throw new DecantException(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withTable(table).withColumn(want.name()),
                        "the export holds " + have.type() + " values, not " + want.type());
            } else {
                ValueDecoder d = ValueDecoders.forType(have.type());
                decoders.add(d);
                fast.add(ByteDecoders.forType(have.type(), d));
            }
        }
        boolean[] decodesNull = new boolean[fileColumns.size()];
        for (int i = 0; i < decodesNull.length; i++) {
            decodesNull[i] = jsonNullIsDocument && fileColumns.get(i).isSupported()
                    && fileColumns.get(i).type().kind() == io.decant.core.type.Kind.JSON;
        }
        return new RowDecoder(fileColumns, requested, decoders, fast, missingIsNull, decodesNull, table);
    }

    /**
     * Decodes the row object on one JSONL line, {@code line[start, end)}, straight from its bytes
     * (see {@link LineDecoder}); {@code null} when the line must go the strict way
     * ({@link #decode} on a parser over its characters), which then gives the row or the error.
     */
    Object[] decodeLine(byte[] bytes, int start, int end) {
        return line.decode(bytes, start, end);
    }

    /**
     * Like {@link #decodeLine}, for the line that starts at {@code start} and ends at the first
     * {@code '\n'} before {@code limit}, which it finds while decoding; {@link #newline()} says where.
     */
    Object[] decodeToNewline(byte[] bytes, int start, int limit) {
        return line.decodeToNewline(bytes, start, limit);
    }

    /** Where the line that {@link #decodeToNewline} last gave a row for ends (its {@code '\n'}). */
    int newline() {
        return line.newline();
    }

    /** A new fast-path decoder for this row shape; {@code strict} for tests (see {@link LineDecoder}). */
    LineDecoder lineDecoder(boolean strict) {
        return new LineDecoder(keys, outIndex, fast, decodesNull, missingIsNull, width, strict);
    }

    /** Decodes the object whose START_OBJECT is the parser's current token; leaves the parser on END_OBJECT. */
    Object[] decode(JsonParser p) throws IOException {
        Object[] row = new Object[width];
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            generation = 0;
        }
        int gen = ++generation;
        int found = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            Integer k = keyIndex.get(name);
            if (k == null) {
                throw BadValue.corrupt(name, "unknown key \"" + name + "\"; the table's columns are " + String.join(", ", keys));
            }
            if (seen[k] == gen) {
                throw BadValue.corrupt(name, "key \"" + name + "\" appears twice in the row");
            }
            seen[k] = gen;
            found++;
            JsonToken t = p.nextToken();
            int out = outIndex[k];
            if (out < 0) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL || decodesNull[k]) {
                try {
                    row[out] = decoders[k].read(p, t);
                } catch (BadValue b) {
                    throw b.column() == null ? b.withColumn(name) : b;
                }
            }
        }
        if (found != keys.length && !missingIsNull) {
            for (int i = 0; i < keys.length; i++) {
                if (seen[i] != gen) {
                    throw BadValue.corrupt(keys[i], "key \"" + keys[i] + "\" is missing (a NULL is written as null)");
                }
            }
        }
        return row;
    }
}
