package io.decant.core.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Name-based UUIDs, version 5 (RFC 4122 section 4.3, SHA-1): the same namespace and name give the same UUID everywhere. */
public final class Uuid5 {
    /** RFC 4122 appendix C. */
    public static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    public static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    /**
     * decant's namespace when the spec gives none: uuid5(NAMESPACE_URL, "https://decant.io/ns/ids").
     * Written out rather than computed so that no refactoring can change every user's ids.
     */
    public static final UUID DECANT_NAMESPACE = UUID.fromString("5560e7a0-49f5-57f8-ab0f-15af8b7e2706");

    private Uuid5() {
    }

    public static UUID of(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0F) | 0x50);
        h[8] = (byte) ((h[8] & 0x3F) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The name decant hashes for a row: {@code table + ":" + the canonical text of the old id}. */
    public static String nameFor(String table, Object oldId) {
        return table + ":" + KeyValues.text(KeyValues.canonical(oldId));
    }
}
