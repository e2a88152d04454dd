package io.decant.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The options of ids, rejects and the broadcast cap, as spark-submit's arguments give them. */
class MainOptionsTest {
    private static final String[] BASE = {"migrate", "--from", "postgres://a@h/src", "--to", "postgres://a@h/dst"};

    private static String[] with(String... more) {
        String[] out = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, out, 0, BASE.length);
        System.arraycopy(more, 0, out, BASE.length, more.length);
        return out;
    }

    @Test
    void rejectsMappingAndCapAreTaken() {
        SparkRequest r = Main.parse(with("--on-error", "reject", "--rejects", "/tmp/r", "--mapping", "/tmp/m.json",
                "--max-broadcast-ids", "5_000")).request();
        assertEquals("/tmp/r", r.rejects());
        assertEquals(Path.of("/tmp/m.json"), r.mappingPath());
        assertEquals(5000, r.maxBroadcastIds());
    }

    @Test
    void defaultsAreOneMachines() {
        SparkRequest r = Main.parse(BASE).request();
        assertNull(r.rejects(), "--on-error fail: no rejects");
        assertEquals(SparkRequest.DEFAULT_MAX_BROADCAST_IDS, r.maxBroadcastIds());
        assertEquals(Path.of("id-mapping.json").toAbsolutePath(), r.mappingPath());
        assertEquals("rejects", Main.parse(with("--on-error", "reject")).request().rejects());
        SparkRequest withSpec = r.withSpec("tables: {}", "/work/specs/decant.yaml");
        assertEquals(Path.of("/work/specs/id-mapping.json"), withSpec.mappingPath(), "beside the spec, as decant migrate");
    }

    /** The hand-over gives the URLs in the environment, not on the command line; a given option still wins. */
    @Test
    void fromAndToComeFromTheEnvironmentWhenLeftOut() {
        java.util.Map<String, String> env = java.util.Map.of("DECANT_FROM", "postgres://a:secret@h/src", "DECANT_TO",
                "postgres://a:secret@h/dst");
        SparkRequest r = Main.parse(new String[] {"migrate", "--create-schema"}, env).request();
        assertEquals("postgres://a:secret@h/src", r.from());
        assertEquals("postgres://a:secret@h/dst", r.to());
        assertEquals("postgres://x@h/other", Main.parse(new String[] {"migrate", "--from", "postgres://x@h/other"}, env)
                .request().from());
        DecantException none = assertThrows(DecantException.class, () -> Main.parse(new String[] {"migrate"},
                java.util.Map.of("DECANT_FROM", "postgres://a@h/src", "DECANT_TO", "")));
        assertTrue(none.getMessage().contains("migrate needs --from and --to (or DECANT_FROM and DECANT_TO in the"
                + " environment)"), none.getMessage());
    }

    @Test
    void anUnknownPolicyOrANegativeCapIsAUsageError() {
        DecantException policy = assertThrows(DecantException.class, () -> Main.parse(with("--on-error", "skip")));
        assertEquals(2, policy.exitCode());
        assertTrue(policy.getMessage().contains("--on-error must be fail or reject, not skip"), policy.getMessage());
        DecantException cap = assertThrows(DecantException.class, () -> Main.parse(with("--max-broadcast-ids", "-1")));
        assertTrue(cap.getMessage().contains("--max-broadcast-ids must not be negative"), cap.getMessage());
    }
}
