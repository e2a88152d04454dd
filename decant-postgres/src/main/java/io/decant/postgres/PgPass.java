package io.decant.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL password file as libpq reads it: the file named by PGPASSFILE, else
 * {@code ~/.pgpass}; lines {@code hostname:port:database:username:password}, where {@code *}
 * matches anything, {@code \:} and {@code \\} stand for ':' and '\', and lines starting with '#'
 * are comments. The first matching line wins. As libpq does, a file that group or others may read
 * is ignored with a warning, so a password stored carelessly is not used silently.
 */
final class PgPass {
    private static final Logger LOG = LoggerFactory.getLogger(PgPass.class);

    private PgPass() {
    }

    /** The password for this connection, or null when there is no file or no line matches. */
    static String lookup(Map<String, String> env, String host, String port, String database, String user) {
        Path file = file(env);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("password file {} has group or world access and is ignored; run chmod 0600 on it", file);
                return null;
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): libpq does not check there either
        } catch (IOException e) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("password file {} cannot be read: {}", file, e.getClass().getSimpleName());
            return null;
        }
        String[] wanted = {host, port, database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = fields.get(i).equals("*") || fields.get(i).equals(wanted[i]);
            }
            if (match) {
                return fields.get(4);
            }
        }
        return null;
    }

    private static Path file(Map<String, String> env) {
        String named = env.get("PGPASSFILE");
        if (named != null && !named.isEmpty()) {
            return Path.of(named);
        }
        String home = env.get("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return home == null ? null : Path.of(home, ".pgpass");
    }

    /** Splits on unescaped ':'; the fifth field (the password) takes the rest of the line. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
