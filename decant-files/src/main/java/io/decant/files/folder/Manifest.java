package io.decant.files.folder;

import io.decant.files.convex.ConvexRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of manifest.json (format version 1). Immutable; the target replaces it as a whole
 * under its lock and writes it atomically after every committed table.
 *
 * <p>A table's entry keeps its schema as the source described it, as far as a target created from it
 * needs: columns with their logical and source types, a text column's collation ({@code "collation":
 * "sqlite BINARY"}), the type the source declared for it ({@code "declaredType": "postgresql character(2)"}, and
 * for an enum or domain of the source's own what a target compares to keep it, {@code "ownType"}), the primary
 * key, indexes over columns (a unique key's {@code nullsNotDistinct} and {@code deferral}), an index the source
 * defines in its own SQL ({@code "definition": "postgresql USING btree (lower(email))"}, its {@code columns}
 * empty), foreign keys (with {@code initiallyDeferred}). A type or definition that an import may send as SQL is
 * read only in the shape PostgreSQL writes it, and refused otherwise ({@link ManifestSql}). Fields added after version 1
 * came out are written only when set and read as unset when absent, so a manifest of an older decant
 * reads as it did, and an older decant reads a newer one (without what it does not know); the format
 * version stays 1.
 *
 * @param source     the source's display URL, never with a password
 * @param exportedAt when the export started, ISO 8601 UTC
 * @param specHash   the hash of the spec the export ran with, or {@code null}
 * @param tables     by {@link ManifestTable#key()}, in the order they were first recorded
 * @param convex     for a folder written for {@code npx convex import}: its rules ({@code "convex"}
 *                   in the file), which the reader follows; {@code null} for an export folder
 */
public record Manifest(String tool, String version, int formatVersion, String source, String exportedAt, String specHash,
                       Format format, Map<String, ManifestTable> tables, ConvexRules convex) {
    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    Manifest withTable(ManifestTable t) {
        Map<String, ManifestTable> m = new LinkedHashMap<>(tables);
        m.put(t.key(), t);
        return new Manifest(tool, version, formatVersion, source, exportedAt, specHash, format, m, convex);
    }

    Manifest withoutTable(String key) {
        Map<String, ManifestTable> m = new LinkedHashMap<>(tables);
        m.remove(key);
        return new Manifest(tool, version, formatVersion, source, exportedAt, specHash, format, m, convex);
    }

    /** Whether the folder was written for Convex. */
    public boolean forConvex() {
        return convex != null;
    }

    Manifest restamped(String newVersion, String newSource, String newExportedAt, String newSpecHash) {
        return new Manifest(tool, newVersion, formatVersion, newSource, newExportedAt, newSpecHash, format, tables, convex);
    }
}
