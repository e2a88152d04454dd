package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.testkit.PgServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConnectionIT {
    private static final String MARKER = "Zq9-marker-pw";

    private static void assertNoSecret(DecantException e) {
        assertFalse(e.getMessage().contains(MARKER), e.getMessage());
        assertFalse(e.toString().contains(MARKER), e.toString());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(MARKER), "stack trace shows the password");
    }

    @Test
    void connectionRefusedNamesHostAndPort() {
        DecantException e = assertThrows(DecantException.class, () -> Dialects.installed()
                .openSource("postgresql://bob:" + MARKER + "@127.0.0.1:1/app?sslmode=disable", OpenOptions.DEFAULT));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("[CONNECTION_FAILED] cannot connect to PostgreSQL at 127.0.0.1:1: "), e.getMessage());
        assertEquals(4, e.exitCode());
        assertNoSecret(e);
    }

    @Test
    void refusedLoginIsPermissionDenied() {
        PgServer.TestDb db = Pg.db("conn");
        String role = "decant_nologin_" + ProcessHandle.current().pid();
        db.exec("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " NOLOGIN PASSWORD 'x'");
        try {
            String url = "jdbc:postgresql://" + PgServer.get().host() + ":" + PgServer.get().port() + "/" + db.name()
                    + "?user=" + role + "&password=" + MARKER;
            DecantException e = assertThrows(DecantException.class, () -> Dialects.installed().openSource(url, OpenOptions.DEFAULT));
            assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
            assertTrue(e.getMessage().startsWith("[PERMISSION_DENIED] authentication failed for user " + role), e.getMessage());
            assertNoSecret(e);
        } finally {
            db.exec("DROP ROLE " + role);
        }
    }

    @Test
    void missingDatabase() {
        String url = "postgres://postgres:" + MARKER + "@" + PgServer.get().host() + ":" + PgServer.get().port() + "/no_such_db_here";
        DecantException e = assertThrows(DecantException.class, () -> Dialects.installed().openSource(url, OpenOptions.DEFAULT));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("database no_such_db_here does not exist"), e.getMessage());
        assertNoSecret(e);
    }

    @Test
    void displayUrlAndVersionAndNotes() {
        PgServer.TestDb db = Pg.db("conn_ok");
        String url = "postgres://postgres:" + MARKER + "@" + PgServer.get().host() + ":" + PgServer.get().port() + "/" + db.name();
        try (SourceDatabase src = Dialects.installed().openSource(url, OpenOptions.DEFAULT)) {
            assertFalse(src.displayUrl().contains(MARKER));
            assertTrue(src.displayUrl().contains(":***@"), src.displayUrl());
            assertTrue(src.serverVersion().matches("PostgreSQL \\d+\\.\\d+"), src.serverVersion());
            assertTrue(src.checkNotes().contains("connected as postgres (superuser)"), src.checkNotes().toString());
            assertTrue(src.checkNotes().contains("schema public: usage allowed, CREATE allowed"), src.checkNotes().toString());
            assertFalse(src.checkNotes().toString().contains(MARKER));
        }
    }
}
