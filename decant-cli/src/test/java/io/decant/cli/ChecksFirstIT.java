package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that is refused for something it could know without writing (a target table that already
 * exists under --create-schema, a mapping file it cannot read) is refused before any side effect:
 * no user is created in the auth provider (strategy http), and no mapping, journal, rejects or report
 * file is written.
 */
class ChecksFirstIT {
    @TempDir
    Path dir;

    private static String spec(int port, String more) {
        return """
                orphans: report
                ids:
                  auth.users:
                    strategy: http
                    http:
                      url: http://127.0.0.1:%d/api/v1/users
                      headers: { Authorization: "Bearer %s" }
                      body: '{"primary_email": "{{email}}"}'
                      id_pointer: /id
                      rate_per_second: 500
                      retries: 3
                """.formatted(port, AuthStandIn.TOKEN) + more;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private String[] migrate(PgServer.TestDb src, PgServer.TestDb dst, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate", "--from", src.url(), "--to", dst.url(),
                "--schemas", "public,auth", "--exclude", "auth.users", "--spec", dir.resolve("decant.yaml").toString(),
                "--mapping", dir.resolve("user-mapping.json").toString(), "--on-error", "reject",
                "--rejects", dir.resolve("rejects").toString(), "--report", dir.resolve("report.json").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aNonEmptyTargetUnderCreateSchemaIsRefusedBeforeAnyUserIsCreated() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_first_src");
        src.exec(SupabaseUsersIT.SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_first_dst");
        dst.exec(SupabaseUsersIT.PUBLIC);
        dst.exec("INSERT INTO organizations VALUES ('20000000-0000-0000-0000-000000000001', 'already here')");
        try (AuthStandIn auth = new AuthStandIn()) {
            Files.writeString(dir.resolve("decant.yaml"), spec(auth.port(), ""));
            Cli.Result r = Cli.run(migrate(src, dst, "--create-schema"));
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("already exists"), r.toString());
            assertEquals(0, auth.requests(), "no request reached the auth provider: " + auth.users);
            assertEquals(List.of("decant.yaml"), files(), "no mapping, journal, rejects or report was written");
            assertEquals("1", dst.one("SELECT count(*) FROM organizations"));

            // The way out the message names: load into the existing tables. Then users are created.
            dst.exec("DELETE FROM organizations");
            Cli.Result ok = Cli.run(migrate(src, dst));
            assertEquals(0, ok.exit(), ok.toString());
            assertNotEquals(0, auth.requests());
            assertEquals(12, auth.users.size());
        }
    }

    @Test
    void idsBuildChecksTheSpecBeforeAnyUserIsCreated() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_first_src3");
        src.exec(SupabaseUsersIT.SOURCE);
        try (AuthStandIn auth = new AuthStandIn()) {
            // A cast of a column profiles does not have: the migration would refuse this spec.
            Files.writeString(dir.resolve("decant.yaml"), spec(auth.port(), """
                    tables:
                      profiles:
                        columns:
                          nickname: { cast: text }
                    """));
            Cli.Result r = Cli.run("ids", "build", "--from", src.url(), "--schemas", "public,auth",
                    "--spec", dir.resolve("decant.yaml").toString(), "--mapping", dir.resolve("user-mapping.json").toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("nickname"), r.toString());
            assertEquals(0, auth.requests(), "no request reached the auth provider: " + auth.users);
            assertEquals(List.of("decant.yaml"), files(), "no mapping or journal was written");
        }
    }

    @Test
    void anUnreadableMappingFileIsRefusedBeforeAnyUserIsCreated() throws Exception {
        PgServer.TestDb src = PgServer.get().createDatabase("it_first_src2");
        src.exec(SupabaseUsersIT.SOURCE);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_first_dst2");
        dst.exec(SupabaseUsersIT.PUBLIC);
        try (AuthStandIn auth = new AuthStandIn()) {
            // organizations' mapping comes from a file someone else was to produce; it is not there.
            Files.writeString(dir.resolve("decant.yaml"), spec(auth.port(), """
                      organizations:
                        strategy: file
                        file: %s
                    """.formatted(dir.resolve("org-mapping.json"))));
            Cli.Result r = Cli.run(migrate(src, dst));
            assertNotEquals(0, r.exit(), r.toString());
            assertTrue(r.err().contains("org-mapping.json"), r.toString());
            assertEquals(0, auth.requests(), "no request reached the auth provider: " + auth.users);
            assertEquals(List.of("decant.yaml"), files(), "no mapping, journal, rejects or report was written");
        }
    }
}
