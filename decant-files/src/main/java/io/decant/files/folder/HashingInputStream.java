package io.decant.files.folder;

import io.decant.files.json.SeeingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and SHA-256-hashes the bytes read through it, so a file is verified in the same pass that decodes it. */
final class HashingInputStream extends SeeingInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long bytes;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            bytes += n;
        }
        return n;
    }



    long bytes() {
        return bytes;
    }

    /** The hex digest; call once, at the end. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
