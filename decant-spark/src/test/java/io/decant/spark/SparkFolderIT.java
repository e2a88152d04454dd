package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.Decant;
import io.decant.core.verify.Status;
import io.decant.core.verify.VerifyReport;
import io.decant.testkit.PgServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export folder as the source of a Spark run in local mode: a table exported in parts ({@code rowsPerFile}) is
 * split by ranges of its files, each checked against the manifest as it is read, and the result is a one-machine
 * import's.
 */
class SparkFolderIT {
    @TempDir
    Path dir;

    @Test
    void sameResultAsOneMachineSplitByFiles() throws java.io.IOException {
        PgServer.TestDb src = SparkMigrateIT.seeded("spark_b_folder_src");
        Path out = dir.resolve("export");
        Decant.configure().from(src.url()).rowsPerFile(1000).load().exportTo(out);
        String folder = "dir:" + out;
        PgServer.TestDb one = PgServer.get().createDatabase("spark_b_folder_one");
        PgServer.TestDb dst = PgServer.get().createDatabase("spark_b_folder_dst");
        Runs.oneMachine(folder, one, true);
        Runs.Messages messages = new Runs.Messages();
        var r = new SparkMigration(Runs.spark(), messages).run(SparkRequest.of(folder, dst.url()).withCreateSchema(true)
                .withSliceRows(2000));
        String said = String.join("\n", messages.lines);
        assertEquals(6000 + 15000 + 4000 + 5000, r.rows(), said);
        assertTrue(said.contains("orders: 15,000 rows in 8 slice(s) by block ranges"), said);

        VerifyReport spark = Runs.verify(folder, dst.url());
        assertEquals(Status.PASS, spark.status(), spark.toString());
        assertEquals(Runs.checksums(Runs.verify(folder, one.url())), Runs.checksums(spark));
        assertEquals(Status.PASS, Runs.verify(one, dst).status());
        assertEquals(SparkMigrateIT.schema(one), SparkMigrateIT.schema(dst));
        Map<String, Integer> slices = Runs.journalSlices(dst);
        assertTrue(slices.values().stream().allMatch(n -> n == 1), slices.toString());

        // a cut-off file stops the run before anything is written, as on one machine
        Path part;
        try (var files = java.nio.file.Files.list(out)) {
            part = files.filter(f -> f.getFileName().toString().startsWith("logs")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(part);
        java.nio.file.Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        PgServer.TestDb none = PgServer.get().createDatabase("spark_b_folder_none");
        io.decant.core.error.DecantException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.decant.core.error.DecantException.class, () -> new SparkMigration(Runs.spark(), new Runs.Messages())
                        .run(SparkRequest.of(folder, none.url()).withCreateSchema(true)));
        assertEquals(io.decant.core.error.ErrorCode.FILE_CORRUPT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(part.getFileName().toString()), e.getMessage());
        assertEquals("0", none.one("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"),
                "nothing was written");
    }
}
