package io.decant.files.convex;

import io.decant.core.error.DecantException;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of a folder written for {@code npx convex import} ({@code convex:DIR}). They are
 * recorded in manifest.json under {@code "convex"}, so that decant reads the folder back with the
 * same rules ({@code verify --to convex:DIR}) whatever URL or settings the reader was given.
 *
 * <p>The rules that are not settings, because Convex leaves no choice:
 * <ul>
 *   <li>int64 is a JSON number when |v| <= 2^53 and a data error naming the row beyond: a JSON
 *       number in an import becomes a Convex float64 ({@code v.number()}), which is exact only up to
 *       2^53, and the JSONL import has no spelling for a Convex int64 ({@code v.int64()}, a bigint);
 *       a string would change the field's type behind the user's back. Cast such a column to
 *       {@code text} in the spec if strings are what the app wants.</li>
 *   <li>float NaN and infinities are a data error: JSON cannot spell them as numbers.</li>
 *   <li>decimals are strings (a float64 would round them; use {@code cast: cents} for money), bytes
 *       base64 strings, dates, times and timestamps ISO 8601 strings (use {@code cast: epoch_ms} for
 *       numbers), uuids strings, JSON documents embedded, arrays arrays.</li>
 *   <li>table names are Convex identifiers (a letter, then letters, digits, {@code _}; at most 64);
 *       top-level field names are non-empty printable ASCII, at most 1024 characters, and start
 *       with neither {@code $} nor {@code _} (Convex's system fields {@code _id},
 *       {@code _creationTime}); arrays hold at most 8192 elements.</li>
 * </ul>
 *
 * @param nulls how SQL NULL is written
 */
public record ConvexRules(Nulls nulls) {

    /** How SQL NULL is written; the setting {@code nulls}, or {@code convex:DIR?nulls=null}. */
    public enum Nulls {
        /**
         * The field is left out of the document: Convex reads a missing field as {@code undefined},
         * which a {@code v.optional(...)} validator accepts. The default, because that is how
         * Convex schemas say "may be absent", and because it keeps SQL NULL apart from a JSON
         * document that is the literal {@code null} (written as {@code null}).
         */
        OMIT,
        /**
         * The field is written as {@code null}, for schemas that declare
         * {@code v.union(v.x(), v.null())}. A JSON document that is the literal {@code null} is
         * then refused, because it would read back as SQL NULL.
         */
        NULL;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Nulls parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "omit", "omitted", "undefined" -> OMIT;
                case "null" -> NULL;
                default -> throw DecantException.usage("unknown convex nulls rule '" + s + "'; use omit (leave the field "
                        + "out, for v.optional) or null (write null, for v.null())");
            };
        }
    }

    static final ConvexRules DEFAULT = new ConvexRules(Nulls.OMIT);

    /** The rules a writer asked for: URL options win over settings, settings over the defaults. */
    public static ConvexRules from(Map<String, String> urlOptions, Map<String, String> settings) {
        for (String key : urlOptions.keySet()) {
            if (!key.equals("nulls")) {
                throw DecantException.usage("unknown convex: URL option '" + key + "'; known: nulls=omit|null");
            }
        }
        String nulls = urlOptions.getOrDefault("nulls", settings.get("nulls"));
        return nulls == null ? DEFAULT : new ConvexRules(Nulls.parse(nulls));
    }

    public boolean omitNulls() {
        return nulls == Nulls.OMIT;
    }
}
