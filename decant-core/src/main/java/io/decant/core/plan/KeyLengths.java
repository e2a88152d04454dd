package io.decant.core.plan;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Index;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.transform.ConversionException;
import io.decant.core.type.Bytes;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The length of created key columns of text or bytes, for a target whose keys cannot hold unbounded
 * values ({@link TargetView#keyTextLength()}, MySQL and MariaDB). A column in a primary key, a unique
 * key or a foreign key (either end) whose text or bytes the target would store unbounded, or longer
 * than it can index, is created as text(n) or bytes(n) instead; so is every such column of the same
 * kind joined to it by a foreign key, with the same n, because a foreign key joins only columns of one
 * type. n is the target's usual key length, raised to the longest value the source holds now (read
 * here, at plan time, one column at a time; the spec's cast applied), in characters for text and in
 * bytes for bytes. A value longer than the target can index ({@link TargetView#maxKeyTextLength()}
 * characters, {@link TargetView#maxKeyBytes()} bytes) is refused here, naming table and column,
 * before anything is created, and so is a key whose columns together are; the load's own length check
 * still refuses a value that grew meanwhile.
 *
 * <p>Integer columns a foreign key joins are likewise created as one type, the widest of them ({@code numbers}), and decimals as the widest decimal.
 *
 * <p>Rejected: always the usual length, refusing anything longer. A table whose ids are 300 characters
 * would then have no way through --create-schema although the target indexes 768.
 */
final class KeyLengths {
    /** One column of one source table, in source names. */
    private record Node(TableId table, String column) {
    }

    /** The nodes a foreign key joins, of one kind (a text column joined to a bytes one stays apart). */
    private record Group(Node root, Kind kind) {
    }

    private final SourceDatabase source;
    private final TargetView target;
    private final Map<TableId, Shaper.Shaped> shaped;
    private final Map<Node, Node> parent = new HashMap<>();

    private KeyLengths(SourceDatabase source, TargetView target, Map<TableId, Shaper.Shaped> shaped) {
        this.source = source;
        this.target = target;
        this.shaped = shaped;
    }

    /** The created type of each bounded key column, by source table and source column name; notes go to {@code notes}. */
    static Map<TableId, Map<String, LogicalType>> decide(SourceDatabase source, TargetView target,
                                                         Map<TableId, Shaper.Shaped> shapedBySource,
                                                         Map<TableId, List<String>> notes, PlanProblems problems) {
        if (target == null || target.keyTextLength() <= 0) {
            return Map.of();
        }
        return new KeyLengths(source, target, shapedBySource).decide(notes, problems);
    }

    private Map<TableId, Map<String, LogicalType>> decide(Map<TableId, List<String>> notes, PlanProblems problems) {
        for (Shaper.Shaped s : shaped.values()) {
            Table t = s.source();
            t.primaryKey().forEach(c -> find(new Node(t.id(), c)));
            for (Index i : t.indexes()) {
                if (i.keysRows()) {
                    i.columns().forEach(c -> find(new Node(t.id(), c)));
                }
            }
            for (ForeignKey fk : t.foreignKeys()) {
                if (!shaped.containsKey(fk.refTable())) {
                    continue; // not created: the parent table is not migrated
                }
                for (int i = 0; i < fk.columns().size(); i++) {
                    Node child = find(new Node(t.id(), fk.columns().get(i)));
                    parent.put(child, find(new Node(fk.refTable(), fk.refColumns().get(i))));
                }
            }
        }
        Map<Group, List<Node>> groups = new LinkedHashMap<>();
        for (Node n : new ArrayList<>(parent.keySet())) {
            ShapedColumn sc = unbounded(n);
            if (sc != null) {
                groups.computeIfAbsent(new Group(find(n), sc.type().kind()), k -> new ArrayList<>()).add(n);
            }
        }
        Map<TableId, Map<String, LogicalType>> out = new HashMap<>();
        for (var g : groups.entrySet()) {
            Kind kind = g.getKey().kind();
            List<Node> group = g.getValue();
            boolean text = kind == Kind.TEXT;
            int max = text ? target.maxKeyTextLength() : target.maxKeyBytes();
            Map<Node, Integer> longest = new LinkedHashMap<>();
            int n = target.keyTextLength();
            for (Node node : group) {
                int l = longest(node);
                longest.put(node, l);
                n = Math.max(n, l);
            }
            boolean fits = true;
            for (var e : longest.entrySet()) {
                if (e.getValue() > max) {
                    fits = false;
                    Node node = e.getKey();
                    String table = node.table().display();
                    problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(table)
                            .withColumn(node.column()), "key column " + table + "." + node.column() + " holds "
                            + (text ? "text of " : "a value of ") + amount(e.getValue(), kind) + "; " + target.displayUrl()
                            + " indexes at most " + (text ? max : amount(max, kind)) + " in a key, so --create-schema cannot"
                            + " create this key or foreign key; create the table yourself and load without"
                            + " --create-schema, or leave it out with --exclude " + table);
                }
            }
            if (!fits) {
                continue;
            }
            LogicalType type = text ? LogicalType.text(n) : LogicalType.bytes(n);
            String joined = group.size() > 1 ? " (as " + names(group) + ", which a foreign key joins)" : "";
            for (Node node : group) {
                out.computeIfAbsent(node.table(), k -> new HashMap<>()).put(node.column(), type);
                notes.computeIfAbsent(node.table(), k -> new ArrayList<>()).add("key column " + node.column()
                        + " is created as " + target.nativeType(type) + joined + ": " + target.displayUrl()
                        + " indexes no unbounded " + (text ? "text" : "bytes") + "; its longest value now is "
                        + amount(longest.get(node), kind));
            }
        }
        numbers(out, notes);
        for (Shaper.Shaped s : shaped.values()) {
            composite(s, out.getOrDefault(s.source().id(), Map.of()), problems);
        }
        return out;
    }

    /**
     * Integer columns a foreign key joins are created as one integer type, the widest among them: InnoDB refuses
     * a foreign key from a BIGINT to an INT ("Foreign key constraint is incorrectly formed"), which PostgreSQL
     * allows, and would say so only after the rows. Widening loses no value; narrowing could. Decimals likewise:
     * InnoDB takes a DECIMAL(12,2) referencing a DECIMAL(10,2), then finds no parent for any row.
     */
    private void numbers(Map<TableId, Map<String, LogicalType>> out, Map<TableId, List<String>> notes) {
        Map<Node, List<Node>> groups = new LinkedHashMap<>();
        Map<Node, LogicalType> types = new HashMap<>();
        for (Node n : new ArrayList<>(parent.keySet())) {
            LogicalType t = number(n);
            if (t != null) {
                types.put(n, t);
                groups.computeIfAbsent(find(n), k -> new ArrayList<>()).add(n);
            }
        }
        for (List<Node> group : groups.values()) {
            LogicalType type = widest(group.stream().map(types::get).toList());
            if (group.size() < 2 || type == null || group.stream().allMatch(node -> types.get(node).equals(type))) {
                continue;
            }
            for (Node node : group) {
                if (types.get(node).equals(type)) {
                    continue;
                }
                out.computeIfAbsent(node.table(), k -> new HashMap<>()).put(node.column(), type);
                notes.computeIfAbsent(node.table(), k -> new ArrayList<>()).add("key column " + node.column()
                        + " is created as " + target.nativeType(type) + " (as " + names(group) + ", which a foreign key"
                        + " joins): " + target.displayUrl() + " joins only columns of one type by a foreign key");
            }
        }
    }

    /**
     * One type that holds every value of {@code types}: the widest integer; for decimals, the most integer digits and
     * the most fractional ones, when the target has such a decimal. Null when they mix kinds (plan refuses such a key).
     */
    private LogicalType widest(List<LogicalType> types) {
        if (types.stream().allMatch(t -> t.kind().isInteger())) {
            return types.stream().max(java.util.Comparator.comparingInt(t -> t.kind().ordinal())).orElse(null);
        }
        if (types.stream().allMatch(t -> t.kind() == Kind.DECIMAL && t.precision() > 0 && t.scale() >= 0)) {
            int digits = types.stream().mapToInt(t -> t.precision() - t.scale()).max().orElse(0);
            int scale = types.stream().mapToInt(LogicalType::scale).max().orElse(0);
            LogicalType wide = LogicalType.decimal(digits + scale, scale);
            return target.storedType(wide).equals(wide) ? wide : null;
        }
        return null;
    }

    /** The target's integer or decimal type of the shaped column {@code n} is copied to, or null when it is neither. */
    private LogicalType number(Node n) {
        ShapedColumn sc = copiedTo(n);
        LogicalType stored = sc == null ? null : target.storedType(sc.type());
        return stored != null && (stored.kind().isInteger() || stored.kind() == Kind.DECIMAL) ? stored : null;
    }

    /** The shaped column the source column {@code n} is copied to as it is read (no expression), or null. */
    private ShapedColumn copiedTo(Node n) {
        Shaper.Shaped s = shaped.get(n.table());
        if (s == null) {
            return null;
        }
        for (ShapedColumn sc : s.columns()) {
            if (sc.source() != null && sc.source().name().equals(n.column()) && sc.value() instanceof ValueSource.FromColumn) {
                return sc;
            }
        }
        return null;
    }

    /**
     * A key of several columns must fit the target's key as a whole (InnoDB: 3072 bytes; a character
     * of utf8mb4 text counts 4, so 768 characters): four text columns of 255 do not, nor do two bytes
     * columns of 2000. Refused here, or CREATE TABLE would fail.
     */
    private void composite(Shaper.Shaped s, Map<String, LogicalType> bounded, PlanProblems problems) {
        Table t = s.source();
        List<List<String>> keys = new ArrayList<>();
        keys.add(t.primaryKey());
        for (Index i : t.indexes()) {
            if (i.keysRows()) {
                keys.add(i.columns());
            }
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (shaped.containsKey(fk.refTable())) {
                keys.add(fk.columns());
            }
        }
        int maxChars = target.maxKeyTextLength();
        int maxBytes = target.maxKeyBytes();
        long perChar = maxBytes == Integer.MAX_VALUE || maxChars == Integer.MAX_VALUE ? 1 : Math.max(1, maxBytes / maxChars);
        for (List<String> key : keys) {
            if (key.size() < 2) {
                continue;
            }
            long chars = 0;
            long bytes = 0;
            boolean anyBytes = false;
            for (String c : key) {
                LogicalType type = bounded.get(c);
                if (type == null) {
                    type = s.columns().stream().filter(sc -> sc.source() != null && sc.source().name().equals(c))
                            .map(sc -> target.storedType(sc.type())).findFirst().orElse(null);
                }
                if (type != null && type.kind() == Kind.TEXT) {
                    chars += type.length();
                    bytes += type.length() * perChar;
                } else if (type != null && type.kind() == Kind.BYTES) {
                    anyBytes = true;
                    bytes += type.length();
                }
            }
            String table = t.id().display();
            String wayOut = " create the table yourself and load without --create-schema, or leave it out with --exclude "
                    + table;
            if (!anyBytes && chars > maxChars) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(table)
                        .withColumn(key.get(0)), "key " + key + " of " + table + " is created as text of " + chars
                        + " characters in all; " + target.displayUrl() + " indexes at most " + maxChars + " in one key;"
                        + wayOut);
            } else if (anyBytes && bytes > maxBytes) {
                problems.add(ErrorCode.SCHEMA_MISMATCH, ErrorContext.EMPTY.withPhase("plan").withTable(table)
                        .withColumn(key.get(0)), "key " + key + " of " + table + " is created as " + bytes
                        + " bytes in all" + (chars > 0 ? " (text counted at " + perChar + " bytes a character)" : "")
                        + "; " + target.displayUrl() + " indexes at most " + maxBytes + " bytes in one key;" + wayOut);
            }
        }
    }

    /** {@code n} characters of text, or {@code n} bytes. */
    private static String amount(long n, Kind kind) {
        String unit = kind == Kind.TEXT ? "character" : "byte";
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String names(List<Node> group) {
        List<String> out = new ArrayList<>();
        for (Node n : group) {
            out.add(n.table().display() + "." + n.column());
        }
        return String.join(", ", out);
    }

    /**
     * The shaped column {@code n} is copied to, when the target would store its text or bytes unbounded or
     * too long for a key.
     */
    private ShapedColumn unbounded(Node n) {
        ShapedColumn sc = copiedTo(n);
        if (sc == null) {
            return null;
        }
        LogicalType stored = target.storedType(sc.type());
        int max = stored.kind() == Kind.TEXT ? target.maxKeyTextLength()
                : stored.kind() == Kind.BYTES ? target.maxKeyBytes() : -1;
        boolean tooLong = stored.length() == 0 || stored.length() > max;
        return max >= 0 && tooLong ? sc : null;
    }

    /** The longest value of {@code n} once cast, in characters (text) or bytes (bytes): the source's rows, read now. */
    private int longest(Node n) {
        Shaper.Shaped s = shaped.get(n.table());
        ShapedColumn sc = unbounded(n);
        Column column = s.read().get(((ValueSource.FromColumn) sc.value()).index());
        int longest = 0;
        try (RowStream rows = source.read(s.source(), List.of(column))) {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                if (row[0] == null) {
                    continue;
                }
                Object v;
                try {
                    v = sc.cast().converter().convert(row[0]);
                } catch (DecantException | ConversionException e) {
                    continue; // the load refuses it, naming the row
                }
                if (v instanceof Bytes b) {
                    longest = Math.max(longest, b.length());
                } else if (v != null) {
                    String text = v.toString();
                    longest = Math.max(longest, text.codePointCount(0, text.length()));
                }
            }
        }
        return longest;
    }

    private Node find(Node n) {
        Node p = parent.putIfAbsent(n, n);
        if (p == null || p.equals(n)) {
            return n;
        }
        Node root = find(p);
        parent.put(n, root);
        return root;
    }
}
