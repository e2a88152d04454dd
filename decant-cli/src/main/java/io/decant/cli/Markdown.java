package io.decant.cli;

/**
 * Text for Markdown (CommonMark with GitHub's tables): names, types and values must show as they
 * are, never as formatting, and a pipe or a line break inside a table cell must not end it.
 */
final class Markdown {
    private Markdown() {
    }

    /** Plain text: Markdown's punctuation escaped with a backslash, line breaks made spaces. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~' -> sb.append('\\').append(c);
                case '\n' -> sb.append(' ');
                case '\r' -> sb.append(i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : " ");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Inline code outside a table: backslashes are literal there, a backtick inside takes a longer fence. */
    static String span(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String flat = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return flat.contains("`") ? "`` " + flat + " ``" : "`" + flat + "`";
    }

    /** Inline code in a table cell: GitHub reads {@code \|} there as a pipe, even inside code. */
    static String code(String s) {
        return span(s).replace("|", "\\|");
    }
}
