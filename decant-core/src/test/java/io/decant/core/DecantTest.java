package io.decant.core;

import static io.decant.core.testing.Tables.rows;
import static io.decant.core.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.api.FailedRun;
import io.decant.core.api.MigrationOptions;
import io.decant.core.api.MigrationResult;
import io.decant.core.api.PlanView;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.Dialect;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.testing.MemorySource;
import io.decant.core.testing.RecordingTarget;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade on an in-memory source and a recording target: what it checks before writing, and what it records. */
class DecantTest {
    private static final Table USERS = table("users", List.of(Column.of("id", LogicalType.INT64),
            Column.of("name", LogicalType.TEXT)));
    private static final Table POSTS = table("posts", List.of(Column.of("id", LogicalType.INT64),
            Column.of("user_id", LogicalType.INT64)), "user_id->users.id");

    private final MemorySource source = new MemorySource()
            .add(USERS, rows(new Object[] {1L, "Ada"}, new Object[] {2L, "Grace"}))
            .add(POSTS, rows(new Object[] {10L, 1L}, new Object[] {11L, 2L}, new Object[] {12L, 2L}));
    private final RecordingTarget target = new RecordingTarget().add(USERS).add(POSTS);
    private final List<String> audit = new ArrayList<>();

    /** {@code mem:source} and {@code mem:target}, the only URLs these tests open. */
    private DecantConfig configure() {
        Dialect memory = new Dialect() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public List<String> urlForms() {
                return List.of("mem:source", "mem:target");
            }

            @Override
            public boolean accepts(String url) {
                return url.startsWith("mem:");
            }

            @Override
            public SourceDatabase openSource(String url, OpenOptions options) {
                assertEquals("mem:source", url);
                return source;
            }

            @Override
            public TargetDatabase openTarget(String url, OpenOptions options) {
                assertEquals("mem:target", url);
                return target;
            }
        };
        return Decant.configure().dialects(new Dialects(List.of(memory))).environment(Map.of())
                .audit((event, fields) -> {
                    synchronized (audit) {
                        audit.add(event);
                    }
                });
    }

    @Test
    void migratesAndRecordsTheRunInTheAudit() {
        MigrationResult r = configure().from("mem:source").to("mem:target").load().migrate();
        assertEquals(5, r.rows());
        assertEquals(3, target.rows("posts").size());
        assertEquals("run-start", audit.get(0));
        assertEquals("run-end", audit.get(audit.size() - 1));
        assertEquals(2, audit.stream().filter("table-end"::equals).count(), audit.toString());
    }

    @Test
    void theEndpointsComeFromTheEnvironmentGivenNotTheProcesses() {
        Decant decant = configure().environment(Map.of("DECANT_FROM", "mem:source", "DECANT_TO", "mem:target")).load();
        assertEquals(5, decant.migrate().rows());
        DecantException e = assertThrows(DecantException.class, () -> configure().load().migrate());
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("[USAGE] --from is required (or DECANT_FROM in the environment, or 'source:' in the spec)",
                e.getMessage());
    }

    @Test
    void anUnconfirmedTruncateIsRefusedBeforeTheTargetIsTouched() {
        Decant decant = configure().from("mem:source").to("mem:target")
                .options(MigrationOptions.builder().truncateFirst(true).build()).load();
        DecantException e = assertThrows(DecantException.class, decant::migrate);
        assertEquals(ErrorCode.CONFIRMATION_REQUIRED, e.code());
        assertEquals(List.of(), target.events, "no truncate, no table opened");

        List<String> asked = new ArrayList<>();
        configure().from("mem:source").to("mem:target").options(MigrationOptions.builder().truncateFirst(true).build())
                .confirmTruncate(q -> asked.add(q)).load().migrate();
        assertEquals(List.of("--truncate-first will DELETE every row of the planned tables in recording:."), asked);
        assertTrue(target.events.get(0).startsWith("truncate"), target.events.toString());
    }

    @Test
    void aSelectionThatMatchesNothingIsRefusedBeforeAnythingIsWritten() {
        Decant decant = configure().from("mem:source").to("mem:target")
                .options(MigrationOptions.builder().tables(List.of("userz")).build()).load();
        DecantException e = assertThrows(DecantException.class, decant::migrate);
        assertEquals(ErrorCode.UNKNOWN_TABLE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("users"), "did you mean: " + e.getMessage());
        assertEquals(List.of(), target.events);
        assertEquals(List.of(), audit);
    }

    @Test
    void aRunThatFailsPartWayCarriesWhatItLoaded() {
        target.failAt("posts", 2);
        Decant decant = configure().from("mem:source").to("mem:target").load();
        FailedRun failed = assertThrows(FailedRun.class, decant::migrate);
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, failed.failure().code());
        MigrationResult partial = (MigrationResult) failed.result();
        assertEquals(2, target.rows("users").size(), "users committed before posts failed");
        assertTrue(partial.tables().stream().anyMatch(t -> t.source().equals("users") && t.rows() == 2), partial.toString());
        assertEquals("run-end", audit.get(audit.size() - 1));
    }

    @Test
    void aDryRunPlansAndWritesNothing() {
        PlanView plan = configure().from("mem:source").to("mem:target").load().migrateDryRun();
        assertEquals(List.of("users", "posts"), plan.tables().stream().map(PlanView.TableView::name).toList());
        assertEquals(List.of(2L, 3L), plan.tables().stream().map(PlanView.TableView::rows).toList());
        assertEquals(List.of(), target.events);
        assertEquals(List.of("plan"), audit);
    }
}
