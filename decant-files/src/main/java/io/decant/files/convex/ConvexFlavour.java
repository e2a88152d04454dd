package io.decant.files.convex;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import io.decant.core.util.OwnerOnlyFiles;
import io.decant.files.folder.FolderFlavour;
import io.decant.files.folder.Format;
import io.decant.files.folder.Manifest;
import io.decant.files.folder.OwnerOnly;
import io.decant.files.json.RowDecoder;
import io.decant.files.json.ValueEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder for {@code npx convex import} ({@code convex:DIR}): values as Convex reads them
 * ({@link ConvexEncoders}), names Convex accepts ({@link ConvexNames}), tables without schemas,
 * and {@link ImportScript} beside the manifest.
 *
 * @param rules the rules the folder is written and read with, recorded in its manifest
 */
public record ConvexFlavour(ConvexRules rules) implements FolderFlavour {

    @Override
    public ConvexRules convexRules() {
        return rules;
    }

    @Override
    public String describe(Format format) {
        return "decant folder for npx convex import, format " + Manifest.FORMAT_VERSION + " (jsonl, nulls="
                + rules.nulls().text() + ")";
    }

    @Override
    public List<String> notes() {
        return List.of("for npx convex import: NULL fields " + (rules.omitNulls() ? "left out" : "written as null")
                + ", int64 beyond 2^53 refused; " + ImportScript.FILE_NAME + " imports the tables in load order");
    }

    /**
     * Convex has no schemas: its table is the name alone, and two tables of one name from two schemas
     * collide on their file, which the target reports.
     */
    @Override
    public TableId resolve(String sourceSchema, String name) {
        return TableId.of(name);
    }

    /** Convex has no type to keep a source's unmodelled type in. */
    @Override
    public String nativeColumnType(String nativeType) {
        return null;
    }

    /** As Convex will see each type after npx convex import (see {@link ConvexRules}). */
    @Override
    public String nativeType(LogicalType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT16, INT32 -> "number";
            case INT64 -> "number (error beyond 2^53)";
            case DECIMAL -> "string " + type;
            case FLOAT32, FLOAT64 -> "number (error for NaN, Infinity)";
            case TEXT, UUID -> "string";
            case BYTES -> "base64 string";
            case JSON -> "embedded JSON value";
            case DATE -> "ISO date string";
            case TIME -> "ISO time string";
            case TIMESTAMP -> "ISO timestamp string, no offset";
            case TIMESTAMPTZ -> "ISO timestamp string, UTC (Z)";
            case ARRAY -> "array of " + nativeType(type.element());
        };
    }

    @Override
    public void checkNames(Table table, List<Column> columns) {
        ConvexNames.check(table, columns);
    }

    @Override
    public ValueEncoder encoder(LogicalType type) {
        return ConvexEncoders.forType(type, rules);
    }

    @Override
    public boolean omitNulls() {
        return rules.omitNulls();
    }

    /** A JSON null document is written as null only where SQL NULL is a missing field, so it reads back as itself. */
    @Override
    public boolean jsonNullReadsAsSqlNull() {
        return false;
    }

    /** A missing field is NULL; with nulls=omit a {@code null} in a JSON column is the JSON document null. */
    @Override
    public RowDecoder decoder(String table, List<Column> fileColumns, List<Column> requested) {
        return RowDecoder.forColumns(table, fileColumns, requested, true, rules.omitNulls());
    }

    /** After the manifest: a crash between the two leaves a script that imports fewer tables, never a file the manifest does not list. */
    @Override
    public void writeBeside(Path dir, Manifest manifest) {
        byte[] script = ImportScript.render(manifest).getBytes(StandardCharsets.UTF_8);
        OwnerOnlyFiles.write(dir.resolve(ImportScript.FILE_NAME), OwnerOnly.SCRIPT, out -> out.write(script));
    }
}
