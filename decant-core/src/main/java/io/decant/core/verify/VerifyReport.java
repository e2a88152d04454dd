package io.decant.core.verify;

import java.util.List;

/** The proof: per table counts and checksums, integrity checks, and the overall verdict. */
public record VerifyReport(String source, String target, Status status, boolean checksums, List<TableCheck> tables,
                           List<IntegrityCheck> integrity, double seconds) {
    public VerifyReport {
        tables = List.copyOf(tables);
        integrity = List.copyOf(integrity);
    }
}
