package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;

import org.junit.jupiter.api.Test;

class PostgresToPostgresIT {
    private static String one(PgServer.TestDb db, String sql) {
        return db.one(sql);
    }

    @Test
    void intoAnExistingSchemaWithParallelJobsAndDisabledForeignKeys() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_pg_src");
        src.exec(ExportImportIT.SCHEMA);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_pg_dst");
        dst.exec(ExportImportIT.SCHEMA.substring(0, ExportImportIT.SCHEMA.indexOf("INSERT")));
        Cli.Result r = Cli.run("migrate", "--from", src.url(), "--to", dst.url(), "--jobs", "3", "--disable-fk",
                "--output", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"status\" : \"LOADED\""), r.out());
        assertEquals("3000", one(dst, "SELECT count(*) FROM sensor_readings"));
        assertEquals("3001", one(dst, "SELECT nextval(pg_get_serial_sequence('sensor_readings', 'id'))"));
        assertEquals("3", one(dst, "SELECT nextval(pg_get_serial_sequence('sites', 'id'))"),
                "GENERATED ALWAYS identity loaded as given, then moved past");
        Cli.Result v = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(0, v.exit(), v.toString());

        dst.exec("UPDATE sensor_readings SET recorded_at = recorded_at + interval '1 microsecond' WHERE id = 1234");
        dst.exec("DELETE FROM sensor_readings WHERE id = 99");
        Cli.Result bad = Cli.run("verify", "--from", src.url(), "--to", dst.url());
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("changed id=1234"), bad.out());
        assertTrue(bad.out().contains("recorded_at: '2024-01-01T20:54:34.001234' -> '2024-01-01T20:54:34.001235'"), bad.out());
        assertTrue(bad.out().contains("missing id=99"), bad.out());
    }
}
