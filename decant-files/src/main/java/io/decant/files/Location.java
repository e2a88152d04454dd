package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.files.folder.Format;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a URL handed to the files dialect points at. Decided from the URL's form and, for plain
 * paths, from what is on disk; never from a connection.
 *
 * @param format the format the URL asks for ({@code jsonl:}/{@code json:}), or {@code null} when it does not say
 * @param convex the options of a {@code convex:DIR[?name=value&...]} URL (empty when it has none),
 *               or {@code null} when the URL is not a convex: URL
 */
public record Location(Kind kind, Path path, Format format, Map<String, String> convex) {

    Location(Kind kind, Path path, Format format) {
        this(kind, path, format, null);
    }

    enum Kind {
        /** An export folder: manifest.json (decant) or metadata.json (FreshTrack scripts). */
        FOLDER,
        /** One JSON object mapping table names to arrays of rows (an app's admin backup endpoint). */
        D1_BACKUP
    }

    // Anything that looks like "scheme:" with two or more letters belongs to some other dialect
    // (sqlite:, jdbc:, postgres://...); one letter is a Windows drive.
    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]+:.*");
    private static final Pattern DATABASE_FILE = Pattern.compile("(?i).*\\.(db|sqlite|sqlite3|db3|duckdb)$");

    /** The location for {@code url}, or {@code null} when this dialect does not handle it. Touches the disk only to look. */
    static Location recognize(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dir:")) {
            return folder(url.substring(4), null);
        }
        if (lower.startsWith("jsonl:")) {
            return folder(url.substring(6), Format.JSONL);
        }
        if (lower.startsWith("json:")) {
            return folder(url.substring(5), Format.JSON);
        }
        if (lower.startsWith("convex:")) {
            return convex(url.substring(7));
        }
        if (lower.startsWith("d1backup:")) {
            return file(url.substring(9), Kind.D1_BACKUP);
        }
        if (url.isBlank() || lower.contains("://") || OTHER_SCHEME.matcher(url).matches() || DATABASE_FILE.matcher(url).matches()) {
            return null;
        }
        Path p;
        try {
            p = Path.of(url);
        } catch (InvalidPathException e) {
            return null;
        }
        if (Files.isDirectory(p)) {
            return new Location(Kind.FOLDER, p, null);
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (Files.isRegularFile(p)) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".json")) {
                return new Location(Kind.D1_BACKUP, p, null);
            }
            return null;
        }
        // Not there yet: a new export folder, if it does not look like a file name.
        if (!Files.exists(p) && (url.endsWith("/") || url.endsWith("\\") || !name.contains("."))) {
            return new Location(Kind.FOLDER, p, null);
        }
        return null;
    }

    private static Location folder(String rest, Format format) {
        return new Location(Kind.FOLDER, path(rest), format);
    }

    /**
     * {@code convex:DIR} and {@code convex:DIR?nulls=null}. A {@code ?} always starts the options
     * here: a folder for Convex is named by its user, and a name with {@code ?} is not worth the
     * ambiguity.
     */
    private static Location convex(String rest) {
        int q = rest.indexOf('?');
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw DecantException.usage("convex: URL option '" + pair + "' is not name=value");
                }
                options.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            rest = rest.substring(0, q);
        }
        return new Location(Kind.FOLDER, path(rest), Format.JSONL, Collections.unmodifiableMap(options));
    }

    private static Location file(String rest, Kind kind) {
        return new Location(kind, path(rest), null);
    }

    private static Path path(String rest) {
        String p = rest.startsWith("//") ? rest.substring(2) : rest;
        if (p.isEmpty()) {
            throw DecantException.usage("the URL names no path; write for example dir:./migration-data");
        }
        try {
            return Path.of(p);
        } catch (InvalidPathException e) {
            throw DecantException.usage("'" + p + "' is not a valid path: " + e.getReason());
        }
    }
}
