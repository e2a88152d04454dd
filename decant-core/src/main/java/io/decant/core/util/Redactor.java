package io.decant.core.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a user. Two defences: every secret the process has
 * seen (passwords parsed from URLs, tokens from the environment named in a spec) is registered and
 * replaced wherever it appears; and anything shaped like a password in a URL or a key=value pair is
 * masked even if it was never registered.
 */
public final class Redactor {
    public static final String MASK = "***";
    private static final Redactor GLOBAL = new Redactor();
    // Up to the last '@' of the word: a raw '@' in a password must not leave its tail unmasked.
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)(\\S+)(@)");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|apikey|api_key)\\s*[=:]\\s*)([^&\\s,;'\"})\\]]+)");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public static Redactor global() {
        return GLOBAL;
    }

    /** Registers a secret; very short strings are ignored because masking them would garble text. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        out = KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return out;
    }
}
