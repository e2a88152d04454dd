package io.decant.postgres;

import io.decant.core.schema.Index;
import io.decant.core.schema.SchemaObject;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --create-schema} leaves behind of a PostgreSQL table, for {@code plan}: expression and
 * partial indexes ({@link PgSchemaReader} reads plain-column indexes only), indexes other than btree
 * or with an operator class of their own (gin_trgm_ops), CHECK and exclusion
 * constraints (not read at all), triggers, and column defaults (a serial's is the identity created); and the views of the schemas, which are not tables.
 */
final class PgNotCreated {
    /*
     * An index comes with what another PostgreSQL database needs to build it as it is: its definition after the
     * table's name (pg_get_indexdef's own text, cut after "ON schema.table "), and the objects it uses that are not
     * built in (FirstNormalObjectId: 16384), such as an extension's operator class, a function of the application's
     * or an enum type, which the target may lack. pg_depend records an index's operator classes, its non-default
     * collations, and every function, operator, type and collation its expressions and predicate use.
     */
    private static final String OBJECTS = """
            SELECT 'INDEX', CASE WHEN i.indpred IS NOT NULL AND i.indexprs IS NOT NULL THEN 'partial expression index'
                                 WHEN i.indpred IS NOT NULL THEN 'partial index'
                                 WHEN i.indexprs IS NOT NULL THEN 'expression index'
                                 WHEN am.amname <> 'btree' THEN am.amname || ' index'
                                 ELSE 'index with an operator class of its own' END,
                   ic.relname::text, x.def,
                   NULLIF(concat_ws(', ', CASE WHEN am.oid >= 16384 THEN 'access method ' || am.amname END,
                     (SELECT string_agg(pg_catalog.pg_describe_object(d.refclassid, d.refobjid, 0), ', '
                                        ORDER BY pg_catalog.pg_describe_object(d.refclassid, d.refobjid, 0))
                      FROM pg_catalog.pg_depend d
                      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = i.indexrelid AND d.refobjid >= 16384
                        AND d.refclassid IN ('pg_catalog.pg_proc'::regclass, 'pg_catalog.pg_operator'::regclass,
                                             'pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_collation'::regclass,
                                             'pg_catalog.pg_type'::regclass))), ''),
                   CASE WHEN left(x.def, length(x.head)) = x.head THEN substr(x.def, length(x.head) + 1)
                        WHEN left(x.def, length(x.head_only)) = x.head_only THEN substr(x.def, length(x.head_only) + 1) END,
                   i.indisunique
            FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_catalog.pg_am am ON am.oid = ic.relam
            JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL (SELECT pg_catalog.pg_get_indexdef(i.indexrelid) AS def,
                     'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname)
                       || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(t.relname) || ' ' AS head,
                     'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname)
                       || ' ON ONLY ' || quote_ident(n.nspname) || '.' || quote_ident(t.relname) || ' ' AS head_only) x
            WHERE i.indrelid = to_regclass(?) AND (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL OR am.amname <> 'btree'
                  OR EXISTS (SELECT 1 FROM unnest(i.indclass::oid[]) oc
                             JOIN pg_catalog.pg_opclass o ON o.oid = oc WHERE NOT o.opcdefault))
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            UNION ALL
            SELECT 'CHECK', CASE con.contype WHEN 'c' THEN 'check constraint' ELSE 'exclusion constraint' END,
                   con.conname::text, pg_catalog.pg_get_constraintdef(con.oid), NULL, NULL, NULL
            FROM pg_catalog.pg_constraint con WHERE con.conrelid = to_regclass(?) AND con.contype IN ('c', 'x')
            UNION ALL
            SELECT 'TRIGGER', 'trigger', t.tgname::text, NULL, NULL, NULL, NULL
            FROM pg_catalog.pg_trigger t WHERE t.tgrelid = to_regclass(?) AND NOT t.tgisinternal
            UNION ALL
            SELECT 'DEFAULT', 'default of column', a.attname::text, 'DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
                   NULL, NULL, NULL
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              AND a.attidentity = ''
              AND pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NULL
            ORDER BY 1, 3""";

    // Views an extension owns (pg_stat_statements) come back with CREATE EXTENSION, as its tables do.
    private static final String VIEWS = """
            SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                                        ELSE 'foreign table' END
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND c.relkind IN ('v', 'm', 'f')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";

    private PgNotCreated() {
    }

    static List<SchemaObject> of(Connection c, Table table) throws SQLException {
        List<SchemaObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OBJECTS)) {
            String name = PgIdentifiers.table(table.id());
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SchemaObject.Kind kind = SchemaObject.Kind.valueOf(rs.getString(1));
                    String notBuiltIn = rs.getString(5);
                    String tail = rs.getString(6);
                    Index rebuilt = kind != SchemaObject.Kind.INDEX || notBuiltIn != null || tail == null ? null
                            : new Index(rs.getString(3), List.of(), rs.getBoolean(7), false, null, PgSchemaReader.NATIVE_PREFIX + tail);
                    String reason = notBuiltIn != null ? "it uses " + notBuiltIn + ", not built into PostgreSQL" : null;
                    out.add(new SchemaObject(kind, rs.getString(2), rs.getString(3), rs.getString(4), reason, rebuilt));
                }
            }
        }
        return out;
    }

    static List<String> views(Connection c, List<String> schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(VIEWS)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(PgIdentifiers.tableId(rs.getString(1), rs.getString(2)).display() + " (" + rs.getString(3) + ")");
                }
            }
        }
        return out;
    }
}
