package io.decant.files.folder;

import io.decant.core.type.LogicalType;
import io.decant.files.convex.ConvexEncoders;
import io.decant.files.convex.ConvexRules;
import io.decant.files.json.ValueEncoder;
import io.decant.files.json.ValueEncoders;

/**
 * How a folder's rows spell values: decant's lossless export form ({@link ValueEncoders}), or the
 * form {@code npx convex import} takes ({@link ConvexEncoders}). Fixed per folder; a sink asks it
 * once per column.
 *
 * @param convex            the Convex rules, or {@code null} for an export folder
 * @param jsonNullAsSqlNull export folders only: see {@link ValueEncoders#forType}
 */
record RowStyle(ConvexRules convex, boolean jsonNullAsSqlNull) {

    static RowStyle export(boolean jsonNullAsSqlNull) {
        return new RowStyle(null, jsonNullAsSqlNull);
    }

    static RowStyle convex(ConvexRules rules) {
        return new RowStyle(rules, false);
    }

    ValueEncoder encoder(LogicalType type) {
        return convex == null ? ValueEncoders.forType(type, jsonNullAsSqlNull) : ConvexEncoders.forType(type, convex);
    }

    /** Whether a NULL field is left out of the row instead of written as {@code null}. */
    boolean omitNulls() {
        return convex != null && convex.omitNulls();
    }

    /** Whether a JSON document that is the literal null is read back as SQL NULL, so the checksum must see it so. */
    boolean jsonNullReadsAsSqlNull() {
        return convex == null && jsonNullAsSqlNull;
    }
}
