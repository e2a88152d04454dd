package io.decant.cli.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.cli.matrix.MatrixTables.Col;
import io.decant.cli.matrix.MatrixTables.Kind;
import io.decant.cli.matrix.MatrixTables.PgArray;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical forms for comparing a source value with what a target holds, written independently of
 * decant's own canonical form (so a flaw there cannot hide a flaw in a dialect): floats by their
 * exact Java text (-0.0, NaN and the subnormals stay distinct), temporals as ISO text without 'T',
 * zone suffix or trailing fractional zeros, JSON as a Jackson tree, arrays as lists of element texts.
 * Decimals keep their text: a declared scale must survive exactly ("12.50", not "12.5").
 */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** The canonical form of a source row's value. */
    static Object expected(Kind kind, Object v) {
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case BOOL, INT, DECIMAL, TEXT, DATE -> v.toString();
            case FLOAT32 -> Float.toString((Float) v);
            case FLOAT64 -> Double.toString((Double) v);
            case BYTES -> Target.hex((byte[]) v);
            case UUID -> ((String) v).toLowerCase(Locale.ROOT);
            case JSON -> tree((String) v);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> temporal((String) v);
            case ARRAY -> array(tree(((PgArray) v).json()));
        };
    }

    /** The canonical form of a value a JDBC driver returned for the expressions of {@link Target}. */
    static Object actual(Kind kind, Object raw) {
        String s = raw instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : raw.toString();
        return switch (kind) {
            case BOOL -> switch (s) {
                case "t", "true", "1" -> "true";
                case "f", "false", "0" -> "false";
                default -> "not a boolean: " + s;
            };
            case INT -> new BigInteger(s.trim()).toString();
            case DECIMAL, TEXT, DATE -> s;
            case FLOAT32 -> Float.toString(raw instanceof Number n ? (float) n.doubleValue() : (float) Double.parseDouble(s));
            case FLOAT64 -> Double.toString(raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s));
            case BYTES -> s.toLowerCase(Locale.ROOT);
            case UUID -> s.toLowerCase(Locale.ROOT);
            case JSON -> tree(s);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> temporal(s);
            case ARRAY -> array(tree(s));
        };
    }

    /** The canonical form of a value in an export folder's JSONL line. */
    static Object actualJson(Kind kind, JsonNode n) {
        return switch (kind) {
            case BOOL -> n.isBoolean() ? Boolean.toString(n.booleanValue()) : "not a boolean: " + n;
            case INT, DECIMAL, TEXT, DATE, UUID -> n.isTextual() ? n.textValue() : n.toString();
            case FLOAT32 -> Float.toString(n.isTextual() ? Float.parseFloat(n.textValue()) : (float) n.doubleValue());
            case FLOAT64 -> Double.toString(n.isTextual() ? Double.parseDouble(n.textValue()) : n.doubleValue());
            case BYTES -> Target.base64ToHex(n.textValue());
            case JSON -> n;
            case TIME, TIMESTAMP, TIMESTAMPTZ -> temporal(n.textValue());
            case ARRAY -> array(n);
        };
    }

    /**
     * Differences between a source row and the row a target holds, one line each. Decimals: the same
     * number, and with a declared scale the exact text at that scale; unbounded decimals keep their own
     * text, except in MariaDB, which stores them as DECIMAL(65,30) (decant-mysql README), and in a created
     * SQLite column, which is NUMERIC and holds the number (decant-sqlite NativeTypes): the same number there.
     */
    static List<String> differences(long id, List<Col> cols, List<Object> source, Map<String, Object> target, Side to) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            Object want = expected(c.kind(), source.get(i));
            Object got = target.get(c.name());
            boolean same;
            if (c.kind() == Kind.DECIMAL && want != null && got != null) {
                same = new BigDecimal((String) want).compareTo(new BigDecimal((String) got)) == 0;
                if (to == Side.SQLITE) {
                    want = new BigDecimal((String) want).toPlainString();
                } else if (c.scale() != null) {
                    want = new BigDecimal((String) want).setScale(c.scale()).toPlainString();
                    same &= want.equals(got);
                } else if (to != Side.MARIADB) {
                    same &= want.equals(got);
                }
            } else {
                same = want == null ? got == null : want.equals(got);
            }
            if (!same) {
                out.add("id=" + id + " " + c.name() + ": expected " + show(want) + " but the target holds " + show(got));
            }
        }
        return out;
    }

    static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        String s = v.toString();
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 60; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        sb.append(s.length() > 60 ? "...' (" + s.length() + " chars)" : "'");
        return sb.toString();
    }

    /** ISO text without 'T', zone suffix (all instants here are UTC) or trailing fractional zeros. */
    static String temporal(String s) {
        String t = s.trim().replace('T', ' ');
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("+00:00")) {
            t = t.substring(0, t.length() - 6);
        } else if (t.endsWith("+00")) {
            t = t.substring(0, t.length() - 3);
        }
        if (t.contains(".")) {
            t = t.replaceAll("0+$", "");
            if (t.endsWith(".")) {
                t = t.substring(0, t.length() - 1);
            }
        }
        return t;
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + show(text), e);
        }
    }

    /** Element texts; numbers (or numeric strings: decimals in a folder) without trailing zeros. */
    static List<String> array(JsonNode n) {
        if (!n.isArray()) {
            return List.of("not an array: " + n);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (e.isNull()) {
                out.add(null);
            } else if (e.isNumber()) {
                out.add(new BigDecimal(e.asText()).stripTrailingZeros().toPlainString());
            } else {
                String t = e.asText();
                out.add(t.matches("-?\\d+(\\.\\d+)?") ? new BigDecimal(t).stripTrailingZeros().toPlainString() : t);
            }
        }
        return out;
    }
}
