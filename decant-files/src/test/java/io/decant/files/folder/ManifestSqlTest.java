package io.decant.files.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What manifest.json may carry into an import's DDL, row by row: PostgreSQL's own spellings pass, other SQL does not. */
class ManifestSqlTest {
    @ParameterizedTest
    @ValueSource(strings = {"integer", "character(2)", "character varying(40)", "character varying(40)[]",
            "numeric(10,2)", "timestamp(3) without time zone", "timestamp(0) with time zone", "time(2) without time zone",
            "interval day to second(3)", "double precision", "bit(3)", "bit varying(5)", "mood", "public.mood",
            "auth.factor_type[]", "\"Mood\"", "\"my \"\"odd\"\" type\"", "\"a;b\".\"c)d\"", "integer[][]", "tsvector",
            "geometry(Point,4326)", "\"char\"", "posint"})
    void typesAsFormatTypeSpellsThemPass(String type) {
        assertNull(ManifestSql.typeProblem("postgresql " + type, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer; DROP TABLE t", "integer DEFAULT 1", "integer CHECK(false)", "integer REFERENCES t",
            "text COLLATE \"C\"", "integer NOT NULL", "\"open", "integer)", "(integer)", "integer, evil integer",
            "integer -- x", "mood GENERATED ALWAYS AS (1) STORED", ""})
    void otherSqlIsRefusedAsAType(String type) {
        assertNotNull(ManifestSql.typeProblem("postgresql " + type, false), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer", "sqlite INTEGER", "mysql int", "POSTGRESQL integer"})
    void onlyPostgresqlsTypesAreCarried(String type) {
        assertNotNull(ManifestSql.typeProblem(type, false), type);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "text GENERATED ALWAYS AS (upper(name)) STORED=>",
        "tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED=>",
        "text GENERATED ALWAYS AS ((a || ';'::text)) STORED=>",
        "text GENERATED ALWAYS AS (upper(name)) STORED; DROP TABLE t=>does not end",
        "text GENERATED ALWAYS AS (upper(name)); DROP TABLE t; SELECT (1) STORED=>never opened",
        "text GENERATED ALWAYS AS (x)) STORED=>never opened",
        "text GENERATED ALWAYS AS ((x) STORED=>never closed",
        "text GENERATED ALWAYS AS ('x) STORED=>never closed",
        "text GENERATED ALWAYS AS ($$x$$) STORED=>would end the statement",
        "text GENERATED ALWAYS AS (x /* c */) STORED=>a comment"})
    void aComputedColumnsExpressionIsOneRunOfSql(String type, String problem) {
        String why = ManifestSql.typeProblem("postgresql " + type, true);
        if (problem == null) {
            assertNull(why, type);
        } else {
            assertNotNull(why, type);
            assertEquals(true, why.contains(problem), why);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "USING btree (lower(email))=>",
        "USING btree (code) WHERE (balance > (0)::numeric)=>",
        "USING hash (m)=>",
        "USING gin (doc)=>",
        "USING btree (name varchar_pattern_ops)=>",
        "USING btree ((((name)::text || ';'::text) || 'it''s -- not a comment'::text))=>",
        "USING btree (a) INCLUDE (b) WITH (fillfactor='70') WHERE (c IS NOT NULL)=>",
        "USING btree (a) WHERE (b ~ E'\\\\d'';')=>",
        "USING btree (a COLLATE \"C\")=>",
        "USING btree (a) WHERE (b ~ '\\d+'::text)=>",
        "USING btree (a) WHERE ((b = '\\') OR (c = ';DROP TABLE t;--'))=>another quote where a backslash escapes",
        "USING btree (email); DROP TABLE keep; --=>would end the statement",
        "USING btree (a) WHERE (b = 'x''); DROP TABLE keep; --=>never closed",
        "USING btree (a)) WHERE (x=>never opened",
        "USING btree (a -- )=>a comment",
        "USING btree (a) WHERE (b = $1)=>would end the statement",
        "USING btree (a)\tWHERE (b)=>not SQL outside quotes",
        "btree (a)=>does not start as",
        "(a)=>does not start as",
        "USING btree a=>does not start as"})
    void indexDefinitionsAsPgGetIndexdefWritesThem(String definition, String problem) {
        String why = ManifestSql.indexProblem("postgresql " + definition);
        if (problem == null) {
            assertNull(why, definition);
        } else {
            assertNotNull(why, definition);
            assertEquals(true, why.contains(problem), why);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"USING btree (a)", "sqlite CREATE INDEX x ON t (a)", "mysql USING btree (a)"})
    void onlyPostgresqlsIndexesAreCarried(String definition) {
        assertNotNull(ManifestSql.indexProblem(definition));
    }
    /**
     * The label a note gives an index recorded by its definition is the one a PostgreSQL source gives it: each
     * definition here is pg_get_indexdef's, after the table's name, and each label what PostgreSQL 15's catalog
     * said of that index (indpred, indexprs, the access method), read with the query a PostgreSQL source uses.
     */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "USING btree (lower(email)) => expression index",
            "USING btree (email, ((n + 1))) => expression index",
            "USING btree (email) WHERE (n > 0) => partial index",
            "USING btree (lower(email)) WHERE (lower(\"Name\") <> 'x'::text) => partial expression index",
            "USING hash (email) => hash index",
            "USING gin (tags) => gin index",
            "USING btree (email text_pattern_ops) => index with an operator class of its own",
            "USING btree ((((\"Name\" || ' WHERE ('::text) || email))) => expression index",
            "USING btree (lower(\"Name\"), id) INCLUDE (n) => expression index",
            "USING btree (\"Name\" COLLATE \"C\", n DESC) WHERE (\"Name\" IS NOT NULL) => partial index",
            "USING btree (n) WITH (fillfactor='70') WHERE (n = ANY ('{1,2}'::integer[])) => partial index",
            "USING btree (public.twice(n)) => expression index",
            "USING btree (\"Odd \"\"name\"\"\"(n), id) => expression index",
            "USING btree (\"Name\", id) => index with an operator class of its own",
    })
    void anIndexIsNamedAsThePostgresqlSourceNamesIt(String definition, String label) {
        assertNull(ManifestSql.indexProblem("postgresql " + definition), definition);
        assertEquals(label, ManifestSql.indexLabel("postgresql " + definition), definition);
    }
}
