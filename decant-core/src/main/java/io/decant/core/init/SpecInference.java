package io.decant.core.init;

import io.decant.core.schema.Column;
import io.decant.core.schema.ForeignKey;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spec.Naming;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code decant init}: reads the source's and the target's schemas through the SPI, samples the
 * source's first rows, and proposes a spec. It pairs tables and columns ({@link Pairing}), sets the
 * naming rule that explains most pairs, renames what the rule does not explain, picks a cast for
 * each type difference that the sampled values all pass ({@link CastGuess}), and gives keys that
 * become UUIDs an id strategy. What no schema can tell (an id strategy, a merge, a source table with
 * no target) is written as a working choice or an exclusion with a {@code # TODO} that lists the options.
 * With no target tables it proposes {@code --create-schema}: the casts that the values show.
 */
public final class SpecInference {
    private final SourceDatabase source;
    private final TargetDatabase target;
    private final long sampleRows;
    private long sampled;

    /**
     * @param target     null, or a target whose tables the spec loads into; empty means --create-schema
     * @param sampleRows rows read per table to choose casts (the first ones the source gives)
     */
    public SpecInference(SourceDatabase source, TargetDatabase target, long sampleRows) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = target;
        this.sampleRows = sampleRows;
    }

    /** @param schemaRef the path or URL of decant.schema.json written on the first line, for editors */
    public InitResult infer(String schemaRef) {
        List<Table> sources = sorted(source.tables());
        List<Table> targets = target == null ? List.of() : sorted(target.tables());
        Draft d = new Draft();
        d.header.add("Proposed by decant init from " + source.displayUrl()
                + (target == null ? "" : " into " + target.displayUrl()) + ", on the first " + sampleRows
                + " rows of each table.");
        d.header.add("Each guess says why at the end of its line; each TODO needs a decision (decant init lists them).");
        int matched;
        int without;
        if (targets.isEmpty()) {
            createSchema(d, sources);
            matched = 0;
            without = sources.size();
        } else {
            Map<Integer, Pairing.Pair> pairs = Pairing.pair(names(sources), names(targets),
                    (i, j) -> Objects.equals(sources.get(i).id().schema(), targets.get(j).id().schema())
                            || target.resolve(sources.get(i).id().schema(), sources.get(i).name()).equals(targets.get(j).id()));
            loadInto(d, sources, targets, pairs);
            matched = pairs.size();
            without = sources.size() - pairs.size();
        }
        InitResult.Written w = SpecWriter.write(d, schemaRef);
        try {
            // a spec its own parser refuses is a bug of init's, never a file handed to a user
            io.decant.core.spec.SpecLoader.parse(w.text(), "decant.yaml", Map.of());
        } catch (io.decant.core.error.DecantException e) {
            throw new IllegalStateException("decant init wrote a spec that decant refuses: " + e.getMessage(), e);
        }
        return new InitResult(w.text(), w.decisions(), matched, without, sampled, targets.isEmpty());
    }

    private static List<Table> sorted(List<Table> tables) {
        return tables.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    private static List<String> names(List<Table> tables) {
        return tables.stream().map(Table::name).toList();
    }

    // ---- into an existing schema ----

    private void loadInto(Draft d, List<Table> sources, List<Table> targets, Map<Integer, Pairing.Pair> tablePairs) {
        Map<Table, Table> tableOf = new LinkedHashMap<>();
        Map<Table, Map<Integer, Pairing.Pair>> columnPairs = new HashMap<>();
        List<String[]> namePairs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Pairing.Pair p = tablePairs.get(i);
            if (p == null) {
                continue;
            }
            Table s = sources.get(i);
            Table t = targets.get(p.target());
            tableOf.put(s, t);
            namePairs.add(new String[] {s.name(), t.name()});
            Map<Integer, Pairing.Pair> cp = Pairing.pair(s.columnNames(), t.columnNames());
            columnPairs.put(s, cp);
            cp.values().forEach(c -> namePairs.add(new String[] {s.columnNames().get(c.source()), t.columnNames().get(c.target())}));
        }
        Naming naming = Pairing.naming(namePairs);
        d.naming = naming.spelling();
        d.namingComment = "explains " + Pairing.explained(naming, namePairs) + " of " + namePairs.size()
                + " paired table and column names; the others are renamed below";

        Map<TableId, Table> byId = new HashMap<>();
        sources.forEach(s -> byId.put(s.id(), s));
        // keys that change type: the id strategy or the cast decides their references too
        Map<TableId, String> keyDecided = new HashMap<>();
        Map<Table, List<Object>[]> samples = new HashMap<>();
        for (var e : tableOf.entrySet()) {
            samples.put(e.getKey(), sample(e.getKey()));
        }
        for (var e : tableOf.entrySet()) {
            keyDecision(d, e.getKey(), e.getValue(), columnPairs.get(e.getKey()), samples.get(e.getKey()), keyDecided);
        }
        for (Table s : sources) {
            Table t = tableOf.get(s);
            if (t == null) {
                d.excluded.add(new Draft.Excluded(s.id().display(), noTarget(s, targets, tableOf)));
                continue;
            }
            d.tables.add(table(s, t, naming, columnPairs.get(s), samples.get(s), keyDecided, targets, byId, tableOf));
        }
        for (Table s : tableOf.keySet()) {
            for (ForeignKey fk : s.foreignKeys()) {
                Table parent = byId.get(fk.refTable());
                if (parent != null && !tableOf.containsKey(parent) && !keyDecided.containsKey(parent.id())) {
                    d.idTodos.add(s.id().display() + "." + String.join(",", fk.columns()) + " references "
                            + parent.id().display() + ", which has no target table: its values are kept as they are.\n"
                            + "If the rows of " + parent.id().display() + " get new ids elsewhere (users moved to a new auth"
                            + " provider), remap them here: ids: {" + parent.id().display() + ": {strategy: http | match |"
                            + " file}} (docs/spec.md, Ids)");
                    keyDecided.put(parent.id(), "noted");
                }
            }
        }
        List<String> unfilled = new ArrayList<>();
        for (Table t : targets) {
            if (!tableOf.containsValue(t)) {
                unfilled.add(t.id().display());
            }
        }
        if (!unfilled.isEmpty()) {
            d.header.add("Target tables that no source table fills (left as they are): " + String.join(", ", unfilled) + ".");
        }
    }

    /** A source table's key whose target is a UUID: a cast when every sampled value is one, else an id strategy. */
    private void keyDecision(Draft d, Table s, Table t, Map<Integer, Pairing.Pair> pairs, List<Object>[] sample,
                             Map<TableId, String> keyDecided) {
        if (s.primaryKey().size() != 1) {
            return;
        }
        int i = s.columnNames().indexOf(s.primaryKey().get(0));
        Pairing.Pair p = i < 0 ? null : pairs.get(i);
        if (p == null) {
            return;
        }
        Column sc = s.columns().get(i);
        Column tc = t.columns().get(p.target());
        if (tc.type().kind() != Kind.UUID || sc.type().kind() == Kind.UUID
                || s.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(sc.name()))) {
            return; // a key that is also a foreign key follows the key it references
        }
        if (sc.type().kind() == Kind.TEXT && CastGuess.allUuids(sample[i])) {
            keyDecided.put(s.id(), "cast");
            return;
        }
        String legacy = null;
        for (int j = 0; j < t.columns().size(); j++) {
            final int jj = j;
            Column c = t.columns().get(j);
            boolean fed = pairs.values().stream().anyMatch(x -> x.target() == jj);
            String k = Names.key(c.name());
            if (!fed && c.type().kind() == Kind.TEXT && (k.contains("legacy") || k.equals("oldid"))) {
                legacy = c.name();
                break;
            }
        }
        Object notUuid = sample[i].stream().filter(v -> !CastGuess.allUuids(List.of(v))).findFirst().orElse(null);
        String example = notUuid == null ? "" : " shaped like " + ValueShapes.shape(notUuid);
        keyDecided.put(s.id(), "ids");
        d.ids.add(new Draft.IdEntry(s.id().display(), "uuid5", legacy,
                s.id().display() + "." + sc.name() + " holds " + sc.sourceType() + " ids" + example
                        + ", target " + t.id().display() + "." + tc.name() + " a uuid",
                "id strategy for " + s.id().display() + ": uuid5 as written (a UUID derived from each old id, the same"
                        + " on every run; every foreign key follows),\nor uuid (random), file (a mapping someone made),"
                        + " match (the target's row with the same email, ...), http (an auth provider's API)"));
    }

    private Draft.TableEntry table(Table s, Table t, Naming naming, Map<Integer, Pairing.Pair> pairs, List<Object>[] sample,
                                   Map<TableId, String> keyDecided, List<Table> targets, Map<TableId, Table> byId,
                                   Map<Table, Table> tableOf) {
        Draft.TableEntry e = new Draft.TableEntry(s.id().display());
        TableId asNamed = target.resolve(s.id().schema(), naming.apply(s.name()));
        if (!asNamed.equals(t.id())) {
            e.into = t.name();
            e.intoComment = Names.why(s.name(), t.name());
        }
        List<String> unmatched = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < s.columns().size(); i++) {
            Column sc = s.columns().get(i);
            Pairing.Pair p = pairs.get(i);
            if (p == null) {
                unmatched.add(sc.name());
                continue;
            }
            kept.add(sc.name());
            Column tc = t.columns().get(p.target());
            List<String[]> keys = new ArrayList<>();
            List<String> why = new ArrayList<>();
            String todo = null;
            boolean fails = false;
            if (!sameColumn(naming.apply(sc.name()), tc.name(), t)) {
                keys.add(new String[] {"to", SpecWriter.scalar(tc.name())});
                why.add(Names.why(sc.name(), tc.name()));
            }
            boolean key = s.primaryKey().size() == 1 && s.primaryKey().get(0).equals(sc.name());
            String refersTo = referencedDecision(s, sc, keyDecided);
            if (refersTo != null) {
                key = false; // decided by the key it references
            }
            if (!sc.isSupported()) {
                if (!sc.sameNativeType(tc)) {
                    keys.add(new String[] {"skip", "true"});
                    todo = sc.sourceType() + " is a type decant does not model (" + sc.unsupported() + "); options: skip"
                            + " (as written), or as_text: true to move the database's text";
                }
            } else if (key && "ids".equals(keyDecided.get(s.id()))) {
                why.add("new ids from the id strategy below");
            } else if (key && "cast".equals(keyDecided.get(s.id()))) {
                keys.add(new String[] {"cast", "uuid"});
                why.add(sample[i].size() + " sampled values: UUID-shaped text; foreign keys to it follow");
            } else if (refersTo != null) {
                if (!why.isEmpty() || sc.type().kind() != tc.type().kind()) {
                    why.add("follows " + refersTo);
                }
            } else {
                CastGuess.Guess g = CastGuess.decide(sc, tc, sample[i], s.columns());
                if (g != null) {
                    if (g.value() != null) {
                        keys.add(new String[] {"value", g.value()});
                    }
                    if (g.cast() != null) {
                        keys.add(new String[] {"cast", g.cast()});
                    } else if (g.value() == null) {
                        keys.add(new String[] {"skip", "true"});
                    }
                    if (g.comment() != null) {
                        why.add(g.comment());
                    }
                    todo = g.todo();
                    fails = g.fails();
                }
            }
            if (keys.stream().anyMatch(k -> k[0].equals("skip"))) {
                // skip is the whole entry: the spec refuses a skipped column with anything else (its TODO names the target)
                keys = List.<String[]>of(new String[] {"skip", "true"});
                why.clear();
            }
            if (!keys.isEmpty() || todo != null) {
                e.columns.add(new Draft.ColumnEntry(sc.name(), keys, why.isEmpty() ? null : String.join("; ", why), todo,
                        fails));
            }
        }
        for (String name : unmatched) {
            String closest = closestUnfed(name, t, pairs);
            e.columns.add(new Draft.ColumnEntry(name, List.<String[]>of(new String[] {"skip", "true"}), null,
                    "target " + t.id().display() + " has no column for " + name + "; options: leave it out (as written)"
                            + (closest == null ? "" : ", to: " + closest) + ", or merge it into another table (see above)"));
        }
        String merge = MergeHint.find(s, t, unmatched, kept, targets, tableOf);
        if (merge != null) {
            e.todos.add(merge);
        }
        java.util.Set<String> mustBeFed = target.mustBeFed(t);
        for (int j = 0; j < t.columns().size(); j++) {
            final int jj = j;
            Column tc = t.columns().get(j);
            boolean fed = pairs.values().stream().anyMatch(x -> x.target() == jj);
            if (!fed && !tc.nullable() && tc.identity() == Column.Identity.NONE) {
                String todo = "target column " + t.id().display() + "." + tc.name() + " is NOT NULL and no source column"
                        + " feeds it: unless the target gives it a default, add: {" + tc.name() + ": {value: EXPRESSION}}";
                e.todos.add(todo);
                if (mustBeFed.contains(tc.name())) {
                    e.failingTodos.add(todo); // it has no default there: plan refuses until the spec gives a value
                }
            }
        }
        return e;
    }

    /** Whether the target table takes {@code name} for {@code column}: the same, or the only one equal but for case. */
    private static boolean sameColumn(String name, String column, Table t) {
        if (name.equals(column)) {
            return true;
        }
        return name.equalsIgnoreCase(column)
                && t.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).count() == 1;
    }

    /** "users.id" when {@code c} is a foreign key to a key whose type the spec changes; else null. */
    private static String referencedDecision(Table s, Column c, Map<TableId, String> keyDecided) {
        for (ForeignKey fk : s.foreignKeys()) {
            int at = fk.columns().indexOf(c.name());
            if (at >= 0 && keyDecided.containsKey(fk.refTable()) && !"noted".equals(keyDecided.get(fk.refTable()))) {
                return fk.refTable().display() + "." + fk.refColumns().get(at);
            }
        }
        return null;
    }

    private static String closestUnfed(String name, Table t, Map<Integer, Pairing.Pair> pairs) {
        String best = null;
        double bestSim = 0.5;
        for (int j = 0; j < t.columns().size(); j++) {
            final int jj = j;
            if (pairs.values().stream().anyMatch(x -> x.target() == jj)) {
                continue;
            }
            double sim = Names.similarity(name, t.columns().get(j).name());
            if (sim > bestSim) {
                bestSim = sim;
                best = t.columns().get(j).name();
            }
        }
        return best;
    }

    private static String noTarget(Table s, List<Table> targets, Map<Table, Table> tableOf) {
        String merge = MergeHint.forUnpaired(s, targets);
        return "no target table for " + s.id().display() + " (" + s.columns().size() + " columns); options: leave it out"
                + " (as written)" + (merge == null ? "" : ", " + merge) + ", or create it: migrate --create-schema"
                + " --tables " + s.id().display();
    }

    // ---- no target tables: --create-schema ----

    private void createSchema(Draft d, List<Table> sources) {
        d.header.add("The target has no tables: load with migrate --create-schema, which creates each table from the");
        d.header.add("source's, with the casts below.");
        d.namingTodo = "naming of the created tables and columns: preserve (as written), snake_case or camelCase";
        for (Table s : sources) {
            List<Object>[] sample = sample(s);
            Draft.TableEntry e = new Draft.TableEntry(s.id().display());
            String merge = MergeHint.oneToOne(s);
            if (merge != null) {
                e.todos.add(merge);
            }
            for (int i = 0; i < s.columns().size(); i++) {
                Column c = s.columns().get(i);
                // a foreign key column is created with its key's type: a cast on the key follows it, one of its own
                // could make the two differ and the foreign key impossible
                boolean reference = s.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(c.name()));
                String[] guess = reference ? null : ValueShapes.createdCast(c, sample[i]);
                if (guess != null) {
                    e.columns.add(new Draft.ColumnEntry(c.name(), List.<String[]>of(new String[] {"cast", guess[0]}),
                            guess[1], null));
                } else if (!c.isSupported() && c.nativeType() == null) {
                    e.columns.add(new Draft.ColumnEntry(c.name(), List.<String[]>of(new String[] {"skip", "true"}), null,
                            c.sourceType() + " is a type decant does not model (" + c.unsupported() + "); options: skip"
                                    + " (as written), or as_text: true"));
                }
            }
            d.tables.add(e);
        }
    }

    private List<Object>[] sample(Table t) {
        SourceSample.Sampled r = SourceSample.first(source, t, sampleRows);
        sampled += r.rows();
        return r.values();
    }
}
