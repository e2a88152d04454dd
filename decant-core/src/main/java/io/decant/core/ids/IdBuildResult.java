package io.decant.core.ids;

import java.util.List;

/**
 * One table's mapping and how it came about.
 *
 * @param sourceRows      rows of the source table read
 * @param reused          entries taken from a previous run (mapping file or journal), not made again
 * @param created         entries made by this run
 * @param unmatched       source rows left without a new id ({@code match}, {@code file}); the orphan
 *                        policy decides what happens to them and to the rows that reference them
 * @param unmatchedSample the first few of those old ids, as text
 * @param warnings        things a user should read, such as file entries whose old id is not in the source
 */
public record IdBuildResult(IdMap map, long sourceRows, long reused, long created, long unmatched,
                            List<String> unmatchedSample, List<String> warnings) {
    public static final int SAMPLE = 10;

    public IdBuildResult {
        unmatchedSample = List.copyOf(unmatchedSample);
        warnings = List.copyOf(warnings);
    }
}
