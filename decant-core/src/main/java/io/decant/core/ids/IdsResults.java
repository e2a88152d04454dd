package io.decant.core.ids;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The results of {@code decant ids build|show|lookup}: records for the CLI to render as text or JSON. */
public final class IdsResults {
    private IdsResults() {
    }

    /** One table of {@code ids build}. */
    public record TableBuilt(String table, String strategy, String key, long sourceRows, long entries, long created,
                             long reused, long unmatched, List<String> unmatchedSample, List<String> warnings) {
        static TableBuilt of(IdBuildResult r) {
            IdMap m = r.map();
            return new TableBuilt(m.table(), m.strategy().spelling(), m.keyColumn(), r.sourceRows(), m.size(), r.created(),
                    r.reused(), r.unmatched(), r.unmatchedSample(), r.warnings());
        }
    }

    public record Build(Path file, Instant generatedAt, Instant retainUntil, List<TableBuilt> tables, List<String> warnings) {
        public Build {
            tables = List.copyOf(tables);
            warnings = List.copyOf(warnings);
        }
    }

    /** One table of {@code ids show}; {@code strategy} is {@code null} for a foreign file that does not say. */
    public record TableShown(String table, String strategy, String key, String oldType, String newType, int entries) {
    }

    public record Show(Path file, String layout, Instant generatedAt, Instant retainUntil, boolean retentionPassed,
                       List<TableShown> tables) {
        public Show {
            tables = List.copyOf(tables);
        }
    }

    /**
     * One hit of {@code ids lookup}.
     *
     * @param matchedBy {@code old}, {@code new}, or the extra field that matched ({@code email})
     */
    public record Hit(String table, String matchedBy, String oldId, String newId, Map<String, String> extras, Instant migratedAt) {
    }

    public record Lookup(Path file, String value, List<Hit> hits) {
        public Lookup {
            hits = List.copyOf(hits);
        }
    }
}
