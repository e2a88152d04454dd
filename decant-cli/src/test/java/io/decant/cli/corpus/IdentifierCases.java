package io.decant.cli.corpus;

import io.decant.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.testkit.MariaServer;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Identifiers that are SQL keywords or hold quotes, semicolons and spaces. These must succeed: the
 * data arrives under the same names, and the table a would-be injection names is still there, which
 * shows every identifier went through the dialect's quoting.
 */
final class IdentifierCases {
    private IdentifierCases() {
    }

    static final String EVIL = "users\"; DROP TABLE x; --";
    static final String PG_SOURCE = """
            CREATE TABLE "users""; DROP TABLE x; --" ("select" int PRIMARY KEY, "a b" text, "semi;colon" text,
              "quote""d" text, "it's" text, "Mixed Case" text);
            INSERT INTO "users""; DROP TABLE x; --" VALUES (1, 'one', 's;c', 'q"d', 'o''k', 'M'), (2, NULL, '', '"', '''', 'm');
            CREATE TABLE "order" ("from" int PRIMARY KEY, "user" text, "group" text, "table" int);
            INSERT INTO "order" VALUES (1, 'u', 'g', 3);
            """;
    static final String VICTIM = "CREATE TABLE x (id int); INSERT INTO x VALUES (42);";

    static List<Case> cases() {
        return List.of(
                Case.of("ident/pg-to-pg-keywords-quotes-semicolons", 0, c -> {
                    PgServer.TestDb src = c.fx().freshPg("ident_src", PG_SOURCE);
                    PgServer.TestDb dst = c.fx().freshPg("ident_dst", VICTIM);
                    c.bag().put("db", dst);
                    return Case.Invocation.of(Guard.NONE, "migrate", "--from", c.fx().url(src), "--to", c.fx().url(dst), "--create-schema");
                }).then(IdentifierCases::arrivedInPg),
                Case.of("ident/sqlite-to-pg-keywords-quotes-semicolons", 0, c -> {
                    Path db = c.dir().resolve("weird.db");
                    Fixtures.sqlite(db,
                            "CREATE TABLE \"users\"\"; DROP TABLE x; --\" (\"select\" INTEGER PRIMARY KEY, \"a b\" TEXT, \"semi;colon\" TEXT,"
                                    + " \"quote\"\"d\" TEXT, \"it's\" TEXT, \"Mixed Case\" TEXT)",
                            "INSERT INTO \"users\"\"; DROP TABLE x; --\" VALUES (1, 'one', 's;c', 'q\"d', 'o''k', 'M'), (2, NULL, '', '\"', '''', 'm')",
                            "CREATE TABLE \"order\" (\"from\" INTEGER PRIMARY KEY, \"user\" TEXT, \"group\" TEXT, \"table\" INTEGER)",
                            "INSERT INTO \"order\" VALUES (1, 'u', 'g', 3)");
                    PgServer.TestDb dst = c.fx().freshPg("ident_sqlite", VICTIM);
                    c.bag().put("db", dst);
                    return Case.Invocation.of(Guard.NONE, "migrate", "--from", "sqlite:" + db, "--to", c.fx().url(dst), "--create-schema");
                }).then(IdentifierCases::arrivedInPg),
                Case.of("ident/export-import-keywords-quotes-semicolons", 0, c -> {
                    PgServer.TestDb src = c.fx().freshPg("ident_exp", PG_SOURCE);
                    Path out = c.dir().resolve("export");
                    Cli.Result ex = Cli.run("export", "--from", c.fx().url(src), "--out", out.toString());
                    assertEquals(0, ex.exit(), ex.toString());
                    PgServer.TestDb dst = c.fx().freshPg("ident_imp", VICTIM);
                    c.bag().put("db", dst);
                    return Case.Invocation.of(Guard.NONE, "import", "--in", out.toString(), "--to", c.fx().url(dst), "--create-schema");
                }).then(IdentifierCases::arrivedInPg),
                Case.of("ident/pg-to-mariadb-keywords-quotes-backticks", 0, c -> {
                    String url = MariaServer.createDatabase("corpus_ident");
                    String name = url.substring(url.lastIndexOf('/') + 1);
                    try (var conn = MariaServer.connect(name); var s = conn.createStatement()) {
                        s.execute("CREATE TABLE x (id INT)");
                        s.execute("INSERT INTO x VALUES (42)");
                    }
                    PgServer.TestDb src = c.fx().freshPg("ident_maria", PG_SOURCE
                            + "CREATE TABLE \"back`tick\" (id int PRIMARY KEY, \"we`ird\" text); INSERT INTO \"back`tick\" VALUES (1, '`');");
                    c.bag().put("maria", name);
                    return Case.Invocation.of(Guard.NONE, "migrate", "--from", c.fx().url(src), "--to", url, "--create-schema");
                }).then((c, r) -> {
                    try (var conn = MariaServer.connect((String) c.bag().get("maria")); Statement s = conn.createStatement()) {
                        assertEquals("42", one(s, "SELECT id FROM x"), "the table an injection would drop is still there");
                        assertEquals("q\"d", one(s, "SELECT `quote\"d` FROM `users\"; DROP TABLE x; --` WHERE `select` = 1"));
                        assertEquals("'", one(s, "SELECT `it's` FROM `users\"; DROP TABLE x; --` WHERE `select` = 2"));
                        assertEquals("g", one(s, "SELECT `group` FROM `order` WHERE `from` = 1"));
                        assertEquals("`", one(s, "SELECT `we``ird` FROM `back``tick`"));
                    }
                }));
    }

    private static void arrivedInPg(Case.Ctx c, Cli.Result r) throws Exception {
        PgServer.TestDb db = (PgServer.TestDb) c.bag().get("db");
        assertEquals("42", Fixtures.one(db, "SELECT id FROM x"), "the table an injection would drop is still there");
        assertEquals("2", Fixtures.one(db, "SELECT count(*) FROM \"users\"\"; DROP TABLE x; --\""));
        assertEquals("s;c|q\"d|o'k|M|one", Fixtures.one(db, "SELECT \"semi;colon\" || '|' || \"quote\"\"d\" || '|' || \"it's\""
                + " || '|' || \"Mixed Case\" || '|' || \"a b\" FROM \"users\"\"; DROP TABLE x; --\" WHERE \"select\" = 1"));
        assertEquals("|\"|'|m", Fixtures.one(db, "SELECT \"semi;colon\" || '|' || \"quote\"\"d\" || '|' || \"it's\""
                + " || '|' || \"Mixed Case\" FROM \"users\"\"; DROP TABLE x; --\" WHERE \"select\" = 2 AND \"a b\" IS NULL"));
        assertEquals("u g 3", Fixtures.one(db, "SELECT \"user\" || ' ' || \"group\" || ' ' || \"table\" FROM \"order\" WHERE \"from\" = 1"));
    }

    private static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
