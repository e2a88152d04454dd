package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.util.Redactor;
import org.junit.jupiter.api.Test;

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
}
