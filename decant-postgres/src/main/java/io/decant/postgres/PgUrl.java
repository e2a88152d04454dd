package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL connection URL in any of the spellings decant accepts, taken apart.
 * The password is registered with the {@link Redactor} the moment it is parsed, so that nothing
 * printed afterwards (including driver messages that echo a URL) can show it.
 *
 * @param hostPort  {@code host:port}, or several separated by commas for pgjdbc's multi-host URLs
 * @param params    query parameters other than user and password, passed to pgjdbc as they are
 *                  (sslmode, sslrootcert, options, ...)
 */
public record PgUrl(String scheme, String hostPort, String database, String user, String password,
                    Map<String, String> params) {

    static final List<String> PREFIXES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");

    public PgUrl {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static boolean accepts(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(lower::startsWith);
    }

    public static PgUrl parse(String url) {
        String s = url.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        String prefix = PREFIXES.stream().filter(lower::startsWith).findFirst()
                .orElseThrow(() -> new DecantException(ErrorCode.UNKNOWN_URL, "not a PostgreSQL URL: " + Redactor.global().redact(s)));
        String rest = s.substring(prefix.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String user = null;
        String password = null;
        // The last '@' separates user info from hosts: an unencoded '@' in a password stays in the password.
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                String rawPassword = userInfo.substring(colon + 1);
                Redactor.global().register(rawPassword);
                password = decode(rawPassword);
                userInfo = userInfo.substring(0, colon);
            }
            user = decode(userInfo);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String value = decode(rawValue);
            switch (key) {
                case "user" -> user = value;
                case "password" -> {
                    Redactor.global().register(rawValue);
                    password = value;
                }
                default -> params.put(key, value);
            }
        }
        Redactor.global().register(password);
        String hostPort = authority.isEmpty() ? "localhost:5432" : withDefaultPort(authority);
        String database = path.isEmpty() ? (user == null ? "postgres" : user) : decode(path);
        return new PgUrl(prefix, hostPort, database, user, password, params);
    }

    private static String withDefaultPort(String hosts) {
        StringBuilder out = new StringBuilder();
        for (String h : hosts.split(",")) {
            if (out.length() > 0) {
                out.append(',');
            }
            // "[::1]" and "[::1]:5433" are IPv6; a bare host has no colon after any ']'.
            boolean hasPort = h.lastIndexOf(':') > h.lastIndexOf(']');
            out.append(h).append(hasPort ? "" : ":5432");
        }
        return out.toString();
    }

    /** Percent-decoding as URLs mean it: unlike URLDecoder, '+' stays a plus sign. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                // Re-encode the char (a surrogate pair as one code point) so that mixed text stays intact.
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The URL pgjdbc connects to; user and password travel in {@link #properties()}, never in the URL. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPort + "/" + encodePath(database);
    }

    private static String encodePath(String db) {
        StringBuilder sb = new StringBuilder();
        for (byte b : db.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }

    public Properties properties() {
        Properties p = new Properties();
        params.forEach(p::setProperty);
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.putIfAbsent("ApplicationName", "decant");
        p.putIfAbsent("connectTimeout", "10");
        return p;
    }

    /** Safe to print: the password is masked. */
    public String display() {
        StringBuilder sb = new StringBuilder(scheme);
        if (user != null) {
            sb.append(user);
            if (password != null) {
                sb.append(':').append(Redactor.MASK);
            }
            sb.append('@');
        }
        sb.append(hostPort).append('/').append(database);
        if (!params.isEmpty()) {
            sb.append('?');
            params.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v));
        }
        return Redactor.global().redact(sb.toString());
    }

    /** The user name as the server will see it (pgjdbc falls back to the OS user when none is given). */
    public String userOrDefault() {
        return user != null ? user : System.getProperty("user.name");
    }

    @Override
    public String toString() {
        return display();
    }
}
