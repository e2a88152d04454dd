package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The URL forms that name a SQLite file. Parsing never touches the file system: {@link SqliteDialect#accepts}
 * must not connect, and whether the file must exist depends on whether it is read or written.
 *
 * <table>
 *   <caption>accepted forms</caption>
 *   <tr><th>form</th><th>file</th></tr>
 *   <tr><td>{@code sqlite:data/app.db}</td><td>{@code data/app.db}, relative to the working directory</td></tr>
 *   <tr><td>{@code sqlite:///abs/app.db}</td><td>{@code /abs/app.db}</td></tr>
 *   <tr><td>{@code jdbc:sqlite:/abs/app.db}, {@code jdbc:sqlite:file:app.db}</td><td>the path after the prefix</td></tr>
 *   <tr><td>{@code app.db}, {@code x.sqlite}, {@code x.sqlite3}</td><td>the path as given</td></tr>
 * </table>
 * Query strings ({@code ?mode=ro}) are ignored: decant chooses the open mode itself.
 */
record SqliteUrl(String url, Path file) {
    static final List<String> FORMS = List.of("sqlite:path/to/file.db", "sqlite:///abs/path.db", "jdbc:sqlite:path",
            "a path ending in .db, .sqlite or .sqlite3",
            "d1sql:FILE.sql | FILE.sql (a SQLite SQL script: wrangler d1 export, sqlite3 .dump, a seed script; read only)");
    private static final String SCRIPT_PREFIX = "d1sql:";
    private static final List<String> SUFFIXES = List.of(".db", ".sqlite", ".sqlite3");

    static boolean accepts(String url) {
        return url != null && (acceptsFile(url) || script(url) != null);
    }

    /**
     * The script named by {@code d1sql:FILE} or a plain path ending in {@code .sql}, or null for
     * any other URL.
     */
    static Path script(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SCRIPT_PREFIX)) {
            String rest = url.substring(SCRIPT_PREFIX.length());
            if (rest.isBlank()) {
                throw DecantException.usage("d1sql: must name a file: d1sql:path/to/export.sql");
            }
            return Path.of(rest);
        }
        if (!lower.contains("://") && !lower.startsWith("jdbc:") && lower.endsWith(".sql")) {
            return Path.of(url);
        }
        return null;
    }

    private static boolean acceptsFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
            return true;
        }
        // A plain path: no scheme, so that postgres://host/app.db is never taken for a file.
        return !lower.contains("://") && SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    static SqliteUrl parse(String url) {
        if (!acceptsFile(url)) {
            throw new DecantException(ErrorCode.UNKNOWN_URL, "not a SQLite URL: " + url + "; known forms: "
                    + String.join(", ", FORMS));
        }
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:sqlite:")) {
            rest = url.substring("jdbc:sqlite:".length());
        } else if (lower.startsWith("sqlite:")) {
            rest = url.substring("sqlite:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2); // sqlite:///abs -> /abs; sqlite://rel.db -> rel.db
            }
        } else {
            rest = url;
        }
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            rest = rest.substring(5);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.isEmpty() || rest.equals(":memory:")) {
            throw DecantException.usage("a SQLite URL must name a file: " + url);
        }
        return new SqliteUrl(url, Path.of(rest));
    }

    /** Nothing secret lives in a SQLite URL; the path is shown as the user wrote it. */
    String display() {
        return "sqlite:" + file;
    }
}
