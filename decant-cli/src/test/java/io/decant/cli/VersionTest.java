package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** decant --version: the version of the pom and the commit the build was made from. */
class VersionTest {

    @Test
    void versionAndCommitOfThisBuild() throws Exception {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.toString());
        assertEquals("decant " + pomVersion(), lines[0], "the version is the pom's, filled in by the build");
        String head = gitHead();
        if (head != null) {
            assertEquals("commit " + head, lines[1], "the commit the build was made from");
        } else {
            assertEquals("commit unknown (built from a source tree without git)", lines[1], r.toString());
        }
        assertEquals(pomVersion(), Main.VERSION, "reports and the audit log record the same version");
    }

    @Test
    void aBuildWithoutGitSaysTheCommitIsUnknown() {
        Properties unfilled = new Properties();
        unfilled.setProperty("version", "1.2.3");
        unfilled.setProperty("commit", "${git.commit.id}");
        String[] lines = BuildInfo.versionLines(unfilled);
        assertEquals("decant 1.2.3", lines[0]);
        assertEquals("commit unknown (built from a source tree without git)", lines[1]);
        assertEquals("unknown", BuildInfo.version(new Properties()), "no build.properties at all: unknown, no crash");
    }

    /** The project version of the pom (the parent's, which every module shares). */
    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
        int artifact = pom.indexOf("<artifactId>decant-parent</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start)).strip();
    }

    /** HEAD of the repository the tests run in, or null without git or .git. */
    private static String gitHead() throws Exception {
        if (!Files.exists(Path.of("..", ".git"))) {
            return null;
        }
        Process p;
        try {
            p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("..").toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException noGit) {
            return null;
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }
}
