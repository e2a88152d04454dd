package io.decant.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this decant was built from: the version and the git commit, written into build.properties by
 * the build (resource filtering; git-commit-id-maven-plugin sets the commit). A build from a source
 * tree without .git has a version but no commit; that is said, not guessed.
 */
final class BuildInfo {
    private static final Properties BUILT = load();

    private BuildInfo() {
    }

    /** decant's version, as the build's pom says it. */
    static String version() {
        return version(BUILT);
    }

    /** The lines of {@code decant --version}. */
    static String[] versionLines() {
        return versionLines(BUILT);
    }

    static String version(Properties built) {
        String v = value(built, "version");
        return v == null ? "unknown" : v;
    }

    /** The full id of the commit built from, or null when the build did not know it. */
    static String commit(Properties built) {
        String c = value(built, "commit");
        return c != null && c.matches("[0-9a-f]{7,64}") ? c : null;
    }

    static String[] versionLines(Properties built) {
        String commit = commit(built);
        return new String[] {"decant " + version(built),
                commit == null ? "commit unknown (built from a source tree without git)" : "commit " + commit};
    }

    /** A property's value; null when missing or left unfilled ("${...}") by a build that did not know it. */
    private static String value(Properties built, String key) {
        String v = built.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? null : v.trim();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the version unknown; decant still runs
        }
        return p;
    }
}
