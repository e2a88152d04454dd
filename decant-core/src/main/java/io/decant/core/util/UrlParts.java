package io.decant.core.util;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A connection URL ({@code scheme://user:password@hosts/path?query}) taken apart by decant before
 * any driver sees it, so that a password with reserved characters is read as the user meant it or
 * refused, never half-read and echoed by a driver.
 *
 * <p>Percent-encoding always works. Raw reserved characters in a password ({@code @ : / ? #}) are
 * accepted when only one reading of the URL makes sense: every way of splitting it (no credentials,
 * or credentials ending at each '@') is tried, and a reading is possible when its hosts are host
 * names or addresses with numeric ports, its path holds no '@' or '#', and its user name no
 * '/', '?' or '#'. One possible reading is used; none or several is a usage error that tells the
 * user to percent-encode. Every password candidate is registered with the {@link Redactor} before
 * anything is said, so not even a refusal can show a fragment of one.
 *
 * <p>Rejected alternative: {@code java.net.URI}. It refuses raw reserved characters outright and
 * its messages quote the whole input, password included.
 *
 * @param scheme    the prefix as written, e.g. {@code postgresql://}
 * @param user      percent-decoded; null when the URL has no credentials
 * @param password  percent-decoded; null when the URL has none
 * @param authority the host list as written ({@code host:port}, several separated by commas, IPv6
 *                  in brackets); may be empty
 * @param path      the raw text after the first '/' following the hosts, without the query; empty
 *                  when there is none
 * @param query     the raw text after '?', empty when there is none
 */
public record UrlParts(String scheme, String user, String password, String authority, String path, String query) {
    private static final String HOST = "(?:\\[[0-9A-Za-z:.%]+\\]|[A-Za-z0-9._~%-]*)(?::[0-9]{1,5})?";
    private static final Pattern AUTHORITY = Pattern.compile(HOST + "(?:," + HOST + ")*");
    /** The way out every refusal names. */
    public static final String ENCODE_HINT = "percent-encode reserved characters in the user name and password"
            + " (@ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25)";

    /** Takes {@code url} apart; {@code scheme} is the prefix the caller recognised (any case). */
    public static UrlParts parse(String url, String scheme) {
        String rest = url.substring(scheme.length());
        List<UrlParts> readings = new ArrayList<>();
        UrlParts plain = reading(scheme, null, rest);
        if (plain != null) {
            readings.add(plain);
        }
        for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                // Registered whether or not this reading wins: a refusal must not show it either.
                String raw = userInfo.substring(colon + 1);
                Redactor.global().register(raw);
                Redactor.global().register(decode(raw));
            }
            UrlParts r = reading(scheme, userInfo, rest.substring(at + 1));
            if (r != null) {
                readings.add(r);
            }
        }
        if (readings.size() == 1) {
            return readings.get(0);
        }
        String shown = scheme + (rest.indexOf('@') >= 0 ? "...@" + safeTail(rest) : Redactor.global().redact(rest));
        if (readings.isEmpty()) {
            throw new DecantException(ErrorCode.USAGE, "cannot read the URL " + shown + ": expected " + scheme
                    + "host:port/database, with the user name and password (separated by ':') and an '@' before the host; "
                    + ENCODE_HINT);
        }
        throw new DecantException(ErrorCode.USAGE, "the URL " + shown + " can be read " + readings.size()
                + " ways (a reserved character in the password or the query); " + ENCODE_HINT);
    }

    /** What follows the last '@', which can only name hosts and a database, never a password. */
    private static String safeTail(String rest) {
        return Redactor.global().redact(rest.substring(rest.lastIndexOf('@') + 1));
    }

    /** The reading with credentials {@code userInfo} (null: none) and {@code tail} after them, or null. */
    private static UrlParts reading(String scheme, String userInfo, String tail) {
        int end = 0;
        while (end < tail.length() && tail.charAt(end) != '/' && tail.charAt(end) != '?') {
            end++;
        }
        String authority = tail.substring(0, end);
        if (!AUTHORITY.matcher(authority).matches()) {
            return null;
        }
        String path = "";
        String query = "";
        String after = tail.substring(end);
        int q = after.indexOf('?');
        if (q >= 0) {
            query = after.substring(q + 1);
            after = after.substring(0, q);
        }
        if (after.startsWith("/")) {
            path = after.substring(1);
        }
        if (path.indexOf('@') >= 0 || path.indexOf('#') >= 0) {
            return null;
        }
        if (userInfo == null) {
            return new UrlParts(scheme, null, null, authority, path, query);
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (user.indexOf('/') >= 0 || user.indexOf('?') >= 0 || user.indexOf('#') >= 0) {
            return null;
        }
        return new UrlParts(scheme, decode(user), colon < 0 ? null : decode(userInfo.substring(colon + 1)), authority, path, query);
    }

    /** The query's {@code key=value} pairs in order, both percent-decoded; a value that is a password is registered. */
    public List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String raw = eq < 0 ? "" : pair.substring(eq + 1);
            String value = decode(raw);
            if (key.equalsIgnoreCase("password")) {
                Redactor.global().register(raw);
                Redactor.global().register(value);
            }
            out.add(Map.entry(key, value));
        }
        return out;
    }

    /** Percent-decoding as URLs mean it: unlike URLDecoder, '+' stays a plus sign; a '%' not followed by two hex digits stays. */
    public static String decode(String s) {
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
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    @Override
    public String toString() {
        return scheme + (user == null ? "" : user + (password == null ? "" : ":" + Redactor.MASK) + "@") + authority + "/" + path;
    }
}
