package io.decant.core.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML node with its place in the file and typed readers that report, rather than throw, what is
 * wrong. Each reader returns {@code null} after reporting, so the parser goes on and finds the next
 * mistake too. Values are typed by decant, not by YAML's implicit resolution: {@code retries: "3"}
 * is a string, but {@code retries: ${RETRIES}} is read after expansion.
 */
final class YamlNode {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");

    private final Node node;
    private final SpecLocation location;
    private final Context context;
    /** Where the key of this entry is written, when this node is a mapping's value. */
    private SpecLocation keyLocation;

    /** What every node of one file shares. */
    record Context(String file, EnvExpander env, Problems problems, Map<String, SpecLocation> locations) {
    }

    private YamlNode(Node node, SpecLocation location, Context context) {
        this.node = node;
        this.location = location;
        this.context = context;
        context.locations().putIfAbsent(location.path(), location);
    }

    static YamlNode root(Node node, Context context) {
        return new YamlNode(node, at(node, context.file(), ""), context);
    }

    private static SpecLocation at(Node node, String file, String path) {
        return node.getStartMark()
                .map(m -> new SpecLocation(file, m.getLine() + 1, m.getColumn() + 1, path))
                .orElse(new SpecLocation(file, 0, 0, path));
    }

    SpecLocation location() {
        return location;
    }

    String path() {
        return location.path();
    }

    void problem(String message) {
        context.problems().add(location, message);
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(s.getValue());
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    private String kindName() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull() ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    private void expected(String what) {
        problem("expected " + what + ", got " + kindName());
    }

    /**
     * The entries of a mapping, after reporting every key that is not in {@code allowed} (with a
     * suggestion) and every key given twice. A YAML null counts as an empty mapping.
     */
    Map<String, YamlNode> fields(Set<String> allowed) {
        Map<String, YamlNode> out = entries();
        if (out == null) {
            return Map.of();
        }
        for (Map.Entry<String, YamlNode> e : out.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                e.getValue().keyProblem("unknown key '" + e.getKey() + "'" + Suggest.hint(e.getKey(), allowed)
                        + "; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        Map<String, YamlNode> known = new LinkedHashMap<>(out);
        known.keySet().retainAll(allowed);
        return known;
    }

    /** The entries of a mapping whose keys are names chosen by the user (tables, columns, headers). */
    Map<String, YamlNode> entries() {
        if (isNull()) {
            return Map.of();
        }
        if (!(node instanceof MappingNode m)) {
            expected("a mapping");
            return null;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                context.problems().add(at(k, context.file(), path()), "a key must be a plain name, not a list or a mapping");
                continue;
            }
            String key = ks.getValue();
            String childPath = path().isEmpty() ? key : path() + "." + key;
            SpecLocation keyAt = at(k, context.file(), childPath);
            if (out.containsKey(key)) {
                context.problems().add(keyAt, "key '" + key + "' is given twice");
                continue;
            }
            YamlNode child = new YamlNode(t.getValueNode(), at(t.getValueNode(), context.file(), childPath), context);
            child.keyLocation = keyAt;
            context.locations().put(childPath, keyAt); // a problem about an entry points at its key
            out.put(key, child);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reports at the key of this entry (where an unknown key is written), else at the value. */
    void keyProblem(String message) {
        context.problems().add(keyLocation != null ? keyLocation : location, message);
    }

    List<YamlNode> items() {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            expected("a list");
            return null;
        }
        List<YamlNode> out = new ArrayList<>();
        int i = 0;
        for (Node n : s.getValue()) {
            out.add(new YamlNode(n, at(n, context.file(), path() + "[" + i + "]"), context));
            i++;
        }
        return out;
    }

    /** The text of a scalar with {@code ${ENV}} expanded; {@code null} (after a report) when it is not a scalar. */
    String string() {
        if (!(node instanceof ScalarNode s)) {
            expected("a string");
            return null;
        }
        try {
            return context.env().expand(s.getValue());
        } catch (EnvExpander.ExpansionException e) {
            problem(e.getMessage());
            return null;
        }
    }

    /** The values of the environment variables this scalar refers to (for the redactor). */
    List<String> envValues() {
        return node instanceof ScalarNode s ? context.env().valuesIn(s.getValue()) : List.of();
    }

    /** The text of a scalar as written, before expansion; for messages, so that no secret is quoted. */
    String raw() {
        return node instanceof ScalarNode s ? s.getValue() : kindName();
    }

    /** A string that must not be empty. */
    String name() {
        String s = string();
        if (s != null && s.isBlank()) {
            problem("expected a name, got an empty string");
            return null;
        }
        return s;
    }

    /** A string, or a list of strings; a single string is a list of one. */
    List<String> names() {
        if (node instanceof ScalarNode) {
            String s = name();
            return s == null ? null : List.of(s);
        }
        List<YamlNode> items = items();
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : items) {
            String s = item.name();
            if (s == null) {
                ok = false;
            } else if (out.contains(s)) {
                item.problem("'" + s + "' is listed twice");
            } else {
                out.add(s);
            }
        }
        return ok ? List.copyOf(out) : null;
    }

    /**
     * A scalar read as a typed value: a quoted scalar is text unless it came from the environment,
     * a plain one is interpreted as YAML's core schema does.
     */
    private String typedText(String what) {
        if (!(node instanceof ScalarNode s)) {
            expected(what);
            return null;
        }
        boolean fromEnv = EnvExpander.refersToEnv(s.getValue());
        if (s.getScalarStyle() != ScalarStyle.PLAIN && !fromEnv) {
            problem("expected " + what + ", got the quoted string '" + s.getValue() + "'");
            return null;
        }
        return string();
    }

    Boolean bool() {
        String s = typedText("true or false");
        if (s == null) {
            return null;
        }
        if (TRUES.contains(s)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(s)) {
            return Boolean.FALSE;
        }
        problem("expected true or false, got '" + raw() + "'");
        return null;
    }

    /** A whole number within {@code min..max}. */
    Integer integer(int min, int max) {
        String s = typedText("a whole number");
        if (s == null) {
            return null;
        }
        if (!INTEGER.matcher(s).matches()) {
            problem("expected a whole number, got '" + raw() + "'");
            return null;
        }
        BigInteger n = new BigInteger(s);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            problem("expected a whole number from " + min + " to " + max + ", got " + s);
            return null;
        }
        return n.intValue();
    }

    /** A positive number, whole or not. */
    BigDecimal positiveNumber() {
        String s = typedText("a number");
        if (s == null) {
            return null;
        }
        if (!INTEGER.matcher(s).matches() && !DECIMAL.matcher(s).matches()) {
            problem("expected a number, got '" + raw() + "'");
            return null;
        }
        BigDecimal d = new BigDecimal(s);
        if (d.signum() <= 0) {
            problem("expected a number above 0, got " + s);
            return null;
        }
        return d;
    }

    /**
     * A constant as YAML's core schema reads it: {@code true}/{@code false} as Boolean, whole numbers
     * as Long (or BigDecimal beyond 64 bits), other numbers as BigDecimal (never a double: a default
     * of {@code 0.1} is exactly 0.1), a quoted scalar as String. YAML null is {@code null}.
     */
    Object constant() {
        if (!(node instanceof ScalarNode s)) {
            expected("a constant (text, number or true/false)");
            return null;
        }
        if (isNull()) {
            return null;
        }
        String text = string();
        if (text == null || s.getScalarStyle() != ScalarStyle.PLAIN) {
            return text;
        }
        if (TRUES.contains(text)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(text)) {
            return Boolean.FALSE;
        }
        if (INTEGER.matcher(text).matches()) {
            BigInteger n = new BigInteger(text);
            return n.bitLength() < 64 ? (Object) n.longValue() : new BigDecimal(n);
        }
        if (DECIMAL.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        return text;
    }
}
