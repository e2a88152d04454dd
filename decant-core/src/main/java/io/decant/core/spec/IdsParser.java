package io.decant.core.spec;

import io.decant.core.util.Redactor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code ids:} part of a spec: one {@link IdSpec} per remapped table. */
final class IdsParser {
    static final Set<String> IDS = ordered("strategy", "legacy_column", "file", "namespace", "match", "http", "references");
    static final Set<String> MATCH = ordered("table", "column", "source_column", "case_insensitive");
    static final Set<String> HTTP = ordered("url", "method", "headers", "body", "id_pointer", "rate_per_second", "retries");
    static final Set<String> METHODS = ordered("POST", "PUT", "PATCH", "GET");
    /** {@code {{column}}} in an HTTP body template. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");
    /** Header names whose values are credentials even when written into the spec file itself. */
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(authorization|token|secret|key|cookie|password).*");

    private static Set<String> ordered(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    Map<String, IdSpec> parse(YamlNode node) {
        Map<String, IdSpec> out = new LinkedHashMap<>();
        Map<String, YamlNode> entries = node.entries();
        if (entries != null) {
            entries.forEach((table, n) -> {
                IdSpec s = idSpec(n);
                if (s != null) {
                    out.put(table, s);
                }
            });
        }
        return out;
    }

    private IdSpec idSpec(YamlNode node) {
        Map<String, YamlNode> f = node.fields(IDS);
        if (!node.isMapping()) {
            if (node.isNull()) {
                node.problem("missing key 'strategy'; known: " + String.join(", ", strategies().keySet()));
            }
            return null;
        }
        if (!f.containsKey("strategy")) {
            node.problem("missing key 'strategy'; known: " + String.join(", ", strategies().keySet()));
        }
        IdStrategy strategy = f.containsKey("strategy") ? SpecParser.choice(f.get("strategy"), strategies(), "id strategy") : null;
        String legacy = f.containsKey("legacy_column") ? f.get("legacy_column").name() : null;
        String file = f.containsKey("file") ? f.get("file").name() : null;
        UUID namespace = f.containsKey("namespace") ? uuid(f.get("namespace")) : null;
        MatchSpec match = f.containsKey("match") ? match(f.get("match")) : null;
        HttpSpec http = f.containsKey("http") ? http(f.get("http")) : null;
        List<Reference> refs = f.containsKey("references") ? references(f.get("references")) : List.of();
        if (strategy == null) {
            return null;
        }
        boolean ok = onlyFor(f, "file", strategy, IdStrategy.FILE)
                & onlyFor(f, "match", strategy, IdStrategy.MATCH)
                & onlyFor(f, "http", strategy, IdStrategy.HTTP)
                & onlyFor(f, "namespace", strategy, IdStrategy.UUID5);
        if (!ok || (f.containsKey("match") && match == null) || (f.containsKey("http") && http == null)) {
            return null;
        }
        return new IdSpec(strategy, legacy, file, namespace, match, http, refs);
    }

    /** An option that belongs to one strategy: required with it, an error with any other. */
    private static boolean onlyFor(Map<String, YamlNode> f, String key, IdStrategy strategy, IdStrategy owner) {
        if (f.containsKey(key) && strategy != owner) {
            f.get(key).keyProblem(key + " is only for strategy " + owner.spelling() + ", not " + strategy.spelling());
            return false;
        }
        if (!f.containsKey(key) && strategy == owner && owner != IdStrategy.UUID5) {
            f.get("strategy").problem("strategy " + owner.spelling() + " needs the key '" + key + "'");
            return false;
        }
        return true;
    }

    private static Map<String, IdStrategy> strategies() {
        return SpecParser.spellings(IdStrategy.values());
    }

    private static UUID uuid(YamlNode node) {
        String s = node.name();
        if (s == null) {
            return null;
        }
        try {
            return io.decant.core.transform.TextParsers.parseUuid(s);
        } catch (RuntimeException e) {
            node.problem("expected a UUID such as 6ba7b811-9dad-11d1-80b4-00c04fd430c8, got '" + node.raw() + "'");
            return null;
        }
    }

    private static MatchSpec match(YamlNode node) {
        Map<String, YamlNode> f = node.fields(MATCH);
        if (!node.isMapping()) {
            node.problem("expected a mapping with table and column");
            return null;
        }
        boolean missing = false;
        for (String k : List.of("table", "column")) {
            if (!f.containsKey(k)) {
                node.problem("missing key '" + k + "'");
                missing = true;
            }
        }
        String table = f.containsKey("table") ? f.get("table").name() : null;
        String column = f.containsKey("column") ? f.get("column").name() : null;
        String source = f.containsKey("source_column") ? f.get("source_column").name() : column;
        Boolean ci = f.containsKey("case_insensitive") ? f.get("case_insensitive").bool() : Boolean.FALSE;
        if (missing || table == null || column == null || source == null || ci == null) {
            return null;
        }
        return new MatchSpec(table, column, source, ci);
    }

    private static HttpSpec http(YamlNode node) {
        Map<String, YamlNode> f = node.fields(HTTP);
        if (!node.isMapping()) {
            node.problem("expected a mapping with url and id_pointer");
            return null;
        }
        boolean ok = true;
        for (String k : List.of("url", "id_pointer")) {
            if (!f.containsKey(k)) {
                node.problem("missing key '" + k + "'");
                ok = false;
            }
        }
        String url = f.containsKey("url") ? secret(f.get("url"), false) : null;
        if (url != null && !url.toLowerCase(Locale.ROOT).matches("https?://.+")) {
            f.get("url").problem("expected an http:// or https:// URL");
            ok = false;
        }
        String method = f.containsKey("method") ? method(f.get("method")) : HttpSpec.DEFAULT_METHOD;
        Map<String, String> headers = new LinkedHashMap<>();
        if (f.containsKey("headers")) {
            Map<String, YamlNode> entries = f.get("headers").entries();
            if (entries != null) {
                entries.forEach((name, v) -> {
                    String value = secret(v, SECRET_HEADER.matcher(name).matches());
                    if (value != null) {
                        headers.put(name, value);
                    }
                });
            }
        }
        String body = f.containsKey("body") ? secret(f.get("body"), false) : null;
        if (body != null) {
            String stripped = PLACEHOLDER.matcher(body).replaceAll("");
            if (stripped.contains("{{") || stripped.contains("}}")) {
                f.get("body").problem("malformed placeholder in body; write {{column}}");
                ok = false;
            }
        }
        String pointer = f.containsKey("id_pointer") ? f.get("id_pointer").string() : null;
        if (pointer != null && !pointer.startsWith("/")) {
            f.get("id_pointer").problem("expected a JSON pointer such as /id or /user/id, got '" + pointer + "'");
            ok = false;
        }
        BigDecimal rate = f.containsKey("rate_per_second") ? f.get("rate_per_second").positiveNumber() : HttpSpec.DEFAULT_RATE;
        Integer retries = f.containsKey("retries") ? f.get("retries").integer(0, 100) : Integer.valueOf(HttpSpec.DEFAULT_RETRIES);
        if (!ok || url == null || method == null || pointer == null || rate == null || retries == null) {
            return null;
        }
        return new HttpSpec(url, method, headers, body, pointer, rate, retries);
    }

    /** HTTP methods are case-insensitive on the wire, so in the spec too. */
    private static String method(YamlNode node) {
        String s = node.name();
        if (s == null) {
            return null;
        }
        String m = s.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            node.problem("unknown HTTP method '" + node.raw() + "'; known: " + String.join(", ", METHODS));
            return null;
        }
        return m;
    }

    /**
     * A value that may carry a credential: the values of the environment variables it uses, and the
     * whole value of a credential header, are registered with the {@link Redactor} so that no
     * message, log or report can print them.
     */
    private static String secret(YamlNode node, boolean always) {
        String value = node.string();
        if (value != null) {
            node.envValues().forEach(Redactor.global()::register);
            if (always) {
                Redactor.global().register(value);
            }
        }
        return value;
    }

    private static List<Reference> references(YamlNode node) {
        List<YamlNode> items = node.items();
        if (items == null) {
            return List.of();
        }
        List<Reference> out = new ArrayList<>();
        for (YamlNode item : items) {
            String s = item.name();
            if (s == null) {
                continue;
            }
            try {
                out.add(Reference.parse(s));
            } catch (IllegalArgumentException e) {
                item.problem(e.getMessage());
            }
        }
        return out;
    }
}
