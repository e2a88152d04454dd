package io.decant.files.folder;

import java.util.Locale;
import java.util.Map;

/**
 * metadata.json as the FreshTrack export script wrote it, byte for byte:
 * {@code JSON.stringify({exportedAt, sourceDatabase, tables: {name: {rowCount}}}, null, 2)}, no
 * trailing newline. Scripts that read it (the FreshTrack import, users' own checks) keep working
 * on folders decant writes with {@code --format json}.
 */
public final class MetadataJson {
    public static final String FILE_NAME = "metadata.json";

    private MetadataJson() {
    }

    static String render(String exportedAt, String sourceDatabase, Map<String, Long> rowCounts) {
        StringBuilder sb = new StringBuilder(128 + rowCounts.size() * 48);
        sb.append("{\n  \"exportedAt\": ");
        quote(sb, exportedAt);
        sb.append(",\n  \"sourceDatabase\": ");
        quote(sb, sourceDatabase);
        sb.append(",\n  \"tables\": ");
        if (rowCounts.isEmpty()) {
            sb.append("{}");
        } else {
            sb.append("{\n");
            boolean first = true;
            for (Map.Entry<String, Long> e : rowCounts.entrySet()) {
                if (!first) {
                    sb.append(",\n");
                }
                first = false;
                sb.append("    ");
                quote(sb, e.getKey());
                sb.append(": {\n      \"rowCount\": ").append(e.getValue()).append("\n    }");
            }
            sb.append("\n  }");
        }
        sb.append("\n}");
        return sb.toString();
    }

    /** JSON.stringify's string quoting (ES2019): short escapes, lower-case \\u00xx, lone surrogates escaped. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                        lone = false;
                    }
                    if (c < 0x20 || lone) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
