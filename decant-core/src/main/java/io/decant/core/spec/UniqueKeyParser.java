package io.decant.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a table's {@code unique} keys: each key a term ({@code email}, {@code lower(email)}) or a
 * list of terms. Each problem is reported at its node and the key left out, like the rest of
 * {@link SpecParser}.
 */
final class UniqueKeyParser {
    private UniqueKeyParser() {
    }

    /**
     * {@code unique: [lower(email), [org_id, lower(name)]]}: a list of keys, each one term or a list of
     * terms; a single key may be written without the list. Columns are checked against the target later.
     */
    static List<UniqueKey> unique(YamlNode node) {
        List<UniqueKey> out = new ArrayList<>();
        if (node.isScalar() && !node.isNull()) {
            UniqueKey k = uniqueKey(node);
            return k == null ? List.of() : List.of(k);
        }
        List<YamlNode> items = node.items();
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            node.problem("unique needs at least one key, such as [lower(email)]; remove it if there is none");
        }
        for (YamlNode item : items) {
            UniqueKey k = uniqueKey(item);
            if (k == null) {
                continue;
            }
            if (out.stream().anyMatch(o -> o.terms().stream().map(UniqueKey.Term::toString).toList()
                    .equals(k.terms().stream().map(UniqueKey.Term::toString).toList()))) {
                item.problem("key " + k + " is listed twice");
            } else {
                out.add(k);
            }
        }
        return out;
    }

    /** One key: a term, or a list of terms. */
    private static UniqueKey uniqueKey(YamlNode node) {
        if (node.isNull()) {
            node.problem("expected a key: a column, lower(column), upper(column), trim(column), or a list of them; got"
                    + " nothing");
            return null;
        }
        if (node.isMapping()) {
            node.problem("expected a key: a column, lower(column), upper(column), trim(column), or a list of them; got a"
                    + " mapping");
            return null;
        }
        if (node.isScalar()) {
            UniqueKey.Term t = term(node);
            return t == null ? null : new UniqueKey(List.of(t), node.path());
        }
        List<YamlNode> items = node.items();
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            node.problem("a key needs at least one column");
            return null;
        }
        List<UniqueKey.Term> terms = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : items) {
            UniqueKey.Term t = term(item);
            if (t == null) {
                ok = false;
            } else if (terms.stream().anyMatch(o -> o.toString().equals(t.toString()))) {
                item.problem("'" + t + "' is listed twice in this key");
            } else {
                terms.add(t);
            }
        }
        return ok && !terms.isEmpty() ? new UniqueKey(terms, node.path()) : null;
    }

    private static UniqueKey.Term term(YamlNode node) {
        if (!node.isScalar() || node.isNull()) {
            node.problem("expected a column, or lower(column), upper(column) or trim(column); got "
                    + (node.isMapping() ? "a mapping" : node.isNull() ? "nothing" : "a list"));
            return null;
        }
        String text = node.string();
        if (text == null) {
            return null;
        }
        try {
            return UniqueKey.parseTerm(text, node.path());
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }
}
