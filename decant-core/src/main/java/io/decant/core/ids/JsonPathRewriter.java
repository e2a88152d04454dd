package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.type.LogicalType;
import io.decant.core.util.JsonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the ids at one JSON path of a document through an {@link IdMap}: {@code $.owner.id},
 * {@code $.members[*].id}, {@code $.a.b[2]}. Strings and integers at the path are looked up; the new
 * id keeps the JSON form of the old one (a string stays a string; a number stays a number when the
 * new id is an integer, else becomes a string). A path that is absent in a document is
 * nothing to rewrite; a value that is not in the map (or is not a scalar) is left as it was and
 * reported in {@link Result#unmapped()}, for the orphan policy to decide. Everything else of the
 * document keeps its value, key order and number spelling; a document with nothing rewritten is
 * returned as the very same text, whitespace included.
 */
public final class JsonPathRewriter {
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\[([0-9]+|\\*)]");
    private static final ObjectMapper MAPPER = JsonMappers.EXACT_MAPPER;

    private enum StepKind { FIELD, INDEX, EVERY }

    /** Java 17 has no pattern switch: a kind plus the field or index it needs. */
    private record Step(StepKind kind, String name, int index) {
    }

    /** A value at the path that could not be rewritten: {@code path} is concrete ({@code $.members[1].id}). */
    public record Unmapped(String path, String value) {
    }

    public record Result(String json, boolean changed, List<Unmapped> unmapped) {
        public Result {
            unmapped = List.copyOf(unmapped);
        }
    }

    private final String path;
    private final List<Step> steps;
    private final IdMap map;
    private final IdLookup text;
    private final IdLookup integer;

    private JsonPathRewriter(String path, List<Step> steps, IdMap map) {
        this.path = path;
        this.steps = steps;
        this.map = map;
        this.text = map.lookupFor(LogicalType.TEXT);
        // A number can be an integer id, never a UUID: for uuid keys every number is unmapped.
        this.integer = KeyValues.family(map.oldType()) == KeyValues.Family.UUID ? v -> null : map.lookupFor(LogicalType.INT64);
    }

    /** Compiles {@code path} ({@code $} followed by {@code .name}, {@code [n]} and {@code [*]} steps) for {@code map}. */
    public static JsonPathRewriter compile(String path, IdMap map) {
        if (!path.startsWith("$") || path.length() < 2) {
            throw bad(path);
        }
        List<Step> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(path);
            }
            if (m.group(1) != null) {
                steps.add(new Step(StepKind.FIELD, m.group(1), -1));
            } else if (m.group(2).equals("*")) {
                steps.add(new Step(StepKind.EVERY, null, -1));
            } else {
                steps.add(new Step(StepKind.INDEX, null, Integer.parseInt(m.group(2))));
            }
            at = m.end();
        }
        return new JsonPathRewriter(path, List.copyOf(steps), map);
    }

    private static DecantException bad(String path) {
        return new DecantException(ErrorCode.SPEC_INVALID, "'" + path + "' is not a JSON path such as $.owner.id, $.members[*].id or $.a.b[2]");
    }

    public String path() {
        return path;
    }

    public Result rewrite(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.VALUE_INVALID, ErrorContext.EMPTY.withValue(json),
                    "not a JSON document, so the ids at " + path + " cannot be rewritten: " + e.getMessage());
        }
        List<Unmapped> unmapped = new ArrayList<>();
        boolean changed = walk(root, 0, new StringBuilder("$"), unmapped);
        return new Result(changed ? root.toString() : json, changed, unmapped);
    }

    /** Walks to the parent of the last step, then replaces in place; returns whether anything changed. */
    private boolean walk(JsonNode node, int i, StringBuilder at, List<Unmapped> unmapped) {
        Step step = steps.get(i);
        boolean last = i == steps.size() - 1;
        boolean changed = false;
        int mark = at.length();
        switch (step.kind()) {
            case FIELD -> {
                String f = step.name();
                if (node instanceof ObjectNode o && o.has(f)) {
                    at.append('.').append(f);
                    changed = last ? replace(o.get(f), v -> o.set(f, v), at, unmapped) : walk(o.get(f), i + 1, at, unmapped);
                }
            }
            case INDEX -> {
                if (node instanceof ArrayNode a && step.index() < a.size()) {
                    changed = element(a, step.index(), i, last, at, unmapped);
                }
            }
            case EVERY -> {
                if (node instanceof ArrayNode a) {
                    for (int k = 0; k < a.size(); k++) {
                        changed |= element(a, k, i, last, at, unmapped);
                        at.setLength(mark);
                    }
                }
            }
        }
        at.setLength(mark);
        return changed;
    }

    private boolean element(ArrayNode a, int k, int i, boolean last, StringBuilder at, List<Unmapped> unmapped) {
        at.append('[').append(k).append(']');
        return last ? replace(a.get(k), v -> a.set(k, v), at, unmapped) : walk(a.get(k), i + 1, at, unmapped);
    }

    private boolean replace(JsonNode v, java.util.function.Consumer<JsonNode> set, StringBuilder at, List<Unmapped> unmapped) {
        if (v.isNull()) {
            return false;
        }
        Object neu = null;
        if (v.isTextual()) {
            neu = text.lookup(v.textValue());
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            neu = integer.lookup(v.longValue());
        }
        if (neu == null) {
            unmapped.add(new Unmapped(at.toString(), v.isValueNode() ? v.asText() : KeyValues.kindOf(v)));
            return false;
        }
        // An id written as a string stays a string; a number stays a number while the new id is one.
        set.accept(!v.isTextual() && neu instanceof Number n ? LongNode.valueOf(n.longValue()) : TextNode.valueOf(KeyValues.text(neu)));
        return true;
    }

    @Override
    public String toString() {
        return "JsonPathRewriter[" + map.table() + " at " + path + "]";
    }
}
