package io.decant.files.folder;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import io.decant.files.convex.ConvexRules;
import io.decant.files.json.RowDecoder;
import io.decant.files.json.ValueEncoder;
import io.decant.files.json.ValueEncoders;
import java.nio.file.Path;
import java.util.List;

/**
 * decant's own export folder: values in the lossless export form ({@link ValueEncoders}), tables
 * keep their schema, every key present in every row, nothing beside the manifest but data files.
 *
 * @param jsonNullAsSqlNull see {@link ValueEncoders#forType}
 */
public record ExportFlavour(boolean jsonNullAsSqlNull) implements FolderFlavour {

    @Override
    public ConvexRules convexRules() {
        return null;
    }

    @Override
    public String describe(Format format) {
        return "decant export folder, format " + Manifest.FORMAT_VERSION + " (" + format.extension() + ")";
    }

    @Override
    public List<String> notes() {
        return List.of();
    }

    /** An export folder keeps a source table's schema: {@code auth.users.jsonl} beside {@code users.jsonl}. */
    @Override
    public TableId resolve(String sourceSchema, String name) {
        return new TableId(sourceSchema, name);
    }

    /**
     * A type decant does not model is kept as the source database's text, with its type in the manifest, so
     * that an import into a database with that type reads it back.
     */
    @Override
    public String nativeColumnType(String nativeType) {
        return "string (" + nativeType + ")";
    }

    @Override
    public String nativeType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "true/false";
            case INT16, INT32 -> "number";
            case INT64 -> "number (string beyond 2^53)";
            case DECIMAL -> "string " + type;
            case FLOAT32, FLOAT64 -> "number (NaN, Infinity as strings)";
            case TEXT -> "string";
            case BYTES -> "base64 string";
            case UUID -> "uuid string";
            case JSON -> "embedded JSON";
            case DATE -> "ISO date string";
            case TIME -> "ISO time string";
            case TIMESTAMP -> "ISO timestamp string, no offset";
            case TIMESTAMPTZ -> "ISO timestamp string, UTC (Z)";
            case ARRAY -> "array of " + nativeType(type.element());
        };
    }

    /** Any name is a file name once {@link FileNames} has escaped it. */
    @Override
    public void checkNames(Table table, List<Column> columns) {
    }

    @Override
    public ValueEncoder encoder(LogicalType type) {
        return ValueEncoders.forType(type, jsonNullAsSqlNull);
    }

    @Override
    public boolean omitNulls() {
        return false;
    }

    @Override
    public boolean jsonNullReadsAsSqlNull() {
        return jsonNullAsSqlNull;
    }

    /** A missing key is a corrupt row: decant writes every key. */
    @Override
    public RowDecoder decoder(String table, List<Column> fileColumns, List<Column> requested) {
        return RowDecoder.forColumns(table, fileColumns, requested, false);
    }

    @Override
    public void writeBeside(Path dir, Manifest manifest) {
    }
}
