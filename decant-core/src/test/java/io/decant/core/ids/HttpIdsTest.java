package io.decant.core.ids;

import static io.decant.core.ids.MemoryDb.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spec.HttpSpec;
import io.decant.core.spec.IdSpec;
import io.decant.core.spec.IdStrategy;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpIdsTest {
    static final HttpOptions FAST = new HttpOptions(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    AuthStandIn server;
    Path mapping;

    @BeforeEach
    void start() throws Exception {
        server = new AuthStandIn();
        mapping = dir.resolve("user-mapping.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MemoryDb users(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(row("u_" + i, "user" + i + "@x.io", "User \"" + i + "\"\nline2"));
        }
        return new MemoryDb().table("users", rows, "id", LogicalType.TEXT, "email", LogicalType.TEXT, "name", LogicalType.TEXT);
    }

    private IdSpec spec(String rate, int retries) {
        HttpSpec h = new HttpSpec(server.url(), "POST", Map.of("Authorization", "Bearer ${STACK_SECRET}"),
                "{\"primary_email\": \"{{email}}\", \"display_name\": \"{{name}}\", \"note\": \"from {{id}}\"}",
                "/user/id", new BigDecimal(rate), retries);
        return new IdSpec(IdStrategy.HTTP, null, null, null, null, h, List.of());
    }

    private IdBuildRequest request(MemoryDb db, IdSpec spec) {
        return IdBuildRequest.of("users", spec, db).withMappingFile(mapping).withNewKeyType(LogicalType.UUID)
                .withEnv(Map.of("STACK_SECRET", AuthStandIn.TOKEN)).withHttp(FAST);
    }

    private void assertEachCreatedOnce(int n) {
        assertEquals(n, server.created.size());
        server.created.forEach((email, count) -> assertEquals(1, count.get(), email));
    }

    @Test
    void createsEachRowOnceThroughRetries() {
        server.failures.put(2, "429:0");
        server.failures.put(4, "500");
        server.failures.put(6, "429:1");
        IdBuildResult r = IdMapBuilder.run(request(users(5), spec("100", 3)));
        assertEquals(5, r.map().size());
        assertEquals(5, r.created());
        assertEachCreatedOnce(5);
        assertEquals(8, server.requests());
        assertEquals("user1@x.io", r.map().entry("u_1").orElseThrow().extras().get("email"));
        assertTrue(r.map().lookup("u_3") instanceof UUID);
        // The template escaped quotes and newlines: every body was valid JSON (else the stand-in answers 400).
        assertTrue(server.bodies.get(0).contains("\"display_name\": \"User \\\"1\\\"\\nline2\""), server.bodies.get(0));
    }

    @Test
    void resumesAfterACrashWithoutCreatingAnyoneTwice() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        DecantException crash = new DecantException(ErrorCode.INTERNAL, "simulated crash");
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(request(users(6), spec("100", 3))
                .withProgress(line -> {
                    if (line.contains("created") && seen.incrementAndGet() == 3) {
                        throw crash;
                    }
                })));
        assertEquals("simulated crash", e.detail());
        Path journal = MappingFile.journalOf(mapping);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        assertEquals(3, server.created.size());

        IdBuildResult r = IdMapBuilder.run(request(users(6), spec("100", 3)));
        assertEquals(6, r.map().size());
        assertEquals(3, r.reused());
        assertEquals(3, r.created());
        assertEachCreatedOnce(6);
        server.posts.forEach((email, count) -> assertEquals(1, count.get(), email));
    }

    @Test
    void aRequestWithoutAnswerStopsTheRerun() throws Exception {
        Files.writeString(MappingFile.journalOf(mapping), "{\"table\":\"users\",\"old\":\"u_2\",\"state\":\"sending\"}\n{\"table\":\"users\",\"old\":\"u_3\"");
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(request(users(3), spec("100", 3))));
        assertEquals(ErrorCode.PARTIAL_RUN, e.code());
        assertTrue(e.getMessage().contains("id 'u_2'"), e.getMessage());
        assertTrue(e.getMessage().contains("strategy match"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void alreadyExistsFailsPointingToMatchAndNeverRetries() {
        server.created.put("user2@x.io", new AtomicInteger(1));
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(request(users(3), spec("100", 3))));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().startsWith("[CONSTRAINT_VIOLATION] users.id (row 2, id='u_2'): POST " + server.url() + " answered HTTP 409"), e.getMessage());
        assertTrue(e.getMessage().contains("use strategy match"), e.getMessage());
        assertEquals(2, server.requests());
    }

    @Test
    void exhaustedRetriesNameRowAndStatusButNeverTheToken() {
        for (int i = 1; i <= 10; i++) {
            server.failures.put(i, "503");
        }
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(request(users(2), spec("100", 2))));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("(row 1, id='u_1')"), e.getMessage());
        assertTrue(e.getMessage().contains("answered HTTP 503 after 3 attempts"), e.getMessage());
        assertFalse(e.getMessage().contains(AuthStandIn.TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("Authorization"), e.getMessage());
        assertEquals(3, server.requests());
    }

    @Test
    void wrongTokenIsPermissionDeniedAndTheTokenStaysSecret() {
        IdBuildRequest req = request(users(1), spec("100", 3)).withEnv(Map.of("STACK_SECRET", "wrong-token-1234"));
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(req));
        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
        assertFalse(e.getMessage().contains("wrong-token-1234"), e.getMessage());
        assertEquals("***", io.decant.core.util.Redactor.global().redact("wrong-token-1234"));
    }

    @Test
    void rateLimitIsRespected() {
        IdMapBuilder.run(request(users(8), spec("20", 0)));
        long span = server.arrivals.get(server.arrivals.size() - 1) - server.arrivals.get(0);
        // 8 requests at 20/s: 7 intervals of 50 ms; a little slack for the clock.
        assertTrue(span >= Duration.ofMillis(330).toNanos(), "span " + span / 1_000_000 + " ms");
    }

    @Test
    void needsAMappingFile() {
        DecantException e = assertThrows(DecantException.class,
                () -> IdMapBuilder.run(request(users(1), spec("100", 0)).withMappingFile(null)));
        assertEquals(ErrorCode.USAGE, e.code());
    }

    @Test
    void connectionRefusedIsRetriedThenFailsAndTheRowMayBeSentAgain() throws Exception {
        server.close();
        DecantException e = assertThrows(DecantException.class, () -> IdMapBuilder.run(request(users(1), spec("100", 1))));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("could not connect after 2 attempts"), e.getMessage());
        // Nothing was sent, so the journal says failed and a rerun may try again.
        assertEquals(0, IdJournal.read(MappingFile.journalOf(mapping), "users").inFlight().size());
    }
}
