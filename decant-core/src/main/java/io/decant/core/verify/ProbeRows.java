package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.RowKeys;
import io.decant.core.schema.Column;
import java.util.ArrayList;
import java.util.List;

/** What the integrity probes share about rows: column positions, NULL keys, key hashes and naming values. */
final class ProbeRows {
    private ProbeRows() {
    }

    static int[] indexes(List<String> subset, List<String> names) {
        return subset.stream().mapToInt(names::indexOf).toArray();
    }

    static boolean anyNull(Object[] row, int[] idx) {
        for (int i : idx) {
            if (row[i] == null) {
                return true;
            }
        }
        return false;
    }

    static RowHasher hasher(List<String> key, List<String> names, List<Column> cols) {
        return new RowHasher(cols.stream().map(Column::type).toList(), indexes(key, names));
    }

    /** {@code name=value, ...}: values truncated like every value in a message, secret columns redacted. */
    static String describe(Object[] values, List<String> labels, List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            RowKeys.append(sb, labels.get(i), columns.get(i), values[i], false);
        }
        return sb.toString();
    }

    /** The offending rows of a check that names rows as it reads them (NULLs, orphans): counted, some named. */
    static final class Hits {
        private final int maxExamples;
        private final int[] idx;
        private final List<String> columns;
        private final List<String> examples = new ArrayList<>();
        private long count;

        /** @param idx positions of {@code columns}, the values that name an offending row */
        Hits(int maxExamples, int[] idx, List<String> columns) {
            this.maxExamples = maxExamples;
            this.idx = idx;
            this.columns = columns;
        }

        void hit(Object[] row) {
            count++;
            if (examples.size() < maxExamples) {
                Object[] values = new Object[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    values[i] = row[idx[i]];
                }
                examples.add(describe(values, columns, columns));
            }
        }

        long count() {
            return count;
        }

        List<String> examples() {
            return examples;
        }
    }
}
