package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.util.Redactor;
import io.decant.core.util.UrlParts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed MySQL/MariaDB URL. Accepted spellings: {@code mysql://user:pass@host:3306/db},
 * {@code mariadb://...}, {@code jdbc:mysql://...} and {@code jdbc:mariadb://...}; credentials may
 * also come as {@code ?user=&password=} query parameters (the JDBC habit). Other query parameters
 * are handed to the driver unchanged (e.g. {@code sslMode=verify-full}).
 *
 * <p>The password is registered with the global {@link Redactor} the moment it is parsed, so that
 * no later message (ours or the driver's) can show it. Only one host is accepted: failover lists
 * are a driver feature decant does not promise to keep.
 */
public record MysqlUrl(String scheme, String user, String password, String host, int port, String database,
                       Map<String, String> parameters) {
    public static final int DEFAULT_PORT = 3306;
    static final List<String> SCHEMES = List.of("jdbc:mariadb://", "jdbc:mysql://", "mariadb://", "mysql://");

    public MysqlUrl {
        parameters = Map.copyOf(parameters);
    }

    /** Whether {@code url} has one of our schemes; does not validate the rest. */
    public static boolean accepts(String url) {
        return url != null && schemeOf(url) != null;
    }

    public static MysqlUrl parse(String url) {
        String scheme = schemeOf(url);
        if (scheme == null) {
            throw DecantException.usage("not a MySQL/MariaDB URL: " + Redactor.global().redact(url));
        }
        UrlParts parts = UrlParts.parse(url, scheme);
        String user = parts.user();
        String password = parts.password();
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parts.parameters()) {
            String key = p.getKey();
            if (key.equalsIgnoreCase("password")) {
                password = password == null ? p.getValue() : password;
            } else if (key.equalsIgnoreCase("user")) {
                user = user == null ? p.getValue() : user;
            } else if (!key.isEmpty()) {
                params.put(key, p.getValue());
            }
        }
        String authority = parts.authority();
        String database = decode(parts.path());
        if (database.endsWith("/")) {
            database = database.substring(0, database.length() - 1);
        }
        String host;
        int port = DEFAULT_PORT;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw DecantException.usage("unclosed IPv6 address in " + display(scheme, user, password != null, authority, database));
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1 && authority.charAt(close + 1) == ':') {
                portText = authority.substring(close + 2);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (authority.contains(",")) {
            throw DecantException.usage("only one host is supported: " + display(scheme, user, password != null, authority, database));
        }
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw DecantException.usage("port '" + portText + "' is not a number in "
                        + display(scheme, user, password != null, authority, database));
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (database.isEmpty()) {
            throw DecantException.usage("the URL names no database: " + display(scheme, user, password != null, authority, database)
                    + " (expected " + scheme + "user:password@host:3306/database)");
        }
        return new MysqlUrl(scheme, user, password, host, port, database, params);
    }

    /** The URL as it may be shown: scheme, user, host, port and database; the password masked. */
    public String displayUrl() {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return display(scheme, user, password != null, authority, database);
    }

    /** {@code host:port}, for connection errors. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String display(String scheme, String user, boolean hasPassword, String authority, String database) {
        StringBuilder sb = new StringBuilder(scheme);
        if (user != null) {
            sb.append(user);
            if (hasPassword) {
                sb.append(':').append(Redactor.MASK);
            }
            sb.append('@');
        }
        return sb.append(authority).append('/').append(database).toString();
    }

    private static String schemeOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String s : SCHEMES) {
            if (lower.startsWith(s)) {
                return url.substring(0, s.length());
            }
        }
        return null;
    }

    /** Percent-decoding as in RFC 3986: unlike URLDecoder, '+' stays a plus (passwords contain them). */
    static String decode(String s) {
        return UrlParts.decode(s);
    }

    @Override
    public String toString() {
        return displayUrl();
    }
}
