package io.decant.sqlite;

import io.decant.core.transform.Casts;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;

/**
 * Text stored in a BLOB column and blobs stored in a TEXT column. Without a word from the spec they
 * are refused, and the message names the cast that says how text and bytes relate. With such a cast
 * (an encoding) the planner asks for the column as the kind the encoding starts from, which differs
 * from what its declared type reads as: then a value of the other storage class is taken as SQLite's
 * own {@code CAST} gives it (text as its UTF-8 bytes, a blob as UTF-8 text).
 */
final class StorageMismatch {
    private StorageMismatch() {
    }

    /** Whether the planner asked for this column as text or bytes although its declared type reads otherwise. */
    static boolean retyped(String declared, Kind asked) {
        if (asked != Kind.TEXT && asked != Kind.BYTES) {
            return false;
        }
        LogicalType natural;
        try {
            natural = SqliteDeclaredTypes.logicalType(declared);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return natural != null && natural.kind() != asked;
    }

    static String blobIn(String column, Kind to) {
        String out = "blob in " + column + " is not decoded behind your back: ";
        return to == Kind.TEXT
                ? out + "say how its bytes become text with " + Casts.encodingCast(Kind.TEXT) + ", or skip: true"
                : out + "skip the column (skip: true) or read it as text with as_text: true";
    }

    static String textIn(String column) {
        return "text in " + column + " is not turned into bytes behind your back: say how with "
                + Casts.encodingCast(Kind.BYTES) + ", or skip: true";
    }
}
