package io.decant.files.folder;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.type.LogicalType;
import io.decant.files.convex.ConvexFlavour;
import io.decant.files.convex.ConvexRules;
import io.decant.files.json.RowDecoder;
import io.decant.files.json.ValueEncoder;
import java.nio.file.Path;
import java.util.List;

/**
 * What differs between a decant export folder ({@link ExportFlavour}) and a folder written for
 * {@code npx convex import} ({@link ConvexFlavour}): how values are spelled, which names are
 * allowed, how types are described in plans, and which files live beside the manifest. Fixed once
 * per folder, from the URL when the folder is new and from manifest.json when it exists; the
 * target, its sinks and the folder source ask the flavour instead of testing which kind of folder
 * they hold. What both share (files, manifest, checksums, permissions) is not here.
 */
public interface FolderFlavour {

    /**
     * The flavour of a folder whose manifest records {@code convex} (the Convex rules, or
     * {@code null} for an export folder).
     *
     * @param jsonNullAsSqlNull a writer's setting for export folders (see {@link io.decant.files.json.ValueEncoders#forType});
     *                          reading does not depend on it
     */
    static FolderFlavour of(ConvexRules convex, boolean jsonNullAsSqlNull) {
        return convex == null ? new ExportFlavour(jsonNullAsSqlNull) : new ConvexFlavour(convex);
    }

    /** The rules recorded in manifest.json under {@code "convex"}, or {@code null} when the manifest records none. */
    ConvexRules convexRules();

    /** What the target reports as its server version. */
    String describe(Format format);

    /** What {@code check} says about this kind of folder, beyond its format and permissions. */
    List<String> notes();

    /** The table a source table becomes in the folder. */
    TableId resolve(String sourceSchema, String name);

    /** The column type that keeps a type decant does not model, or {@code null} when there is none. */
    String nativeColumnType(String nativeType);

    /** How a logical type looks in the files, for plans. */
    String nativeType(LogicalType type);

    /** Refuses, before a row is written, table and column names the folder's reader would not accept. */
    void checkNames(Table table, List<Column> columns);

    /** How a non-null value of {@code type} is written. */
    ValueEncoder encoder(LogicalType type);

    /** Whether a NULL field is left out of the row instead of written as {@code null}. */
    boolean omitNulls();

    /** Whether a JSON document that is the literal null is read back as SQL NULL, so the checksum must see it so. */
    boolean jsonNullReadsAsSqlNull();

    /** The decoder for {@code requested} columns of a table whose files hold {@code fileColumns}. */
    RowDecoder decoder(String table, List<Column> fileColumns, List<Column> requested);

    /** Writes the files that accompany the manifest, after each manifest write; {@code manifest} is the one just written. */
    void writeBeside(Path dir, Manifest manifest);
}
