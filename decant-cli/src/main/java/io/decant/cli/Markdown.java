package io.decant.cli;

/** Cell text for a Markdown table: a pipe would end the cell and a line break the row. */
final class Markdown {
    private Markdown() {
    }

    static String cell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /** Inline code, for names and types; a backtick inside takes a longer fence. */
    static String code(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String fence = s.contains("`") ? "`` " : "`";
        String close = s.contains("`") ? " ``" : "`";
        return fence + cell(s) + close;
    }
}
