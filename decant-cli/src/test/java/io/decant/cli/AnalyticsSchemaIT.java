package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web-analytics application's PostgreSQL database, moved as it is and into SQLite.
 *
 * <p>The schema below is written for this test after the shape of the PostgreSQL schema of Umami
 * (github.com/umami-software/umami, its Prisma migrations for PostgreSQL, MIT licence): the same kinds of
 * tables, names and types, not copied from it and not complete. What makes it a good test is what real
 * schemas carry and generated ones do not: a table named {@code user} (a reserved word), uuid keys and
 * no foreign keys at all (the application dropped them), a unique index that repeats the primary key,
 * a unique and a plain index on the same column, {@code timestamptz(6)}, {@code char(2)} country codes,
 * {@code decimal(19,4)}, long {@code varchar(500)} URLs and multi-column indexes. Rows are generated.
 */
class AnalyticsSchemaIT {
    @TempDir
    Path dir;

    static final String SCHEMA = """
            CREATE TABLE "user" (user_id uuid PRIMARY KEY, username varchar(255) NOT NULL, password varchar(60) NOT NULL,
              role varchar(50) NOT NULL, created_at timestamptz(6) DEFAULT CURRENT_TIMESTAMP, updated_at timestamptz(6),
              deleted_at timestamptz(6));
            CREATE UNIQUE INDEX user_user_id_key ON "user" (user_id);
            CREATE UNIQUE INDEX user_username_key ON "user" (username);
            CREATE TABLE website (website_id uuid PRIMARY KEY, name varchar(100) NOT NULL, domain varchar(500),
              share_id varchar(50), reset_at timestamptz(6), user_id uuid, created_at timestamptz(6) DEFAULT CURRENT_TIMESTAMP,
              deleted_at timestamptz(6));
            CREATE UNIQUE INDEX website_share_id_key ON website (share_id);
            CREATE INDEX website_share_id_idx ON website (share_id);
            CREATE INDEX website_user_id_idx ON website (user_id);
            CREATE TABLE session (session_id uuid PRIMARY KEY, website_id uuid NOT NULL, browser varchar(20), os varchar(20),
              device varchar(20), screen varchar(11), language varchar(35), country char(2), subdivision1 char(3),
              city varchar(50), created_at timestamptz(6) DEFAULT CURRENT_TIMESTAMP);
            CREATE INDEX session_website_id_created_at_idx ON session (website_id, created_at);
            CREATE TABLE website_event (event_id uuid PRIMARY KEY, website_id uuid NOT NULL, session_id uuid NOT NULL,
              created_at timestamptz(6) DEFAULT CURRENT_TIMESTAMP, url_path varchar(500) NOT NULL, url_query varchar(500),
              referrer_domain varchar(500), page_title varchar(500), event_type integer NOT NULL DEFAULT 1,
              event_name varchar(50));
            CREATE INDEX website_event_website_id_session_id_created_at_idx ON website_event (website_id, session_id, created_at);
            CREATE TABLE event_data (event_data_id uuid PRIMARY KEY, website_event_id uuid NOT NULL, data_key varchar(500) NOT NULL,
              string_value varchar(500), number_value decimal(19,4), date_value timestamptz(6), data_type integer NOT NULL,
              created_at timestamptz(6) DEFAULT CURRENT_TIMESTAMP);
            CREATE INDEX event_data_website_event_id_idx ON event_data (website_event_id);
            """;

    /** Deterministic rows: 3 users, 6 websites, 300 sessions, 3,000 events, 1,500 event data rows. */
    static final String ROWS = """
            INSERT INTO "user" SELECT md5('u' || i)::uuid, 'user' || i, repeat('x', 60), CASE WHEN i = 1 THEN 'admin' ELSE 'user' END,
              timestamptz '2024-01-01 00:00:00+00' + i * interval '1 day 0.123456 seconds', NULL, NULL FROM generate_series(1, 3) i;
            INSERT INTO website SELECT md5('w' || i)::uuid, 'Site ' || i, 'site' || i || '.example', CASE WHEN i % 2 = 0 THEN 'share' || i END,
              NULL, md5('u' || (1 + i % 3))::uuid, timestamptz '2024-02-01 00:00:00+00' + i * interval '1 hour', NULL
              FROM generate_series(1, 6) i;
            INSERT INTO session SELECT md5('s' || i)::uuid, md5('w' || (1 + i % 6))::uuid, (ARRAY['chrome', 'firefox', 'safari'])[1 + i % 3],
              'Linux', 'desktop', '1920x1080', 'de-DE', (ARRAY['DE', 'FR', 'US', NULL])[1 + i % 4], CASE WHEN i % 5 = 0 THEN 'BY' END,
              CASE WHEN i % 7 = 0 THEN 'Zürich' WHEN i % 11 = 0 THEN 'São Paulo' END,
              timestamptz '2024-03-01 00:00:00+00' + i * interval '17 minutes 0.5 seconds' FROM generate_series(1, 300) i;
            INSERT INTO website_event SELECT md5('e' || i)::uuid, md5('w' || (1 + i % 6))::uuid, md5('s' || (1 + i % 300))::uuid,
              timestamptz '2024-03-01 00:00:00+00' + i * interval '97.000001 seconds', '/page/' || (i % 40),
              CASE WHEN i % 3 = 0 THEN 'utm_source=news&x=' || i END, CASE WHEN i % 4 = 0 THEN 'search.example' END,
              'Page ' || (i % 40) || ' — ' || repeat('é', i % 5), 1 + i % 2, CASE WHEN i % 2 = 1 THEN 'signup-click' END
              FROM generate_series(1, 3000) i;
            INSERT INTO event_data SELECT md5('d' || i)::uuid, md5('e' || (1 + i % 3000))::uuid, 'key' || (i % 9),
              CASE WHEN i % 3 = 0 THEN 'value ' || i END, CASE WHEN i % 3 = 1 THEN (i * 1.2345)::decimal(19,4) END,
              CASE WHEN i % 3 = 2 THEN timestamptz '2024-04-01 00:00:00+00' + i * interval '1 second' END, 1 + i % 3,
              timestamptz '2024-04-01 00:00:00+00' + i * interval '2 seconds' FROM generate_series(1, 1500) i;
            """;

    private static PgServer.TestDb source() {
        PgServer.TestDb src = PgServer.get().createDatabase("analytics_src");
        src.exec(SCHEMA);
        src.exec(ROWS);
        return src;
    }

    @Test
    void intoANewPostgresDatabaseCreatedByDecant() {
        PgServer.TestDb src = source();
        PgServer.TestDb dst = PgServer.get().createDatabase("analytics_dst");
        Cli.Result plan = Cli.run("plan", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, plan.exit(), plan.toString());
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3000", dst.one("SELECT count(*) FROM website_event"));
        assertEquals("3", dst.one("SELECT count(*) FROM \"user\""), "a table named user is quoted everywhere");
        for (String index : new String[] {"user_username_key", "website_share_id_key", "website_share_id_idx",
            "website_event_website_id_session_id_created_at_idx", "event_data_website_event_id_idx"}) {
            assertEquals("1", dst.one("SELECT count(*) FROM pg_indexes WHERE indexname = '" + index + "'"), index);
        }
        assertEquals(src.one("SELECT sum(number_value)::text FROM event_data"), dst.one("SELECT sum(number_value)::text FROM event_data"));
        assertEquals(src.one("SELECT max(created_at)::text FROM website_event"), dst.one("SELECT max(created_at)::text FROM website_event"));
        // character(n) stays character(n): as varchar, the padded 'BY ' would no longer equal 'BY'
        assertEquals("character(2)", dst.one("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'session'::regclass AND attname = 'country'"));
        assertEquals(src.one("SELECT count(*) FROM session WHERE subdivision1 = 'BY'"),
                dst.one("SELECT count(*) FROM session WHERE subdivision1 = 'BY'"));
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("result: pass"), v.out());
    }

    /** Into SQLite (an edge deployment): the application's queries answer as they did on PostgreSQL. */
    @Test
    void intoSqliteTheApplicationsQueriesAnswerAsBefore() throws Exception {
        PgServer.TestDb src = source();
        Path db = dir.resolve("analytics.db");
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", "sqlite:" + db, "--create-schema");
        assertEquals(0, r.exit(), r.toString());
        String[][] queries = {
            // SQLite holds zoned times in UTC; the PostgreSQL session of this test is in the JVM's hostile zone
            {"SELECT count(*) FROM website_event WHERE created_at >= timestamptz '2024-03-02 00:00:00+00'",
                "SELECT count(*) FROM website_event WHERE created_at >= '2024-03-02'"},
            {"SELECT count(*) FROM event_data WHERE number_value > 500", "SELECT count(*) FROM event_data WHERE number_value > 500"},
            {"SELECT count(*) FROM session WHERE country = 'DE'", "SELECT count(*) FROM session WHERE country = 'DE'"},
            {"SELECT count(DISTINCT session_id) FROM website_event WHERE event_name = 'signup-click'",
                "SELECT count(DISTINCT session_id) FROM website_event WHERE event_name = 'signup-click'"},
        };
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String[] q : queries) {
                try (ResultSet rs = s.executeQuery(q[1])) {
                    rs.next();
                    assertEquals(src.one(q[0]), rs.getString(1), q[1]);
                }
            }
        }
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", "sqlite:" + db);
        assertEquals(0, v.exit(), v.toString());
    }

    @Test
    void throughAnExportFolderIntoTheApplicationsOwnSchema() {
        PgServer.TestDb src = source();
        String out = dir.resolve("export").toString();
        Cli.Result e = Cli.run("export", "--from", src.url(), "--out", out);
        assertEquals(0, e.exit(), e.toString());
        PgServer.TestDb dst = PgServer.get().createDatabase("analytics_app");
        dst.exec(SCHEMA);
        Cli.Result i = Cli.run("import", "--in", out, "--to", dst.url());
        assertEquals(0, i.exit(), i.toString());
        Cli.Result v = Cli.run("verify", "--from", out, "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());
        assertEquals(src.one("SELECT string_agg(city, ',' ORDER BY session_id) FROM session"),
                dst.one("SELECT string_agg(city, ',' ORDER BY session_id) FROM session"));
    }
}
