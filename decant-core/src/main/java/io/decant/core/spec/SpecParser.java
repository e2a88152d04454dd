package io.decant.core.spec;

import io.decant.core.transform.ByteEncoding;
import io.decant.core.transform.Expressions;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the spec's records from YAML nodes. Each part that has a problem is reported and left out,
 * and parsing goes on, so that one run lists every mistake. The grammar lives in the key sets below
 * and in docs/spec.md; a key that is not listed is an error.
 */
final class SpecParser {
    static final Set<String> TOP = ordered("source", "target", "exclude", "naming", "orphans", "zone", "tables", "ids",
            "mapping_retention_days", "zero_dates");
    static final Set<String> TABLE = ordered("into", "key", "keep", "where", "columns", "add", "unique");
    static final Set<String> COLUMN = ordered("to", "cast", "value", "type", "default", "skip", "as_text", "ref",
            "zero_date");
    static final Set<String> ADD = ordered("value", "cast", "type");
    static final Set<String> CAST = ordered("type", "format", "zone", "round", "encoding");

    private final IdsParser ids = new IdsParser();

    private static Set<String> ordered(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    Spec parse(YamlNode root, Map<String, SpecLocation> locations) {
        Map<String, YamlNode> f = root.fields(TOP);
        String source = f.containsKey("source") ? f.get("source").string() : null;
        String target = f.containsKey("target") ? f.get("target").string() : null;
        List<String> exclude = f.containsKey("exclude") ? orEmpty(f.get("exclude").names()) : List.of();
        Naming naming = f.containsKey("naming") ? choice(f.get("naming"), namings(), "naming") : null;
        OrphanPolicy orphans = f.containsKey("orphans") ? choice(f.get("orphans"), spellings(OrphanPolicy.values()), "orphans policy") : null;
        ZoneId zone = f.containsKey("zone") ? zone(f.get("zone")) : null;
        Integer days = f.containsKey("mapping_retention_days") ? f.get("mapping_retention_days").integer(1, 36_500) : null;
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        if (f.containsKey("tables")) {
            Map<String, YamlNode> entries = f.get("tables").entries();
            if (entries != null) {
                entries.forEach((name, node) -> {
                    TableSpec t = table(node);
                    if (t != null) {
                        tables.put(name, t);
                    }
                });
            }
        }
        Map<String, IdSpec> idSpecs = f.containsKey("ids") ? ids.parse(f.get("ids")) : Map.of();
        String zeroDates = f.containsKey("zero_dates") ? ZeroDates.parse(f.get("zero_dates")) : null;
        return new Spec(source, target, exclude, naming != null ? naming : Naming.PRESERVE,
                orphans != null ? orphans : OrphanPolicy.FAIL, zone != null ? zone : ZoneOffset.UTC, tables, idSpecs,
                days != null ? days : Spec.DEFAULT_MAPPING_RETENTION_DAYS, locations, zeroDates);
    }

    private TableSpec table(YamlNode node) {
        Map<String, YamlNode> f = node.fields(TABLE);
        String into = f.containsKey("into") ? f.get("into").name() : null;
        List<String> key = new ArrayList<>();
        List<String> keyTargets = new ArrayList<>();
        if (f.containsKey("key")) {
            key(f.get("key"), key, keyTargets);
        }
        String where = f.containsKey("where") ? expression(f.get("where")) : null;
        Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        if (f.containsKey("columns")) {
            Map<String, YamlNode> entries = f.get("columns").entries();
            if (entries != null) {
                entries.forEach((name, n) -> {
                    ColumnSpec c = column(n);
                    if (c != null) {
                        columns.put(name, c);
                    }
                });
            }
        }
        Map<String, AddedColumn> add = new LinkedHashMap<>();
        if (f.containsKey("add")) {
            Map<String, YamlNode> entries = f.get("add").entries();
            if (entries != null) {
                entries.forEach((name, n) -> {
                    AddedColumn a = added(n);
                    if (a != null) {
                        add.put(name, a);
                    }
                });
            }
        }
        List<String> keep = new ArrayList<>();
        if (f.containsKey("keep")) {
            List<String> names = f.get("keep").names();
            if (names != null) {
                keep.addAll(names);
            }
            if (into == null || key.isEmpty()) {
                f.get("keep").problem("keep splits a merged table: it needs into and key (the columns it lists stay in"
                        + " this table's own target, the others merge into the other table)");
            }
        }
        List<UniqueKey> unique = f.containsKey("unique") ? UniqueKeyParser.unique(f.get("unique")) : List.of();
        return new TableSpec(into, key, keyTargets, where, columns, add, keep, unique);
    }

    /** {@code key: user_id}, {@code key: [a, b]}, or {@code key: {user_id: id}} when the target's column is named otherwise. */
    private static void key(YamlNode node, List<String> key, List<String> targets) {
        if (node.isMapping()) {
            Map<String, YamlNode> entries = node.entries();
            if (entries != null) {
                entries.forEach((column, target) -> {
                    String t = target.name();
                    if (t != null) {
                        key.add(column);
                        targets.add(t);
                    }
                });
            }
            return;
        }
        List<String> names = node.names();
        if (names != null) {
            key.addAll(names);
            targets.addAll(names);
        }
    }

    private ColumnSpec column(YamlNode node) {
        Map<String, YamlNode> f = node.fields(COLUMN);
        String to = f.containsKey("to") ? f.get("to").name() : null;
        CastSpec cast = f.containsKey("cast") ? cast(f.get("cast")) : null;
        String value = f.containsKey("value") ? expression(f.get("value")) : null;
        LogicalType type = f.containsKey("type") ? type(f.get("type")) : null;
        Object dflt = f.containsKey("default") ? f.get("default").constant() : null;
        Boolean skip = f.containsKey("skip") ? f.get("skip").bool() : null;
        Boolean asText = f.containsKey("as_text") ? f.get("as_text").bool() : null;
        String ref = f.containsKey("ref") ? f.get("ref").name() : null;
        if (Boolean.TRUE.equals(skip)) {
            List<String> others = f.keySet().stream().filter(k -> !k.equals("skip")).toList();
            if (!others.isEmpty()) {
                node.problem("skip: true leaves the column out; it cannot also have " + String.join(", ", others));
            }
        }
        if (f.containsKey("type") && !f.containsKey("value")) {
            f.get("type").problem("type declares the result type of value; without value, write cast");
        }
        String zeroDate = f.containsKey("zero_date") ? ZeroDates.parse(f.get("zero_date")) : null;
        return new ColumnSpec(to, cast, value, type, dflt, Boolean.TRUE.equals(skip), Boolean.TRUE.equals(asText), ref,
                zeroDate);
    }

    private AddedColumn added(YamlNode node) {
        Map<String, YamlNode> f = node.fields(ADD);
        if (!f.containsKey("value")) {
            if (node.isMapping() || node.isNull()) {
                node.problem("missing key 'value': an added column is computed by an expression");
            }
            return null;
        }
        String value = expression(f.get("value"));
        CastSpec cast = f.containsKey("cast") ? cast(f.get("cast")) : null;
        LogicalType type = f.containsKey("type") ? type(f.get("type")) : null;
        return value == null ? null : new AddedColumn(value, cast, type);
    }

    /** An expression's text, after a check of its grammar and sandbox (columns are checked against the source later). */
    private static String expression(YamlNode node) {
        String text = node.string();
        if (text == null) {
            return null;
        }
        String problem = Expressions.syntaxProblem(text);
        if (problem != null) {
            node.problem(problem);
            return null;
        }
        return text;
    }

    static CastSpec cast(YamlNode node) {
        if (node.isScalar()) {
            String s = node.name();
            if (s == null) {
                return null;
            }
            try {
                return CastSpec.of(s);
            } catch (IllegalArgumentException e) {
                node.problem(e.getMessage());
                return null;
            }
        }
        Map<String, YamlNode> f = node.fields(CAST);
        if (!node.isMapping()) {
            return null;
        }
        if (!f.containsKey("type")) {
            node.problem("missing key 'type': the cast's result, such as timestamptz or epoch_ms");
            return null;
        }
        YamlNode typeNode = f.get("type");
        String spelling = typeNode.name();
        CastSpec.Target target = null;
        if (spelling != null) {
            try {
                target = CastNames.target(spelling);
            } catch (IllegalArgumentException e) {
                typeNode.problem(e.getMessage());
            }
        }
        TimeFormat format = f.containsKey("format") ? choice(f.get("format"), spellings(TimeFormat.values()), "time format") : null;
        ZoneId zone = f.containsKey("zone") ? zone(f.get("zone")) : null;
        if (target == null) {
            return null;
        }
        boolean timeTarget = switch (target.kind()) {
            case TYPE -> target.outputType().kind() == Kind.TIMESTAMPTZ || target.outputType().kind() == Kind.TIMESTAMP
                    || target.outputType().kind() == Kind.DATE;
            case EPOCH -> true;
            case CENTS -> false;
        };
        if (!timeTarget && f.containsKey("format")) {
            f.get("format").keyProblem("format applies to casts to timestamptz, timestamp, date, epoch_s and epoch_ms, not "
                    + spelling);
        }
        if (!timeTarget && f.containsKey("zone")) {
            f.get("zone").keyProblem("zone applies to casts to timestamptz, timestamp, date, epoch_s and epoch_ms, not "
                    + spelling);
        }
        Boolean round = f.containsKey("round") ? f.get("round").bool() : null;
        ByteEncoding encoding = f.containsKey("encoding")
                ? choice(f.get("encoding"), spellings(ByteEncoding.values()), "encoding") : null;
        Kind out = target.kind() == CastSpec.TargetKind.TYPE ? target.outputType().kind() : null;
        if (Boolean.TRUE.equals(round) && out != Kind.FLOAT32 && out != Kind.FLOAT64
                && !(out == Kind.DECIMAL && target.outputType().hasFixedScale())) {
            f.get("round").keyProblem("round applies to casts to real, double precision and numeric(p,s), not "
                    + spelling);
        }
        if (f.containsKey("encoding") && out != Kind.TEXT && out != Kind.BYTES) {
            f.get("encoding").keyProblem("encoding applies to casts to text and bytes, not " + spelling);
        }
        return new CastSpec(spelling, target, format, zone, Boolean.TRUE.equals(round), encoding);
    }

    private static LogicalType type(YamlNode node) {
        String s = node.name();
        if (s == null) {
            return null;
        }
        try {
            return CastNames.type(s);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage().replace("unknown cast", "unknown type").replace("known casts", "known types"));
            return null;
        }
    }

    static ZoneId zone(YamlNode node) {
        String s = node.name();
        if (s == null) {
            return null;
        }
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            node.problem("unknown time zone '" + node.raw() + "'" + Suggest.hint(s, ZoneId.getAvailableZoneIds())
                    + "; use a region such as Europe/Berlin, or UTC, or an offset such as +02:00");
            return null;
        }
    }

    static <E> E choice(YamlNode node, Map<String, E> spellings, String what) {
        String s = node.name();
        if (s == null) {
            return null;
        }
        E e = spellings.get(s);
        if (e == null) {
            node.problem("unknown " + what + " '" + node.raw() + "'" + Suggest.hint(s, spellings.keySet())
                    + "; known: " + String.join(", ", spellings.keySet()));
        }
        return e;
    }

    static <E extends Enum<E>> Map<String, E> spellings(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        return m;
    }

    private static Map<String, Naming> namings() {
        Map<String, Naming> m = new LinkedHashMap<>();
        for (Naming n : Naming.values()) {
            m.put(n.spelling(), n);
        }
        return m;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
