package io.decant.mysql;

import io.decant.core.error.DecantException;
import io.decant.core.util.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
        String rest = url.substring(scheme.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        // The last '@' ends the credentials: an unencoded '@' or '/' in a password is then still read right.
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String hostPart = at < 0 ? rest : rest.substring(at + 1);
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            Redactor.global().register(password);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key.equalsIgnoreCase("password")) {
                Redactor.global().register(value);
                password = password == null ? value : password;
            } else if (key.equalsIgnoreCase("user")) {
                user = user == null ? value : user;
            } else if (!key.isEmpty()) {
                params.put(key, value);
            }
        }
        int slash = hostPart.indexOf('/');
        String authority = slash < 0 ? hostPart : hostPart.substring(0, slash);
        String database = slash < 0 ? "" : decode(hostPart.substring(slash + 1));
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
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public String toString() {
        return displayUrl();
    }
}
