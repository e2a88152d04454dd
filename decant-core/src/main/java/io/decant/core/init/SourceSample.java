package io.decant.core.init;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of a source table, as the values init judges casts by: per column, its non-NULL values
 * in the Java representation of its logical type. Columns decant cannot represent are not read.
 */
final class SourceSample {
    private SourceSample() {
    }

    /** @param values by column index of the table; {@code rows} how many rows were read */
    record Sampled(List<Object>[] values, long rows) {
    }

    @SuppressWarnings("unchecked")
    static Sampled first(SourceDatabase source, Table t, long limit) {
        List<Object>[] values = new List[t.columns().size()];
        List<Column> readable = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            values[i] = new ArrayList<>();
            if (t.columns().get(i).isSupported()) {
                readable.add(t.columns().get(i));
                at.add(i);
            }
        }
        if (readable.isEmpty() || limit <= 0) {
            return new Sampled(values, 0);
        }
        long n = 0;
        try (RowStream rows = source.read(t, readable)) {
            Object[] row;
            while (n < limit && (row = rows.next()) != null) {
                n++;
                for (int k = 0; k < row.length; k++) {
                    if (row[k] != null) {
                        values[at.get(k)].add(row[k]);
                    }
                }
            }
        }
        return new Sampled(values, n);
    }
}
