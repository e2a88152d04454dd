package io.decant.core.schema;

import io.decant.core.type.LogicalType;
import java.util.Objects;

/**
 * A column as a database declares it.
 *
 * @param sourceType the database's own spelling of the type, for plans and messages
 * @param identity   how the database generates values for it, if it does
 */
public record Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        identity = identity == null ? Identity.NONE : identity;
        sourceType = sourceType == null ? type.toString() : sourceType;
    }

    public static Column of(String name, LogicalType type) {
        return new Column(name, null, type, true, Identity.NONE);
    }

    public Column withName(String newName) {
        return new Column(newName, sourceType, type, nullable, identity);
    }

    public Column withType(LogicalType newType) {
        return new Column(name, sourceType, newType, nullable, identity);
    }

    public enum Identity {
        NONE,
        /** A serial column or an identity column BY DEFAULT: loaded values are taken, the sequence is moved past them. */
        BY_DEFAULT,
        /** GENERATED ALWAYS AS IDENTITY: loaded with OVERRIDING SYSTEM VALUE. */
        ALWAYS,
        /** A computed column (GENERATED ALWAYS AS (expr) STORED): never written. */
        COMPUTED
    }
}
