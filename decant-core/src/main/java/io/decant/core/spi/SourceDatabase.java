package io.decant.core.spi;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.List;

/** A database or folder that rows are read from. */
public interface SourceDatabase extends Endpoint {
    /** The exact number of rows of {@code table}. */
    long countRows(Table table);

    /**
     * Streams the rows of {@code table}. Each row holds, in the order of {@code columns}, values in
     * the Java representation of each column's logical type ({@link io.decant.core.type.Kind}),
     * or {@code null}. The conversion for each column is fixed when the stream is opened.
     * A value that cannot be represented is a {@link io.decant.core.error.DecantException} naming
     * table, row and column.
     */
    RowStream read(Table table, List<Column> columns);

    /** What consistency a multi-table read gives, for {@code plan}: e.g. "one snapshot for all tables". */
    default String consistency() {
        return "none: tables are read one after another without a common snapshot";
    }
}
