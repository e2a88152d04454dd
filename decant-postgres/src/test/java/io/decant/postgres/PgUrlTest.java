package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.util.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgUrlTest {
    @Test
    void parsesSupabaseStyleWithEncodedPasswordAndParams() {
        PgUrl u = PgUrl.parse("postgresql://postgres.abc:p%40ss%2Fw0rd%25x@db.example.co:6543/postgres?sslmode=require&pgbouncer=true");
        assertEquals("postgres.abc", u.user());
        assertEquals("p@ss/w0rd%x", u.password());
        assertEquals("db.example.co:6543", u.hostPort());
        assertEquals("postgres", u.database());
        assertEquals("require", u.params().get("sslmode"));
        assertEquals("jdbc:postgresql://db.example.co:6543/postgres", u.jdbcUrl());
        assertFalse(u.display().contains("p@ss"));
        assertEquals("postgresql://postgres.abc:***@db.example.co:6543/postgres?sslmode=require&pgbouncer=true", u.display());
        assertEquals("x *** y", Redactor.global().redact("x p@ss/w0rd%x y"));
        assertEquals("require", u.properties().getProperty("sslmode"));
        assertEquals("p@ss/w0rd%x", u.properties().getProperty("password"));
    }

    @Test
    void parsesPostgresSchemeWithDefaults() {
        PgUrl u = PgUrl.parse("postgres://app@localhost/appdb");
        assertEquals("localhost:5432", u.hostPort());
        assertEquals("app", u.user());
        assertNull(u.password());
        assertEquals("postgres://app@localhost:5432/appdb", u.display());
    }

    @Test
    void parsesJdbcUrlWithUserAndPasswordParameters() {
        PgUrl u = PgUrl.parse("jdbc:postgresql://10.0.0.1:5433/shop?user=bob&password=s3cr%3Det&ssl=true");
        assertEquals("bob", u.user());
        assertEquals("s3cr=et", u.password());
        assertEquals("10.0.0.1:5433", u.hostPort());
        assertEquals("true", u.params().get("ssl"));
        assertFalse(u.params().containsKey("password"));
        assertFalse(u.toString().contains("s3cr"));
    }

    @Test
    void keepsPlusSignsAndUnencodedAtInPassword() {
        PgUrl u = PgUrl.parse("postgres://u:a+b@c@host:1/db");
        assertEquals("a+b@c", u.password());
        assertEquals("host:1", u.hostPort());
    }

    @Test
    void ipv6Host() {
        assertEquals("[::1]:5432", PgUrl.parse("postgres://u@[::1]/db").hostPort());
        assertEquals("[::1]:6000", PgUrl.parse("postgres://u@[::1]:6000/db").hostPort());
    }

    @Test
    void acceptsOnlyPostgresForms() {
        PostgresDialect d = new PostgresDialect();
        assertTrue(d.accepts("postgres://x@y/z"));
        assertTrue(d.accepts("POSTGRESQL://x@y/z"));
        assertTrue(d.accepts("jdbc:postgresql://y/z"));
        assertFalse(d.accepts("mysql://y/z"));
        assertFalse(d.accepts("sqlite:foo.db"));
    }

    private static final String MARKER = "p@ss:w/rd#1?x";

    @Test
    void aRawPasswordWithEveryReservedCharacterIsReadWhole() {
        PgUrl u = PgUrl.parse("postgres://app:" + MARKER + "@db.example.com:6543/shop?sslmode=require", Map.of());
        assertEquals(MARKER, u.password());
        assertEquals("app", u.user());
        assertEquals("db.example.com:6543", u.hostPort());
        assertEquals("shop", u.database());
        assertEquals("require", u.params().get("sslmode"));
        assertEquals("postgres://app:***@db.example.com:6543/shop?sslmode=require", u.display());
        PgUrl encoded = PgUrl.parse("jdbc:postgresql://app:p%40ss%3Aw%2Frd%231%3Fx@db.example.com/shop", Map.of());
        assertEquals(MARKER, encoded.password());
        assertEquals("db.example.com:5432", encoded.hostPort());
    }

    @Test
    void anAmbiguousPasswordIsRefusedWithoutShowingIt() {
        DecantException e = org.junit.jupiter.api.Assertions.assertThrows(DecantException.class,
                () -> PgUrl.parse("postgres://app:777?wQz@db.example.com/shop", Map.of()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("percent-encode"), e.getMessage());
        assertFalse(e.getMessage().contains("wQz"), e.getMessage());
    }

    @Test
    void theEnvironmentFillsWhatTheUrlLeavesOut() {
        Map<String, String> env = Map.of("PGHOST", "pg.internal", "PGPORT", "6432", "PGUSER", "svc",
                "PGPASSWORD", "from-env-pw", "PGDATABASE", "appdb", "PGSSLMODE", "verify-full", "PGSSLROOTCERT", "/etc/ca.pem");
        PgUrl u = PgUrl.parse("postgres:///", env);
        assertEquals("pg.internal:6432", u.hostPort());
        assertEquals("svc", u.user());
        assertEquals("from-env-pw", u.password());
        assertEquals("appdb", u.database());
        assertEquals("verify-full", u.properties().getProperty("sslmode"));
        assertEquals("/etc/ca.pem", u.properties().getProperty("sslrootcert"));
        PgUrl urlWins = PgUrl.parse("postgresql://bob:own@db.example.com/shop?sslmode=disable", env);
        assertEquals("db.example.com:6432", urlWins.hostPort());
        assertEquals("bob", urlWins.user());
        assertEquals("own", urlWins.password());
        assertEquals("shop", urlWins.database());
        assertEquals("disable", urlWins.params().get("sslmode"));
        assertEquals("localhost:5432", PgUrl.parse("postgres:///db", Map.of()).hostPort());
    }

    @Test
    void thePasswordFileAnswersWhenNothingElseDoes(@TempDir Path dir) throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "# comment\n"
                + "other.host:5432:*:svc:wrong\n"
                + "pg.internal:6432:appdb:svc:pa\\:ss\\\\word\n"
                + "*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString(), "PGUSER", "svc");
        assertEquals("pa:ss\\word", PgUrl.parse("postgres://pg.internal:6432/appdb", env).password());
        assertEquals("fallback", PgUrl.parse("postgres://elsewhere/appdb", env).password());
        assertEquals("own", PgUrl.parse("postgres://svc:own@pg.internal:6432/appdb", env).password());
        Map<String, String> home = Map.of("HOME", dir.toString(), "PGUSER", "svc");
        Files.move(pgpass, dir.resolve(".pgpass"));
        assertEquals("fallback", PgUrl.parse("postgres://elsewhere/appdb", home).password());
        Files.setPosixFilePermissions(dir.resolve(".pgpass"), PosixFilePermissions.fromString("rw-r--r--"));
        assertNull(PgUrl.parse("postgres://elsewhere/appdb", home).password(), "a world-readable file is ignored, as libpq does");
    }
}
