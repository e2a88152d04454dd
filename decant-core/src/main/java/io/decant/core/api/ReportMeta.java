package io.decant.core.api;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * What a verification report was made with, so a reviewer can tell which run it proves: decant's
 * version, when (UTC), the spec by its hash (not its text: a spec may hold a URL with a password),
 * and the id mapping file by its path. Paths and a hash only: nothing here can carry a secret.
 *
 * @param specHash {@code sha256:<hex>} of the spec file's bytes, or null without --spec
 * @param mapping  the id mapping file verify read, or null when it read none
 */
public record ReportMeta(String version, String time, String specHash, String mapping) {

    public static ReportMeta of(Path spec, Path mapping) {
        return new ReportMeta(io.decant.core.Decant.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                spec == null ? null : sha256(spec), mapping == null ? null : mapping.toString());
    }

    private static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not read the spec " + file + " to record its hash in the"
                    + " report: " + e.getMessage() + "; check that it is still there, or drop --report");
        } catch (NoSuchAlgorithmException e) {
            throw DecantException.internal("SHA-256 is missing from this JVM", e);
        }
    }
}
