package io.decant.core.util;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.Map;

/** Expands {@code ${NAME}} from the environment; {@code $${} stands for a literal {@code ${}. */
public final class Env {
    private Env() {
    }

    public static String expand(String text, Map<String, String> env, String where) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new DecantException(ErrorCode.USAGE, where + ": unclosed ${ in '" + Redactor.global().redact(text) + "'");
                }
                String name = text.substring(i + 2, end);
                String value = env.get(name);
                if (value == null) {
                    throw new DecantException(ErrorCode.USAGE, where + ": environment variable " + name + " is not set");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
