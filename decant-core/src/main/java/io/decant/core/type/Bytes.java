package io.decant.core.type;

import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string; the Java representation of {@link Kind#BYTES}. */
public final class Bytes {
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Takes ownership of {@code data}: the caller must not change it afterwards. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes fromBase64(String s) {
        return new Bytes(Base64.getDecoder().decode(s));
    }

    public int length() {
        return data.length;
    }

    /** The bytes themselves, not a copy: callers must not change them. */
    public byte[] unsafeArray() {
        return data;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "<" + data.length + " bytes>";
    }
}
