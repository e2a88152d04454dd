package io.decant.core.transform;

import io.decant.core.type.Bytes;
import io.decant.core.type.JsonText;
import io.decant.core.type.LogicalType;
import java.time.LocalDateTime;
import java.util.List;

/** Text spellings used when a value becomes text. */
public final class Texts {
    private Texts() {
    }

    /** ISO 8601 without offset, with as many fraction digits as the value has. */
    public static String iso(LocalDateTime t) {
        return t.toString().length() == 16 ? t + ":00" : t.toString();
    }

    static String jsonArray(List<?> list, LogicalType element) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = list.get(i);
            if (e == null) {
                sb.append("null");
            } else if (e instanceof Number || e instanceof Boolean) {
                sb.append(e);
            } else if (e instanceof JsonText j) {
                sb.append(j.text());
            } else if (e instanceof List<?> inner) {
                sb.append(jsonArray(inner, element.element() == null ? element : element.element()));
            } else if (e instanceof Bytes b) {
                quote(sb, b.base64());
            } else {
                quote(sb, e instanceof LocalDateTime ldt ? iso(ldt) : e.toString());
            }
        }
        return sb.append(']').toString();
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
