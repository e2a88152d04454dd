package io.decant.core.schema;

import io.decant.core.type.LogicalType;
import java.util.Objects;

/**
 * A column as a database declares it.
 *
 * @param sourceType  the database's own spelling of the type, for plans and messages
 * @param identity    how the database generates values for it, if it does
 * @param unsupported why decant cannot represent this column's values, or {@code null} when it can.
 *                    An unsupported column carries {@link LogicalType#TEXT} as a placeholder; the
 *                    planner stops on it, naming the column, unless the spec says {@code as_text}
 *                    (the dialect then reads the database's text form) or {@code skip}.
 * @param nativeType  the database family and its own spelling of the type ({@code postgresql tsvector}),
 *                    or {@code null}: a column whose type decant does not model still moves, as the
 *                    database's own text, into a target column of the same native type (the target's
 *                    input function reads it back), and verify compares that text
 * @param collation   how the database compares this text column's values, as the database family and its own
 *                    name ({@code sqlite BINARY}, {@code mysql utf8mb4_general_ci}, {@code postgresql C}), or
 *                    {@code null} when not known, not text, or the database's default (PostgreSQL); on a
 *                    column decant creates, the target's own name of the collation it is created with
 * @param ownType     for a column decant models whose type the database's own migrations made (a PostgreSQL enum or
 *                    domain), what a target of the same kind compares to keep that type on a column it creates (the
 *                    enum's labels in order, the domain's base type), in the database's own terms; otherwise
 *                    {@code null}
 */
public record Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity,
                     String unsupported, String nativeType, String collation, String ownType) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        identity = identity == null ? Identity.NONE : identity;
        sourceType = sourceType == null ? type.toString() : sourceType;
    }

    public Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity,
                  String unsupported, String nativeType, String collation) {
        this(name, sourceType, type, nullable, identity, unsupported, nativeType, collation, null);
    }

    public Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity,
                  String unsupported, String nativeType) {
        this(name, sourceType, type, nullable, identity, unsupported, nativeType, null);
    }

    public Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity,
                  String unsupported) {
        this(name, sourceType, type, nullable, identity, unsupported, null);
    }

    public Column(String name, String sourceType, LogicalType type, boolean nullable, Identity identity) {
        this(name, sourceType, type, nullable, identity, null, null);
    }

    public static Column of(String name, LogicalType type) {
        return new Column(name, null, type, true, Identity.NONE, null);
    }

    public static Column unsupported(String name, String sourceType, boolean nullable, String reason) {
        return new Column(name, sourceType, LogicalType.TEXT, nullable, Identity.NONE, reason, null);
    }

    public Column withNativeType(String n) {
        return new Column(name, sourceType, type, nullable, identity, unsupported, n, collation, ownType);
    }

    public Column withCollation(String c) {
        return new Column(name, sourceType, type, nullable, identity, unsupported, nativeType, c, ownType);
    }

    public Column withOwnType(String o) {
        return new Column(name, sourceType, type, nullable, identity, unsupported, nativeType, collation, o);
    }

    /**
     * Whether values of this unsupported column can move as the database's text into {@code target}:
     * both have the same native type.
     */
    public boolean sameNativeType(Column target) {
        return nativeType != null && nativeType.equals(target.nativeType);
    }

    public boolean isSupported() {
        return unsupported == null;
    }

    public Column withName(String newName) {
        return new Column(newName, sourceType, type, nullable, identity, unsupported, nativeType, collation, ownType);
    }

    public Column withType(LogicalType newType) {
        return new Column(name, sourceType, newType, nullable, identity, unsupported, nativeType, collation, ownType);
    }

    public Column withNullable(boolean n) {
        return new Column(name, sourceType, type, n, identity, unsupported, nativeType, collation, ownType);
    }

    public enum Identity {
        NONE,
        /** A serial column or an identity column BY DEFAULT: loaded values are taken, the sequence is moved past them. */
        BY_DEFAULT,
        /** GENERATED ALWAYS AS IDENTITY: loaded as given (COPY accepts values for it), sequence moved past them. */
        ALWAYS,
        /** A computed column (GENERATED ALWAYS AS (expr) STORED): never written. */
        COMPUTED
    }
}
