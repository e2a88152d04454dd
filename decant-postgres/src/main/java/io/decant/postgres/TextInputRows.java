package io.decant.postgres;

import io.decant.core.error.ErrorContext;
import io.decant.core.schema.Column;
import io.decant.core.transform.ConversionException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a sink with at least one column whose text the target reads with the type's own input
 * ({@link PgTextInput}): they wait here, a batch at a time, so that each such column is converted in
 * one query per batch on a connection of its own (the sink's is inside its COPY), then go to the COPY
 * in their order. A value the target refuses is converted again alone, so the error names its row.
 */
final class TextInputRows {
    static final int BATCH = 1000;

    /** Where the rows of a batch go once converted, in their order. */
    interface Out {
        void write(Object[] row);

        /** The row's value in {@code column} was refused; {@code e} says why. */
        void refuse(ConversionException e, Object[] row, int column);
    }

    /** A value already in the target type's binary form. */
    record Raw(byte[] bytes, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Writes a {@link Raw} value as it is. */
    static void encodeRaw(Object v, CopyBuffer out) {
        byte[] b = ((Raw) v).bytes();
        out.writeInt(b.length);
        out.writeBytes(b, 0, b.length);
    }

    private final PgTextInput[] inputs;
    private final PgConnector connector;
    private final List<Column> columns;
    private final ErrorContext context;
    private List<Object[]> pending = new ArrayList<>(BATCH);
    /** The connection that runs the conversions, opened on first use. */
    private Connection side;

    /** Per column, the route of text into its type, or null; null when no column needs one. */
    static TextInputRows of(PgTextInput[] inputs, PgConnector connector, List<Column> columns, ErrorContext context) {
        for (PgTextInput i : inputs) {
            if (i != null) {
                return new TextInputRows(inputs, connector, columns, context);
            }
        }
        return null;
    }

    private TextInputRows(PgTextInput[] inputs, PgConnector connector, List<Column> columns, ErrorContext context) {
        this.inputs = inputs;
        this.connector = connector;
        this.columns = columns;
        this.context = context;
    }

    /** Keeps a copy of the row; true when the batch is full and should be drained. */
    boolean add(Object[] row) {
        pending.add(row.clone());
        return pending.size() >= BATCH;
    }

    /** Converts the pending rows' text-input columns in one query per column, then hands the rows over in order. */
    void drain(Out out) {
        if (pending.isEmpty()) {
            return;
        }
        List<Object[]> batch = pending;
        pending = new ArrayList<>(BATCH);
        Object[] failure = new Object[batch.size()]; // per row: the ConversionException of its first refused value
        int[] failedColumn = new int[batch.size()];
        for (int col = 0; col < inputs.length; col++) {
            if (inputs[col] != null) {
                convertColumn(batch, col, failure, failedColumn);
            }
        }
        for (int r = 0; r < batch.size(); r++) {
            Object[] row = batch.get(r);
            if (failure[r] != null) {
                out.refuse((ConversionException) failure[r], row, failedColumn[r]);
            } else {
                out.write(row);
            }
        }
    }

    private void convertColumn(List<Object[]> batch, int col, Object[] failure, int[] failedColumn) {
        PgTextInput input = inputs[col];
        List<Integer> at = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            if (batch.get(r)[col] != null && failure[r] == null) {
                at.add(r);
            }
        }
        if (at.isEmpty()) {
            return;
        }
        String[] texts = new String[at.size()];
        for (int k = 0; k < texts.length; k++) {
            texts[k] = (String) batch.get(at.get(k))[col];
        }
        try {
            if (side == null) {
                side = connector.open();
            }
            byte[][] bytes;
            try {
                bytes = input.convert(side, texts);
            } catch (SQLException refused) {
                bytes = null;
            }
            for (int k = 0; k < texts.length; k++) {
                int r = at.get(k);
                byte[] b = bytes != null ? bytes[k] : null;
                if (b == null) {
                    try {
                        b = input.convertOne(side, texts[k]);
                    } catch (SQLException e) {
                        if (!PgErrors.refusesRow(e)) {
                            throw e;
                        }
                        failure[r] = ConversionException.invalid("the target's " + input.typeName + " input",
                                ErrorContext.preview(texts[k]) + " is not a valid " + input.typeName
                                        + ": " + PgErrors.describe(e));
                        failedColumn[r] = col;
                        continue;
                    }
                }
                batch.get(r)[col] = new Raw(b, texts[k]);
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, context.withColumn(columns.get(col).name()), "reading text into " + input.typeName);
        }
    }

    /** Closes the conversions' connection, if one was opened. */
    void close() {
        PgConnector.closeQuietly(side);
    }
}
