package io.decant.files.folder;

import io.decant.core.schema.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Data file names for tables. A table name is user data: it may hold slashes, {@code ..}, spaces,
 * control characters or be 200 characters long. Letters, digits, {@code _} and {@code -} are kept
 * (so {@code users} stays {@code users.jsonl} as the FreshTrack scripts wrote it); every other
 * character is percent-encoded over its UTF-8 bytes, which is deterministic and reversible. The
 * manifest records every file name, so readers never decode names; the encoding only has to be
 * safe and collision-free. A schema-qualified table is {@code schema.name}: the dot cannot come
 * from inside a name, because a dot inside a name is encoded as {@code %2E}.
 */
public final class FileNames {
    /** Most file systems allow 255 bytes; leave room for {@code .00001.jsonl.tmp} and a leading dot. */
    private static final int MAX_BASE = 200;

    private FileNames() {
    }

    /** {@code auth.users}, {@code users}, {@code a%2Fb}. */
    static String base(TableId id) {
        String base = id.schema() == null ? escape(id.name()) : escape(id.schema()) + "." + escape(id.name());
        if (base.length() <= MAX_BASE) {
            return base;
        }
        // Too long for a file system: keep a readable prefix and make it unique with a hash of the full name.
        return base.substring(0, MAX_BASE - 17) + "~" + sha256Hex(id.display()).substring(0, 16);
    }

    static String escape(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        if (sb.length() == 0) {
            return "%";  // an empty table name still needs a file; '%' alone cannot come from escaping
        }
        return sb.toString();
    }

    /** Single-file data file: {@code users.jsonl}. */
    static String single(String base, Format format) {
        return base + "." + format.extension();
    }

    /** Part {@code n} (1-based) of a split table: {@code users.00001.jsonl}. */
    static String part(String base, int n, Format format) {
        return base + "." + String.format(Locale.ROOT, "%05d", n) + "." + format.extension();
    }

    /** Where a file is written before commit: hidden, and never mistaken for data. */
    static String temp(String finalName) {
        return "." + finalName + ".tmp";
    }

    /** The key two names collide on when the file system ignores case (macOS, Windows). */
    static String foldedKey(String base) {
        return base.toLowerCase(Locale.ROOT);
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
