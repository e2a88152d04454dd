package io.decant.sqlite;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rowid table's rows read from the file's own pages in Java, in rowid order, giving each selected
 * column's value exactly as the driver's getters would for the same statement: an {@code Integer} or
 * {@code Long}, a {@code Double}, a {@code String} (UTF-8 decoded as {@code new String} decodes it) or
 * a {@code byte[]}, or null.
 *
 * <p>Why: through the driver every row costs a {@code sqlite3_step} and two JNI calls per value, which
 * made the SQLite reader the slowest part of a load into PostgreSQL and of verify ("Load path CPU per
 * row" and "Verify per-row work" in docs/benchmarks.md). Reading a table b-tree is a small, fixed part of
 * SQLite's documented file format (https://www.sqlite.org/fileformat2.html, sections 1.6, 2.1 and 2.3):
 * interior pages hold child page numbers, leaf pages hold (rowid, record) cells, a record is a header of
 * serial types followed by the values, and a long record continues on a chain of overflow pages.
 *
 * <p>Used only where it gives the same rows as SQLite and otherwise declined ({@link #open} returns null and the
 * stream reads through the driver): the file must be UTF-8, in rollback-journal mode or in WAL mode with an
 * empty or absent log (so that the file itself holds every committed page), the table a rowid table (its root a
 * table b-tree page) without generated columns, and every selected item a column, the rowid, or a column as text
 * ({@code CAST(c AS TEXT)}, how a column the spec reads {@code as_text} is read). The caller's open read
 * transaction holds SQLite's shared lock for the whole read, which keeps every writer (and, in WAL mode, every
 * checkpoint) away from the file's pages; the file is read through the process's one descriptor for it
 * ({@link PageFiles}), never closed under such a lock. Two things SQLite does when it reads a column are done
 * here too: a column of REAL affinity gives its integral values, which SQLite stores as integers, as doubles
 * ({@code OP_RealAffinity}); and the INTEGER PRIMARY KEY column, stored as NULL, gives the rowid. A record
 * shorter than the table (a column added later by ALTER TABLE) gives NULL for a missing column without a
 * default; with a default, that row is read through the driver, in the same transaction. A
 * {@code CAST(c AS TEXT)} item gives what SQLite's cast gives: NULL, an integer's decimal text, text as it is
 * and a blob's bytes as text; a row where such an item holds a real (or an integer its REAL affinity makes one)
 * is read through the driver too, since only SQLite prints a real as SQLite does. {@code TablePagesIT} compares
 * this reader with the driver on seeded random files, value by value.
 */
final class TablePages implements AutoCloseable {
    /** Page types, the first byte of a b-tree page's header. */
    private static final int INTERIOR_TABLE = 5;
    private static final int LEAF_TABLE = 13;
    /** Deeper than any real b-tree (SQLite itself refuses 20 levels); reached only through a cycle. */
    private static final int MAX_DEPTH = 40;

    private final String table;
    private final Path file;
    private final PageFiles.Lease lease;
    private final int pageSize;
    private final int usable;
    private final long pageCount;
    /** Per selected item: the record field it is, -1 for the rowid. */
    private final int[] field;
    /** Per selected item: whether its column has REAL affinity. */
    private final boolean[] real;
    /** Per selected item: whether its column has a default, given to records that end before it. */
    private final boolean[] defaulted;
    /** Per selected item: whether it is {@code CAST(c AS TEXT)}, the column's value as SQLite's text. */
    private final boolean[] text;
    private final Long low;
    private final Long high;
    private final Connection connection;
    private final String rowQuery;
    private PreparedStatement rowStatement;

    /** The path from the root to the current leaf: each level's page and the next cell to visit. */
    private final byte[][] pages = new byte[MAX_DEPTH][];
    private final int[] cell = new int[MAX_DEPTH];
    private final int[] cells = new int[MAX_DEPTH];
    private final long[] pageNumbers = new long[MAX_DEPTH];
    private int depth = -1;
    private boolean done;

    /** The current row: its rowid and record (in a page or, when it overflows, {@link #overflow}). */
    private long rowid;
    private byte[] record;
    private int recordStart;
    private int recordEnd;
    private byte[] overflow = new byte[0];
    /** The overflow page being read. */
    private byte[] overflowPage;
    /** The current record's fields: serial type and the offset of the value. */
    private long[] types = new long[16];
    private int[] offsets = new int[16];
    private int fields;
    /** The current row read through the driver, when its record is shorter than a defaulted column. */
    private Object[] fromDriver;

    private TablePages(String table, Path file, PageFiles.Lease lease, int pageSize, int usable, long root,
                       int[] field, boolean[] real, boolean[] defaulted, boolean[] text, Long low, Long high,
                       Connection connection, String rowQuery) throws IOException {
        this.table = table;
        this.file = file;
        this.lease = lease;
        this.pageSize = pageSize;
        this.usable = usable;
        this.pageCount = lease.size() / pageSize;
        this.field = field;
        this.real = real;
        this.defaulted = defaulted;
        this.text = text;
        this.low = low;
        this.high = high;
        this.connection = connection;
        this.rowQuery = rowQuery;
        descendFrom(root);
    }

    /**
     * The pages of the plan's table, or null where this reader does not give what the driver gives (see the
     * class comment). Call it inside the read transaction the rows belong to, after the first read has taken
     * SQLite's shared lock.
     *
     * @param select     per selected item: the column's name, null for the rowid, or "" for anything else
     * @param casts      per selected item: for an item "" in {@code select} that is {@code CAST(c AS TEXT)}, the
     *                   column {@code c}; null for every other item
     * @param low        the least rowid to read, or null
     * @param high       the rowid to stop before, or null
     * @param rowidName  a name the table's rowid can be selected by, for rows read through the driver
     */
    static TablePages open(PageFiles.Lease file, Path path, Connection c, String table, List<String> select,
                           List<String> casts, Long low, Long high, String rowidName) throws SQLException {
        if (file == null || rowidName == null) {
            return null;
        }
        List<String> columns = new ArrayList<>(select);
        boolean[] text = new boolean[select.size()];
        for (int i = 0; i < text.length; i++) {
            if ("".equals(select.get(i))) {
                if (casts.get(i) == null) {
                    return null;
                }
                columns.set(i, casts.get(i));
                text[i] = true;
            }
        }
        PageFiles.Lease lease = file.share(); // never closes the file's descriptor while another read needs it
        try {
            int[] format = format(path, lease);
            if (format == null) {
                return decline(lease);
            }
            int pageSize = format[0];
            int reserved = format[1];
            Layout layout = Layout.of(c, table, columns);
            if (layout == null) {
                return decline(lease);
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < text.length; i++) {
                String name = columns.get(i);
                items.add(name == null ? rowidName : text[i] ? "CAST(" + SqliteIdentifiers.quote(name) + " AS TEXT)"
                        : SqliteIdentifiers.quote(name));
            }
            String rowQuery = "SELECT " + String.join(", ", items) + " FROM " + SqliteIdentifiers.quote(table)
                    + " WHERE " + rowidName + " = ?";
            byte[] root = new byte[pageSize];
            if (layout.root < 2 || layout.root > lease.size() / pageSize
                    || !lease.read((layout.root - 1) * pageSize, root)
                    || (root[0] != INTERIOR_TABLE && root[0] != LEAF_TABLE)) {
                return decline(lease); // WITHOUT ROWID: an index b-tree
            }
            return new TablePages(table, path, lease, pageSize, pageSize - reserved, layout.root, layout.field,
                    layout.real, layout.defaulted, text, low, high, c, rowQuery);
        } catch (IOException e) {
            lease.close();
            return null; // the driver reads it, or says what is wrong with the file
        } catch (SQLException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private static TablePages decline(PageFiles.Lease lease) {
        lease.close();
        return null;
    }

    /** The file's page size and reserved bytes per page, or null where this reader does not read the file. */
    private static int[] format(Path file, PageFiles.Lease lease) throws IOException {
        byte[] header = new byte[100];
        if (!lease.read(0, header)
                || !new String(header, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            return null;
        }
        int pageSize = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        pageSize = pageSize == 1 ? 65536 : pageSize;
        int readVersion = header[19];
        int reserved = header[20] & 0xff;
        int encoding = ByteBuffer.wrap(header, 56, 4).getInt();
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || encoding != 1 || pageSize - reserved < 480
                || readVersion < 1 || readVersion > 2 || (readVersion == 2 && walHoldsPages(file))) {
            return null;
        }
        return new int[] {pageSize, reserved};
    }

    /** Whether a write-ahead log beside the file may hold pages the file does not have yet. */
    private static boolean walHoldsPages(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Where each selected column is in the table's records, from the schema SQLite reports. */
    private record Layout(long root, int[] field, boolean[] real, boolean[] defaulted) {
        static Layout of(Connection c, String table, List<String> select) throws SQLException {
            long root;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    root = rs.getLong(1);
                }
            }
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Boolean> defaults = new ArrayList<>();
            List<Integer> keys = new ArrayList<>();
            String quoted = SqliteIdentifiers.quote(table);
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_xinfo(" + quoted + ")")) {
                while (rs.next()) {
                    if (rs.getInt("hidden") != 0) {
                        return null; // a generated column is not stored where its position says
                    }
                    names.add(rs.getString("name"));
                    String type = rs.getString("type");
                    types.add(type == null ? "" : type);
                    defaults.add(rs.getString("dflt_value") != null);
                    if (rs.getInt("pk") > 0) {
                        keys.add(names.size() - 1);
                    }
                }
            }
            boolean keyIndex = false;
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA index_list(" + quoted + ")")) {
                while (rs.next()) {
                    keyIndex |= "pk".equals(rs.getString("origin"));
                }
            }
            // The rowid alias: a lone INTEGER PRIMARY KEY has no index of its own (any other key does).
            int alias = -1;
            if (keys.size() == 1 && !keyIndex) {
                alias = keys.get(0);
                if (!types.get(alias).equalsIgnoreCase("INTEGER")) {
                    return null; // not what SQLite's rule says: leave it to SQLite
                }
            }
            int n = select.size();
            int[] field = new int[n];
            boolean[] real = new boolean[n];
            boolean[] defaulted = new boolean[n];
            for (int i = 0; i < n; i++) {
                String name = select.get(i);
                if (name == null) {
                    field[i] = -1;
                    continue;
                }
                int at = names.indexOf(name);
                for (int k = 0; at < 0 && k < names.size(); k++) {
                    if (names.get(k).equalsIgnoreCase(name)) {
                        at = k;
                    }
                }
                if (at < 0) {
                    return null;
                }
                field[i] = at == alias ? -1 : at;
                real[i] = at != alias && realAffinity(types.get(at));
                defaulted[i] = at != alias && defaults.get(at);
            }
            return new Layout(root, field, real, defaulted);
        }
    }

    /** SQLite's column affinity rule (https://www.sqlite.org/datatype3.html, 3.1), as far as REAL goes. */
    static boolean realAffinity(String declared) {
        String t = declared.toUpperCase(Locale.ROOT);
        if (t.contains("INT") || t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")
                || t.contains("BLOB") || t.isEmpty()) {
            return false;
        }
        return t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB");
    }

    /** Moves to the next row; false at the end. */
    boolean next() {
        fromDriver = null;
        try {
            return advance();
        } catch (IndexOutOfBoundsException e) {
            throw corrupt("a page of the table ends inside a cell (" + e.getMessage() + ")");
        }
    }

    private boolean advance() {
        while (!done) {
            if (depth < 0) {
                done = true;
                return false;
            }
            byte[] p = pages[depth];
            int at = cell[depth];
            if (p[0] == LEAF_TABLE) {
                if (at >= cells[depth]) {
                    depth--;
                    continue;
                }
                cell[depth] = at + 1;
                int o = cellOffset(p, 8, at);
                long payload = varint(p, o);
                o += varintLength;
                long id = varint(p, o);
                o += varintLength;
                if (low != null && id < low) {
                    continue;
                }
                if (high != null && id >= high) {
                    done = true;
                    return false;
                }
                rowid = id;
                readRecord(p, o, payload);
                return true;
            }
            // an interior page: its cells' left children in order, then its right-most child
            if (at > cells[depth]) {
                depth--;
                continue;
            }
            cell[depth] = at + 1;
            long child = at == cells[depth] ? u32(p, 8) : u32(p, cellOffset(p, 12, at));
            push(child);
        }
        return false;
    }

    /** The rowid of the current row. */
    long rowid() {
        return rowid;
    }

    /** The value of selected item {@code i} in the current row, as the driver's getters give it. */
    Object value(int i) throws SQLException {
        if (fromDriver != null) {
            return fromDriver[i];
        }
        if (text[i]) {
            return textOf(i);
        }
        int f = field[i];
        if (f < 0) {
            return rowid == (int) rowid ? (Object) Integer.valueOf((int) rowid) : Long.valueOf(rowid);
        }
        if (f >= fields) {
            if (!defaulted[i]) {
                return null;
            }
            readThroughDriver();
            return fromDriver[i];
        }
        long type = types[f];
        int o = offsets[f];
        byte[] r = record;
        if (type == 7) {
            return Double.longBitsToDouble(bigEndian(r, o, 8));
        }
        if (type >= 12) {
            int length = (int) ((type - 12) >>> 1);
            if ((type & 1) == 0) {
                return Arrays.copyOfRange(r, o, o + length);
            }
            return new String(r, o, length, StandardCharsets.UTF_8);
        }
        if (type == 0) {
            return null;
        }
        if (type == 10 || type == 11) {
            throw corrupt("a value of serial type " + type + ", which SQLite reserves for itself");
        }
        long v = integerField(f);
        if (real[i]) {
            return (double) v;
        }
        return v == (int) v ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
    }

    /**
     * What {@code CAST(c AS TEXT)} gives for selected item {@code i}: NULL stays null, an integer is its decimal
     * text (SQLite prints it with {@code %lld}), and text and blob are their bytes as text (SQLite reinterprets a
     * blob's bytes, unchanged, in the file's encoding, UTF-8 here). A real, and an integer that a column of REAL
     * affinity reads as a real, are printed by SQLite's own float formatting, which Java's does not reproduce
     * (15 significant digits and SQLite's exponent form: {@code 0.333333333333333}, {@code 1.0e+300}, {@code 0.0}
     * for -0.0): that row is read through the driver, the item as the same CAST.
     */
    private Object textOf(int i) throws SQLException {
        int f = field[i];
        if (f < 0) {
            return Long.toString(rowid);
        }
        long type = f < fields ? types[f] : -1;
        if (type == 0 || (type < 0 && !defaulted[i])) {
            return null;
        }
        if (type >= 12) {
            return new String(record, offsets[f], (int) ((type - 12) >>> 1), StandardCharsets.UTF_8);
        }
        if (type == 10 || type == 11) {
            throw corrupt("a value of serial type " + type + ", which SQLite reserves for itself");
        }
        if (type < 0 || type == 7 || real[i]) {
            readThroughDriver();
            return fromDriver[i];
        }
        return Long.toString(integerField(f));
    }

    /**
     * The storage class of selected item {@code i} in the current row, as {@code sqlite3_column_type} gives it
     * ({@link org.sqlite.core.Codes}), with {@link #integer}, {@link #real} and the bytes at {@link #offset} for its
     * value; or -1 where only {@link #value} gives it (a column missing from a short record, with a default, and a
     * {@code CAST} item's integer or real, which become text).
     */
    int storage(int i) {
        int s = stored(i);
        if (!text[i] || s == org.sqlite.core.Codes.SQLITE_NULL) {
            return s;
        }
        // CAST(c AS TEXT) keeps text and blob bytes as they are
        return s == org.sqlite.core.Codes.SQLITE_TEXT || s == org.sqlite.core.Codes.SQLITE_BLOB
                ? org.sqlite.core.Codes.SQLITE_TEXT : -1;
    }

    private int stored(int i) {
        if (fromDriver != null) {
            return -1;
        }
        int f = field[i];
        if (f < 0) {
            return org.sqlite.core.Codes.SQLITE_INTEGER;
        }
        if (f >= fields) {
            return defaulted[i] ? -1 : org.sqlite.core.Codes.SQLITE_NULL;
        }
        long type = types[f];
        if (type == 0) {
            return org.sqlite.core.Codes.SQLITE_NULL;
        }
        if (type == 7) {
            return org.sqlite.core.Codes.SQLITE_FLOAT;
        }
        if (type >= 12) {
            return (type & 1) == 0 ? org.sqlite.core.Codes.SQLITE_BLOB : org.sqlite.core.Codes.SQLITE_TEXT;
        }
        if (type == 10 || type == 11) {
            return -1; // value(i) names the damage
        }
        return real[i] ? org.sqlite.core.Codes.SQLITE_FLOAT : org.sqlite.core.Codes.SQLITE_INTEGER;
    }

    /** The value of an item whose {@link #storage} is INTEGER. */
    long integer(int i) {
        int f = field[i];
        return f < 0 ? rowid : integerField(f);
    }

    /** The value of an item whose {@link #storage} is FLOAT. */
    double real(int i) {
        int f = field[i];
        return types[f] == 7 ? Double.longBitsToDouble(bigEndian(record, offsets[f], 8)) : (double) integerField(f);
    }

    private long integerField(int f) {
        byte[] r = record;
        int o = offsets[f];
        return switch ((int) types[f]) {
            case 1 -> r[o];
            case 2 -> (short) (((r[o] & 0xff) << 8) | (r[o + 1] & 0xff));
            case 3 -> bigEndian(r, o, 3) << 40 >> 40;
            case 4 -> (int) bigEndian(r, o, 4);
            case 5 -> bigEndian(r, o, 6) << 16 >> 16;
            case 6 -> bigEndian(r, o, 8);
            case 9 -> 1;
            default -> 0;
        };
    }

    /** The array holding the current record's text and blob bytes (valid until {@link #next}). */
    byte[] record() {
        return record;
    }

    /** Where the bytes of an item whose {@link #storage} is TEXT or BLOB start in {@link #record()}. */
    int offset(int i) {
        return offsets[field[i]];
    }

    /** How many bytes an item whose {@link #storage} is TEXT or BLOB has. */
    int length(int i) {
        return (int) ((types[field[i]] - 12) >>> 1);
    }

    /** The current row through the driver, in the same transaction: SQLite gives a missing column its default. */
    private void readThroughDriver() throws SQLException {
        if (rowStatement == null) {
            rowStatement = connection.prepareStatement(rowQuery);
        }
        rowStatement.setLong(1, rowid);
        try (ResultSet rs = rowStatement.executeQuery()) {
            if (!rs.next()) {
                throw corrupt("rowid " + rowid + " is in the table's pages but SQLite does not find it");
            }
            Object[] row = new Object[field.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            fromDriver = row;
        }
    }

    /** Sets the current record from a leaf cell's payload, gathering its overflow pages when it has them. */
    private void readRecord(byte[] p, int o, long payload) {
        int u = usable;
        long maxLocal = u - 35;
        if (payload <= maxLocal) {
            if (o + payload > pageSize) {
                throw corrupt("a cell of page " + pageNumbers[depth] + " runs past the page's end");
            }
            record = p;
            recordStart = o;
            recordEnd = (int) (o + payload);
        } else {
            if (payload > Integer.MAX_VALUE - 16) {
                throw corrupt("a record of " + payload + " bytes");
            }
            long minLocal = ((long) (u - 12) * 32 / 255) - 23;
            long k = minLocal + ((payload - minLocal) % (u - 4));
            int local = (int) (k <= maxLocal ? k : minLocal);
            int size = (int) payload;
            if (overflow.length < size) {
                overflow = new byte[Math.max(size, overflow.length * 2)];
            }
            System.arraycopy(p, o, overflow, 0, local);
            long next = u32(p, o + local);
            int filled = local;
            byte[] page = overflowPage == null ? overflowPage = new byte[pageSize] : overflowPage;
            int hops = 0;
            while (filled < size) {
                if (next < 2 || next > pageCount || ++hops > pageCount) {
                    throw corrupt("the overflow chain of rowid " + rowid + " points to page " + next);
                }
                readPage(next, page);
                int n = Math.min(size - filled, u - 4);
                System.arraycopy(page, 4, overflow, filled, n);
                filled += n;
                next = u32(page, 0);
            }
            record = overflow;
            recordStart = 0;
            recordEnd = size;
        }
        parseHeader();
    }

    private void parseHeader() {
        byte[] r = record;
        long headerSize = varint(r, recordStart);
        int o = recordStart + varintLength;
        int end = (int) Math.min(recordStart + headerSize, recordEnd);
        int data = recordStart + (int) headerSize;
        int n = 0;
        while (o < end) {
            long type = varint(r, o);
            o += varintLength;
            if (n == types.length) {
                types = Arrays.copyOf(types, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2);
            }
            types[n] = type;
            offsets[n] = data;
            data += size(type);
            n++;
        }
        if (data > recordEnd || headerSize > recordEnd - recordStart) {
            throw corrupt("the record of rowid " + rowid + " is longer than its cell");
        }
        fields = n;
    }

    private static int size(long type) {
        if (type >= 12) {
            return (int) ((type - 12) >>> 1);
        }
        return switch ((int) type) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> 0;
        };
    }

    /** Goes down from {@code page} to the first leaf that can hold a rowid from {@link #low} on. */
    private void descendFrom(long page) {
        push(page);
        if (low == null) {
            return;
        }
        // skip the left children whose rowids are all below low: an interior cell's key is its child's largest rowid
        while (true) {
            byte[] p = pages[depth];
            if (p[0] != INTERIOR_TABLE) {
                return;
            }
            int first = 0;
            int last = cells[depth];
            while (first < last) {
                int mid = (first + last) >>> 1;
                if (varint(p, cellOffset(p, 12, mid) + 4) < low) {
                    first = mid + 1;
                } else {
                    last = mid;
                }
            }
            cell[depth] = first + 1;
            push(first == cells[depth] ? u32(p, 8) : u32(p, cellOffset(p, 12, first)));
        }
    }

    private void push(long page) {
        if (depth + 1 >= MAX_DEPTH) {
            throw corrupt("its b-tree is deeper than " + MAX_DEPTH + " levels at page " + page);
        }
        if (page < 2 || page > pageCount) {
            throw corrupt("a child page number " + page + " is outside the file's " + pageCount + " pages");
        }
        int d = depth + 1;
        if (pages[d] == null) {
            pages[d] = new byte[pageSize];
        }
        readPage(page, pages[d]);
        byte[] p = pages[d];
        int type = p[0];
        if (type != INTERIOR_TABLE && type != LEAF_TABLE) {
            throw corrupt("page " + page + " is of type " + type + ", not a page of a table b-tree");
        }
        pageNumbers[d] = page;
        cells[d] = ((p[3] & 0xff) << 8) | (p[4] & 0xff);
        cell[d] = 0;
        depth = d;
    }

    /** Where cell {@code index} of a b-tree page starts (table pages are never page 1, so the header is at 0). */
    private int cellOffset(byte[] p, int headerSize, int index) {
        int at = headerSize + 2 * index;
        int o = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
        if (o < at || o >= pageSize) {
            throw corrupt("cell " + index + " of page " + pageNumbers[depth] + " points outside the page");
        }
        return o;
    }

    private void readPage(long page, byte[] into) {
        try {
            if (!lease.read((page - 1) * pageSize, into)) {
                throw corrupt("page " + page + " is past the file's end");
            }
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, context(),
                    "reading page " + page + " of " + SqliteConnector.shown(file) + " failed: " + e.getMessage());
        }
    }

    /** The length of the varint {@link #varint} read last. */
    private int varintLength;

    /** A big-endian variable-length integer of one to nine bytes (the ninth byte gives all its 8 bits). */
    private long varint(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int x = b[o + i];
            v = (v << 7) | (x & 0x7f);
            if (x >= 0) {
                varintLength = i + 1;
                return v;
            }
        }
        varintLength = 9;
        return (v << 8) | (b[o + 8] & 0xff);
    }

    private static long u32(byte[] b, int o) {
        return bigEndian(b, o, 4);
    }

    private static long bigEndian(byte[] b, int o, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }

    private ErrorContext context() {
        return ErrorContext.EMPTY.withPhase("read").withTable(table).withLocation(file.toString());
    }

    private DecantException corrupt(String what) {
        return new DecantException(ErrorCode.FILE_CORRUPT, context(), "the SQLite file " + SqliteConnector.shown(file)
                + " does not hold table " + table + " as SQLite's file format says: " + what
                + "; check the file with sqlite3 " + file + " 'PRAGMA integrity_check' (a damaged file can often be saved"
                + " with sqlite3's .recover)");
    }

    @Override
    public void close() {
        SqliteConnector.close(rowStatement);
        lease.close();
    }
}
