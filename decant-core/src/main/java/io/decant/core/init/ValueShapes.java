package io.decant.core.init;

import io.decant.core.schema.Column;
import io.decant.core.transform.TextParsers;
import io.decant.core.type.Kind;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What the sampled values of a column say its type should be when decant creates the target table:
 * text that is always a UUID, an ISO time or a JSON object or array, and 0/1 integers in a column
 * named as a flag. Only a column whose every sampled value fits is proposed, with the reason.
 */
final class ValueShapes {
    private ValueShapes() {
    }

    /** {cast, reason} or null. */
    static String[] createdCast(Column c, List<Object> sample) {
        if (!c.isSupported() || sample.isEmpty()) {
            return null;
        }
        int n = sample.size();
        if (c.type().kind() == Kind.TEXT) {
            if (CastGuess.allUuids(sample)) {
                return new String[] {"uuid", n + " sampled values: UUID-shaped text"};
            }
            if (all(sample, v -> TextParsers.parseInstant(v, ZoneOffset.UTC)) && sample.stream().allMatch(v -> ((String) v).length() > 10)) {
                return new String[] {"timestamptz", n + " sampled values: ISO times (naive ones read as UTC)"};
            }
            if (all(sample, v -> TextParsers.parseJson(v)) && sample.stream().allMatch(v -> {
                String s = ((String) v).strip();
                return s.startsWith("{") || s.startsWith("[");
            })) {
                return new String[] {"jsonb", n + " sampled values: JSON objects or arrays"};
            }
        }
        if (c.type().kind().isInteger() && looksLikeFlag(c.name())
                && sample.stream().allMatch(v -> ((Number) v).longValue() == 0 || ((Number) v).longValue() == 1)) {
            return new String[] {"boolean", n + " sampled values: only 0 and 1, and a flag's name"};
        }
        return null;
    }

    /**
     * How a value looks without what it says, for the spec's comments (a spec is shared; its data may be personal):
     * letters become {@code a} or {@code A}, digits {@code 9}, the rest stays; {@code '$1,234.50'} is shown as
     * {@code '$9,999.99'}, {@code usr_00007} as {@code aaa_99999}. At most 40 characters.
     */
    static String shape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < text.length() && n < 40; n++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                out.append('9');
            } else if (Character.isUpperCase(cp)) {
                out.append('A');
            } else if (Character.isLetter(cp)) {
                out.append('a');
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.append(text.codePointCount(0, text.length()) > 40 ? "...'" : "'").toString();
    }

    private static boolean looksLikeFlag(String name) {
        String k = Names.key(name);
        return k.startsWith("is") || k.startsWith("has") || k.startsWith("can") || k.endsWith("enabled")
                || k.endsWith("active") || k.endsWith("approved") || k.endsWith("accepted") || k.endsWith("verified")
                || k.endsWith("completed") || k.endsWith("deleted") || k.endsWith("flag") || k.equals("done");
    }

    private interface Parse {
        Object parse(String s);
    }

    private static boolean all(List<Object> sample, Parse p) {
        for (Object v : sample) {
            if (!(v instanceof String s)) {
                return false;
            }
            try {
                p.parse(s);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
