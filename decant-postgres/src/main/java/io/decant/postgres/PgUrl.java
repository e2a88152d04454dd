package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import io.decant.core.util.UrlParts;
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

    /** Parses {@code url} filling its gaps from the process environment, as libpq does. */
    public static PgUrl parse(String url) {
        return parse(url, System.getenv());
    }

    /**
     * Parses {@code url}; what it leaves out comes from {@code env} the way libpq does it: host from
     * PGHOST, port from PGPORT, user from PGUSER, database from PGDATABASE, password from PGPASSWORD
     * and then the password file (PGPASSFILE, else ~/.pgpass), sslmode and sslrootcert from
     * PGSSLMODE and PGSSLROOTCERT. What the URL says always wins.
     */
    public static PgUrl parse(String url, Map<String, String> env) {
        String s = url.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        String prefix = PREFIXES.stream().filter(lower::startsWith).findFirst()
                .orElseThrow(() -> new DecantException(ErrorCode.UNKNOWN_URL, "not a PostgreSQL URL: " + Redactor.global().redact(s)));
        UrlParts parts = UrlParts.parse(s, s.substring(0, prefix.length()));
        String user = parts.user();
        String password = parts.password();
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parts.parameters()) {
            switch (p.getKey()) {
                case "user" -> user = p.getValue();
                case "password" -> password = p.getValue();
                default -> params.put(p.getKey(), p.getValue());
            }
        }
        if (user == null || user.isEmpty()) {
            user = nonEmpty(env.get("PGUSER"));
        }
        String port = nonEmpty(env.get("PGPORT"));
        String hosts = parts.authority();
        if (hosts.isEmpty() || hosts.startsWith(":")) {
            String envHost = nonEmpty(env.get("PGHOST"));
            // A PGHOST that names a socket directory means "this machine" to libpq; pgjdbc speaks TCP only.
            String host = envHost == null || envHost.startsWith("/") ? "localhost" : envHost;
            hosts = hosts.isEmpty() ? host : host + hosts;
        }
        String hostPort = withDefaultPort(hosts, port == null ? "5432" : port);
        String database = parts.path().isEmpty() ? null : UrlParts.decode(parts.path());
        if (database == null) {
            database = nonEmpty(env.get("PGDATABASE"));
        }
        if (database == null) {
            database = user == null ? "postgres" : user;
        }
        if (password == null) {
            password = nonEmpty(env.get("PGPASSWORD"));
        }
        if (password == null) {
            String firstHost = hostPort.split(",")[0];
            int colon = firstHost.lastIndexOf(':');
            password = PgPass.lookup(env, firstHost.substring(0, colon), firstHost.substring(colon + 1), database,
                    user != null ? user : System.getProperty("user.name"));
        }
        Redactor.global().register(password);
        if (!params.containsKey("sslmode") && nonEmpty(env.get("PGSSLMODE")) != null) {
            params.put("sslmode", env.get("PGSSLMODE"));
        }
        if (!params.containsKey("sslrootcert") && nonEmpty(env.get("PGSSLROOTCERT")) != null) {
            params.put("sslrootcert", env.get("PGSSLROOTCERT"));
        }
        return new PgUrl(prefix, hostPort, database, user, password, params);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String withDefaultPort(String hosts, String port) {
        StringBuilder out = new StringBuilder();
        for (String h : hosts.split(",")) {
            if (out.length() > 0) {
                out.append(',');
            }
            // "[::1]" and "[::1]:5433" are IPv6; a bare host has no colon after any ']'.
            boolean hasPort = h.lastIndexOf(':') > h.lastIndexOf(']');
            out.append(h).append(hasPort ? "" : ":" + port);
        }
        return out.toString();
    }

    /** Percent-decoding as URLs mean it: unlike URLDecoder, '+' stays a plus sign. */
    static String decode(String s) {
        return UrlParts.decode(s);
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
