package io.decant.core.verify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Columns whose values are never shown in a report: passwords, tokens, secrets. Public for engines that
 * name differing rows outside this package (decant on Spark).
 */
public final class Sensitive {
    private static final Pattern NAME = Pattern.compile(".*(password|passwd|secret|token|api_?key|private_?key).*");
    public static final String REDACTED = "<redacted>";

    private Sensitive() {
    }

    public static boolean column(String name) {
        return NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}
