package io.decant.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of pg_type, loaded once per discovery or sink (a few hundred rows, a millisecond), so
 * that domains, enums and arrays are resolved from OIDs in Java instead of by parsing type names.
 */
final class PgTypeCatalog {
    private final Map<Integer, Row> rows;

    private PgTypeCatalog(Map<Integer, Row> rows) {
        this.rows = rows;
    }

    record Row(int oid, String schema, String name, char typtype, char category, int elem, int baseType, int baseTypmod) {
    }

    /**
     * A type with domains resolved to their base type.
     *
     * @param oid       the resolved (base) type's OID
     * @param name      its pg_catalog name (int4, varchar, ...), or the user's name for enums
     * @param typmod    the modifier that applies (the domain's, if a domain set one)
     * @param arrayElementOid for arrays: the OID the binary array header must carry (the element as declared,
     *                  which may be a domain); 0 otherwise
     * @param element   for arrays: the element type, resolved
     */
    record Resolved(int oid, String schema, String name, char typtype, int typmod, boolean domain,
                    int arrayElementOid, Resolved element) {
        boolean isArray() {
            return element != null;
        }

        boolean isEnum() {
            return typtype == 'e';
        }

        boolean isBuiltin() {
            return "pg_catalog".equals(schema);
        }
    }

    static PgTypeCatalog load(Connection c) throws SQLException {
        Map<Integer, Row> rows = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
                     + " t.typbasetype, t.typtypmod FROM pg_catalog.pg_type t"
                     + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                     + " WHERE t.typtype IN ('b', 'd', 'e') OR t.typcategory = 'A'")) {
            while (rs.next()) {
                Row r = new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                        rs.getString(5).charAt(0), rs.getInt(6), rs.getInt(7), rs.getInt(8));
                rows.put(r.oid, r);
            }
        }
        return new PgTypeCatalog(rows);
    }

    /** Resolves {@code oid} as used by a column with {@code typmod}; {@code null} for types not loaded (composites, ranges). */
    Resolved resolve(int oid, int typmod) {
        Row r = rows.get(oid);
        boolean domain = false;
        int mod = typmod;
        // Domains over domains are allowed; a depth limit guards against a corrupt catalog.
        for (int depth = 0; r != null && r.typtype == 'd' && depth < 32; depth++) {
            domain = true;
            if (r.baseTypmod != -1) {
                mod = r.baseTypmod;
            }
            r = rows.get(r.baseType);
        }
        if (r == null) {
            return null;
        }
        // Only true arrays (category A): name and point also have typelem but are not arrays.
        if (r.category == 'A' && r.elem != 0) {
            Resolved element = resolve(r.elem, mod);
            if (element == null) {
                return new Resolved(r.oid, r.schema, r.name, r.typtype, mod, domain, 0, null);
            }
            return new Resolved(r.oid, r.schema, r.name, r.typtype, mod, domain, r.elem, element);
        }
        return new Resolved(r.oid, r.schema, r.name, r.typtype, mod, domain, 0, null);
    }
}
