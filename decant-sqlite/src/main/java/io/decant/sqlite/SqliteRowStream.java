package io.decant.sqlite;

import io.decant.core.checksum.Canonical;
import io.decant.core.checksum.CanonicalBuffer;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.error.RowKeys;
import io.decant.core.spi.CanonicalRowStream;
import io.decant.core.transform.ConversionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Rows of one table from one read-only connection inside one read transaction, forward only. The
 * statement selects the requested columns and then any primary-key column not among them, so that
 * an error can name the row by its key; those extra columns are read only when a value fails.
 *
 * <p>For verify, {@link #nextCanonical} writes a row's checksum fields without making its values where
 * a value is the column's value as it is stored ({@link ColumnDecoder#readsAsIs}): an integer, a real,
 * a blob, and text whose bytes are well-formed UTF-8, from the driver's primitive or bytes; every other
 * value is decoded as {@link #next()} decodes it and then encoded, so it gives the same field or the
 * same error ({@code SqliteCanonicalReadIT} compares both ways on seeded random files).
 */
final class SqliteRowStream implements CanonicalRowStream {

    private final String table;
    private final List<ReadPlan.Item> items;
    private final ColumnDecoder[] decoders;
    private final int width;
    private final List<String> keyNames;
    private final int[] keyPositions;
    private final Connection connection;
    private PreparedStatement statement;
    private ResultSet rs;
    private long rows;
    private boolean closed;

    /**
     * The driver's statement handle, to read the current row's values in one call into the driver per
     * row rather than two locked calls per value; null with another driver.
     */
    private SafeStmtPtr direct;
    /** Whether the file stores text as UTF-8, so that a text value's bytes are its UTF-8 form. */
    private boolean utf8;
    /** The current row's values as the driver gives them, before each column's decoder. */
    private final Object[] stored;
    private final SafeStmtPtr.SafePtrConsumer<SQLException> readRow = this::readRow;

    /** The checksum field encoders of the columns, made on the first {@link #nextCanonical}. */
    private Canonical.FieldEncoder[] encoders;
    private CanonicalBuffer canonicalOut;
    private int[] canonicalEnds;
    private boolean[] canonicalDecode;
    private Object[] canonicalRow;
    /** The column and the driver's value being decoded by {@link #readCanonical}, for its error. */
    private int failedColumn;
    private Object failedRaw;
    private final SafeStmtPtr.SafePtrConsumer<SQLException> readCanonical = this::readCanonical;

    /** The table read from its pages rather than through the driver, or null. */
    private TablePages pages;

    private final int rowidColumn;
    private final String fingerprint;
    private long lastRowid;

    /**
     * @param file      the file read, and its page channel's lease, so that a table can be read from its pages
     *                  ({@link TablePages}); a null lease reads every row through the driver
     * @param rowidName a name the table's rowid can be selected by, or null for a table without rowid
     */
    SqliteRowStream(ReadPlan plan, Connection connection, Path file, PageFiles.Lease pageFile, String rowidName) {
        this(plan, connection, List.of(), null, file, pageFile, rowidName);
    }

    /**
     * @param parameters  the statement's parameters: the rowid to continue after, or a slice's rowid bounds
     * @param fingerprint with a plan that reads by rowid: the file's state, part of every position
     */
    SqliteRowStream(ReadPlan plan, Connection connection, List<Long> parameters, String fingerprint, Path file,
                    PageFiles.Lease pageFile, String rowidName) {
        this.rowidColumn = plan.rowidPosition() + 1;
        this.fingerprint = fingerprint;
        this.table = plan.table();
        this.items = plan.items();
        this.decoders = plan.items().stream().map(ReadPlan.Item::decoder).toArray(ColumnDecoder[]::new);
        this.width = decoders.length;
        this.stored = new Object[width];
        this.keyNames = plan.keyNames();
        this.keyPositions = plan.keyPositions();
        this.connection = connection;
        try {
            connection.setAutoCommit(false); // one read transaction: one snapshot of this table
            statement = connection.prepareStatement(plan.sql());
            for (int p = 0; p < parameters.size(); p++) {
                statement.setLong(p + 1, parameters.get(p));
            }
            rs = statement.executeQuery(); // its first step takes the shared lock the pages are read under
            direct = statement instanceof CoreStatement core ? core.pointer : null;
            utf8 = direct != null && isUtf8(connection);
            if (utf8 && pageFile != null) {
                long[] bounds = bounds(plan.bounds(), parameters);
                if (bounds != null) {
                    pages = TablePages.open(pageFile, file, connection, table, plan.select(), plan.casts(),
                            bounds[0] == Long.MIN_VALUE ? null : bounds[0], bounds[1] == Long.MAX_VALUE ? null : bounds[1],
                            rowidName);
                }
            }
        } catch (SQLException e) {
            close();
            throw SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("read").withTable(table), "reading " + table);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The least rowid to read and the rowid to stop before ({@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} for
     * none), from the statement's parameters; null where these two numbers cannot say it (a bound at
     * {@code Long.MAX_VALUE}), and the driver reads the rows.
     */
    private static long[] bounds(ReadPlan.Bounds kind, List<Long> p) {
        return switch (kind) {
            case NONE -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            case AFTER -> p.get(0) == Long.MAX_VALUE ? null : new long[] {p.get(0) + 1, Long.MAX_VALUE};
            case LOW -> new long[] {p.get(0), Long.MAX_VALUE};
            case HIGH -> p.get(0) == Long.MAX_VALUE ? null : new long[] {Long.MIN_VALUE, p.get(0)};
            case LOW_HIGH -> p.get(1) == Long.MAX_VALUE ? null : new long[] {p.get(0), p.get(1)};
        };
    }

    /** Whether the rows come from the table's pages ({@link TablePages}) rather than through the driver. */
    boolean readsPages() {
        return pages != null;
    }

    /** A value error leaves the cursor after its row, so {@code --on-error reject} can go on reading. */
    @Override
    public boolean skipsBadRows() {
        return true;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        int i = 0;
        Object raw = null;
        try {
            if (pages != null) {
                if (!pages.next()) {
                    close();
                    return null;
                }
                if (rowidColumn > 0) {
                    lastRowid = pages.rowid();
                }
                for (int c = 0; c < width; c++) {
                    stored[c] = pages.value(c);
                }
            } else if (!rs.next()) {
                close();
                return null;
            } else if (direct != null) {
                direct.safeRunConsume(readRow);
            } else {
                if (rowidColumn > 0) {
                    lastRowid = rs.getLong(rowidColumn);
                }
                for (int c = 0; c < width; c++) {
                    stored[c] = rs.getObject(c + 1);
                }
            }
            Object[] row = new Object[width];
            for (; i < width; i++) {
                raw = stored[i];
                if (raw != null) {
                    row[i] = decoders[i].decode(raw);
                }
            }
            rows++;
            return row;
        } catch (ConversionException e) {
            throw failedValue(i, raw, e);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /**
     * The current row's values as the driver's getObject gives them (Integer or Long, Double, String,
     * byte[], null), read straight from the statement: its type, then its value, per column.
     */
    private void readRow(DB db, long stmt) throws SQLException {
        if (rowidColumn > 0) {
            lastRowid = db.column_long(stmt, rowidColumn - 1);
        }
        for (int c = 0; c < width; c++) {
            stored[c] = switch (db.column_type(stmt, c)) {
                case Codes.SQLITE_INTEGER -> {
                    long v = db.column_long(stmt, c);
                    yield v == (int) v ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
                }
                case Codes.SQLITE_FLOAT -> db.column_double(stmt, c);
                // A text value's bytes, decoded here: cheaper than the driver's decoding of a direct buffer.
                case Codes.SQLITE_TEXT -> utf8 ? new String(db.column_blob(stmt, c), StandardCharsets.UTF_8)
                        : db.column_text(stmt, c);
                case Codes.SQLITE_BLOB -> db.column_blob(stmt, c);
                default -> null;
            };
        }
    }

    @Override
    public Object[] nextCanonical(CanonicalBuffer out, int[] ends, boolean[] decode) {
        if (closed) {
            return null;
        }
        if (encoders == null) {
            encoders = new Canonical.FieldEncoder[width];
            for (int c = 0; c < width; c++) {
                encoders[c] = Canonical.encoderFor(decoders[c].type());
            }
        }
        if (pages != null) {
            return pagesCanonical(out, ends, decode);
        }
        if (direct == null || !utf8) {
            return canonicalOf(next(), out, ends, decode);
        }
        Object[] row = new Object[width];
        canonicalOut = out;
        canonicalEnds = ends;
        canonicalDecode = decode;
        canonicalRow = row;
        failedColumn = -1;
        try {
            if (!rs.next()) {
                close();
                return null;
            }
            direct.safeRunConsume(readCanonical);
            rows++;
            return row;
        } catch (ConversionException e) {
            throw failedValue(failedColumn, failedRaw, e);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /**
     * The next row's checksum fields from the table's pages: as {@link #readCanonical} does with the driver's
     * values, a value the column takes as it is stored is hashed from its primitive or its bytes in the page,
     * and any other value (or one asked for in {@code decode}) is made as {@link #next()} makes it, then encoded.
     */
    private Object[] pagesCanonical(CanonicalBuffer out, int[] ends, boolean[] decode) {
        Object[] row = new Object[width];
        failedColumn = -1;
        try {
            if (!pages.next()) {
                close();
                return null;
            }
            if (rowidColumn > 0) {
                lastRowid = pages.rowid();
            }
            for (int c = 0; c < width; c++) {
                ColumnDecoder d = decoders[c];
                boolean plain = !decode[c];
                Object raw = switch (pages.storage(c)) {
                    case Codes.SQLITE_NULL -> null;
                    case Codes.SQLITE_INTEGER -> integerField(pages.integer(c), plain && d.readsAsIs(StorageClass.INTEGER), out);
                    case Codes.SQLITE_FLOAT -> realField(pages.real(c), plain && d.readsAsIs(StorageClass.REAL), out);
                    case Codes.SQLITE_TEXT -> textField(pages.record(), pages.offset(c), pages.length(c),
                            plain && d.readsAsIs(StorageClass.TEXT), out);
                    case Codes.SQLITE_BLOB -> blobField(pages.record(), pages.offset(c), pages.length(c),
                            plain && d.readsAsIs(StorageClass.BLOB), out);
                    default -> pages.value(c);
                };
                endField(c, raw, plain, out, ends, row);
            }
            rows++;
            return row;
        } catch (ConversionException e) {
            throw failedValue(failedColumn, failedRaw, e);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** The general way: a row as {@link #next()} decoded it, encoded field by field. */
    private Object[] canonicalOf(Object[] row, CanonicalBuffer out, int[] ends, boolean[] decode) {
        if (row == null) {
            return null;
        }
        for (int c = 0; c < width; c++) {
            Object v = row[c];
            if (v == null) {
                Canonical.writeNull(out);
            } else {
                encoders[c].encode(v, out);
                if (!decode[c]) {
                    row[c] = NOT_DECODED;
                }
            }
            ends[c] = out.size();
        }
        return row;
    }

    /**
     * The current row's checksum fields, read straight from the statement. A value the column takes as it
     * is stored is hashed from the driver's primitive or bytes (text only when its bytes are well-formed
     * UTF-8, the bytes its String would encode back to); any other value, and any value asked for in
     * {@code decode}, is made as {@link #readRow} and the decoder make it, then encoded.
     */
    private void readCanonical(DB db, long stmt) throws SQLException {
        CanonicalBuffer out = canonicalOut;
        if (rowidColumn > 0) {
            lastRowid = db.column_long(stmt, rowidColumn - 1);
        }
        for (int c = 0; c < width; c++) {
            ColumnDecoder d = decoders[c];
            boolean plain = !canonicalDecode[c];
            Object raw = switch (db.column_type(stmt, c)) {
                case Codes.SQLITE_INTEGER -> integerField(db.column_long(stmt, c), plain && d.readsAsIs(StorageClass.INTEGER), out);
                case Codes.SQLITE_FLOAT -> realField(db.column_double(stmt, c), plain && d.readsAsIs(StorageClass.REAL), out);
                case Codes.SQLITE_TEXT -> {
                    byte[] b = db.column_blob(stmt, c);
                    yield textField(b, 0, b.length, plain && d.readsAsIs(StorageClass.TEXT), out);
                }
                case Codes.SQLITE_BLOB -> {
                    byte[] b = db.column_blob(stmt, c);
                    yield blobField(b, 0, b.length, plain && d.readsAsIs(StorageClass.BLOB), out);
                }
                default -> null;
            };
            endField(c, raw, plain, out, canonicalEnds, canonicalRow);
        }
    }

    /** What a value's field helper returns when it wrote the field from the value as stored. */
    private static final Object WRITTEN = new Object();

    /** An integer's field, written as stored when the column takes it so ({@link #WRITTEN}); else the value to decode. */
    private static Object integerField(long v, boolean asIs, CanonicalBuffer out) {
        if (asIs) {
            Canonical.writeNumber(v, 0, out);
            return WRITTEN;
        }
        return v == (int) v ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
    }

    /** A real's field, as {@link #integerField}. */
    private static Object realField(double v, boolean asIs, CanonicalBuffer out) {
        if (asIs) {
            Canonical.writeFloat(v, out);
            return WRITTEN;
        }
        return v;
    }

    /**
     * A text value's field from its UTF-8 bytes: written as they are only when they are well-formed UTF-8 (the bytes
     * its String would encode back to); else the String, as {@link #readRow} makes it, to decode.
     */
    private static Object textField(byte[] b, int off, int len, boolean asIs, CanonicalBuffer out) {
        if (asIs && Canonical.isWellFormedUtf8(b, off, len)) {
            Canonical.writeUtf8Text(b, off, len, out);
            return WRITTEN;
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** A blob's field, as {@link #integerField}; the value to decode is its bytes (copied out of a larger array). */
    private static Object blobField(byte[] b, int off, int len, boolean asIs, CanonicalBuffer out) {
        if (asIs) {
            Canonical.writeBytes(b, off, len, out);
            return WRITTEN;
        }
        return off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
    }

    /**
     * Ends field {@code c} of a row read for its checksum: NULL (null), a field a helper wrote ({@link #WRITTEN}),
     * or a value decoded as {@link #next()} decodes it, then encoded; the row gets the value where {@code plain}
     * is false, else {@link #NOT_DECODED}. The column and value are kept for the error if the decoder refuses it.
     */
    private void endField(int c, Object raw, boolean plain, CanonicalBuffer out, int[] ends, Object[] row) {
        if (raw == null) {
            Canonical.writeNull(out);
        } else if (raw == WRITTEN) {
            row[c] = NOT_DECODED;
        } else {
            failedColumn = c;
            failedRaw = raw;
            Object v = decoders[c].decode(raw);
            encoders[c].encode(v, out);
            row[c] = plain ? NOT_DECODED : v;
        }
        ends[c] = out.size();
    }

    private static boolean isUtf8(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA encoding")) {
            return r.next() && "UTF-8".equalsIgnoreCase(r.getString(1));
        }
    }

    /**
     * The error of a value that did not convert; counts its row, since the cursor is past it and the
     * next call reads the one after it.
     */
    private DecantException failedValue(int i, Object raw, ConversionException e) {
        DecantException error = valueError(i, raw, e);
        rows++;
        return error;
    }

    /** A failure of the driver while reading the next row. */
    private DecantException readFailure(SQLException e) {
        return SqliteErrors.wrap(e, ErrorContext.EMPTY.withPhase("read").withTable(table).withRow(rows + 1, null),
                "reading " + table);
    }

    private DecantException valueError(int i, Object raw, ConversionException e) {
        ReadPlan.Item item = items.get(i);
        StorageClass sc = StorageClass.of(raw);
        String declared = item.declared().isEmpty() ? "without declared type" : "declared " + item.declared();
        ErrorContext ctx = ErrorContext.EMPTY.withPhase("read").withTable(table).withColumn(item.name())
                .withRow(rows + 1, rowKey()).withValue(raw).withRule(e.rule());
        return new DecantException(e.code(), ctx, e.getMessage() + "; the value's storage class was "
                + sc.name() + ", in a column " + declared + " read as " + item.decoder().type());
    }

    /** {@code id=887}, or {@code a=1, b=x} for a composite key; null when the table has no key. */
    private String rowKey() {
        if (keyNames.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int k = 0; k < keyNames.size(); k++) {
                RowKeys.append(sb, keyNames.get(k),
                        pages != null ? pages.value(keyPositions[k]) : rs.getObject(keyPositions[k] + 1));
            }
        } catch (SQLException e) {
            return null; // the key is a courtesy in a message that is already being built
        }
        return sb.toString();
    }

    /** {@code <rowid> <file state>}: see {@link SqliteSource#readFrom}. */
    @Override
    public String position() {
        return rowidColumn > 0 ? lastRowid + " " + fingerprint : null;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pages != null) {
            pages.close();
        }
        SqliteConnector.close(rs);
        SqliteConnector.close(statement);
        try {
            connection.rollback(); // a read transaction: nothing to keep, and it releases the shared lock
        } catch (SQLException ignored) {
            // the connection is closed next either way
        }
        SqliteConnector.close(connection);
    }
}
