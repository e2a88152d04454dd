package io.decant.core.init;

import io.decant.core.convert.TextParsers;
import io.decant.core.schema.Column;
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
