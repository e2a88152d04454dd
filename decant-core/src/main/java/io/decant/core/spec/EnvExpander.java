package io.decant.core.spec;

import java.util.Map;

/**
 * Expands {@code ${NAME}} in spec values from an environment given by the caller (the process
 * environment in production, a map in tests). {@code ${NAME:-fallback}} uses the fallback when NAME
 * is unset or empty; {@code $${} is a literal {@code ${}. An unset variable without fallback is an
 * error naming it, never an empty string: an empty password or URL would fail later and further
 * from its cause.
 */
final class EnvExpander {
    private final Map<String, String> env;

    EnvExpander(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Thrown with a message for the user; the caller adds the location. */
    static final class ExpansionException extends Exception {
        private static final long serialVersionUID = 1L;

        ExpansionException(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether {@code raw} refers to at least one variable. */
    static boolean refersToEnv(String raw) {
        int i = raw.indexOf("${");
        while (i >= 0) {
            if (i == 0 || raw.charAt(i - 1) != '$') {
                return true;
            }
            i = raw.indexOf("${", i + 2);
        }
        return false;
    }

    /** The values of the set variables that {@code raw} refers to. */
    java.util.List<String> valuesIn(String raw) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(raw);
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    String expand(String raw) throws ExpansionException {
        if (raw.indexOf('$') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '$' && raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && raw.startsWith("${", i)) {
                int end = raw.indexOf('}', i + 2);
                if (end < 0) {
                    throw new ExpansionException("unterminated ${ at character " + (i + 1) + "; write $${ for a literal ${");
                }
                out.append(lookup(raw.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String lookup(String body) throws ExpansionException {
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ExpansionException("'${" + body + "}' is not a variable reference; names are letters, digits and _");
        }
        String value = env.get(name);
        if (value != null && !(sep >= 0 && value.isEmpty())) {
            return value;
        }
        if (sep >= 0) {
            return body.substring(sep + 2);
        }
        throw new ExpansionException("environment variable " + name + " is not set");
    }
}
