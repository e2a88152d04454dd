package io.decant.core.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A key the spec declares unique in a table's target ({@code unique:}), which {@code verify} checks
 * for duplicates like a unique constraint. Each term is a target column, or {@code lower},
 * {@code upper} or {@code trim} of a term ({@code lower(trim(email))}). The grammar is parsed here,
 * never passed on as SQL. As in SQL, rows whose key has a NULL in any term are not duplicates of
 * anything.
 *
 * @param terms in key order, at least one
 * @param path  where the key is written, for messages: {@code tables.users.unique[0]}
 */
public record UniqueKey(List<Term> terms, String path) {
    public UniqueKey {
        terms = List.copyOf(terms);
        Objects.requireNonNull(path, "path");
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a key has at least one term");
        }
    }

    /** A function of a term. Each maps NULL to NULL and has the same name in PostgreSQL, SQLite and MySQL. */
    public enum Function {
        /** Unicode lower case, independent of any locale. */
        LOWER,
        /** Unicode upper case, independent of any locale. */
        UPPER,
        /** Spaces (U+0020, and nothing else) removed at both ends, as SQL's {@code trim(x)} does. */
        TRIM;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        String apply(String s) {
            return switch (this) {
                case LOWER -> s.toLowerCase(Locale.ROOT);
                case UPPER -> s.toUpperCase(Locale.ROOT);
                case TRIM -> {
                    int from = 0;
                    int to = s.length();
                    while (from < to && s.charAt(from) == ' ') {
                        from++;
                    }
                    while (to > from && s.charAt(to - 1) == ' ') {
                        to--;
                    }
                    yield s.substring(from, to);
                }
            };
        }

        static List<String> spellings() {
            return Arrays.stream(values()).map(Function::spelling).toList();
        }
    }

    /**
     * One part of a key.
     *
     * @param column    a column of the table's target
     * @param functions applied to the column's value, outermost first: {@code [lower, trim]} is {@code lower(trim(c))}
     * @param path      where the term is written, for messages
     */
    public record Term(String column, List<Function> functions, String path) {
        public Term {
            Objects.requireNonNull(column, "column");
            functions = List.copyOf(functions);
            Objects.requireNonNull(path, "path");
        }

        /** A column as it is, as in a unique constraint. */
        public static Term of(String column) {
            return new Term(column, List.of(), "");
        }

        /** The term's value for a column value: the functions applied to text; NULL stays NULL. */
        public Object apply(Object value) {
            if (!(value instanceof String s)) {
                return value;
            }
            for (int i = functions.size() - 1; i >= 0; i--) {
                s = functions.get(i).apply(s);
            }
            return s;
        }

        /** The term as SQL over an already quoted column: {@code lower("email")}. */
        public String sql(String quotedColumn) {
            StringBuilder sb = new StringBuilder();
            functions.forEach(f -> sb.append(f.spelling()).append('('));
            sb.append(quotedColumn);
            sb.append(")".repeat(functions.size()));
            return sb.toString();
        }

        Term withColumn(String name) {
            return new Term(name, functions, path);
        }

        /** As written: {@code lower(trim(email))}. */
        @Override
        public String toString() {
            return sql(column);
        }
    }

    public List<String> columns() {
        return terms.stream().map(Term::column).toList();
    }

    /** Whether every term is a plain column: then the key is the same as a unique constraint on them. */
    public boolean isPlain() {
        return terms.stream().allMatch(t -> t.functions().isEmpty());
    }

    /** The same key over other column names, such as the target's own spelling of them. */
    public UniqueKey withColumns(UnaryOperator<String> rename) {
        return new UniqueKey(terms.stream().map(t -> t.withColumn(rename.apply(t.column()))).toList(), path);
    }

    /** As written, terms separated by commas: {@code org_id, lower(name)}. */
    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(", "));
    }

    /**
     * Parses one term: {@code column}, or {@code f(term)} with f one of lower, upper, trim. Throws
     * {@link IllegalArgumentException} with a message for the user.
     */
    static Term parseTerm(String text, String path) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected a column, or lower(column), upper(column) or trim(column); got an"
                    + " empty string");
        }
        List<Function> functions = new ArrayList<>();
        while (true) {
            int open = s.indexOf('(');
            if (open < 0) {
                break;
            }
            String name = s.substring(0, open).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': a parenthesis needs a function before it: lower, upper or"
                        + " trim");
            }
            if (!s.endsWith(")")) {
                int close = s.lastIndexOf(')');
                throw new IllegalArgumentException(close < 0 ? "'" + text + "': missing ')'"
                        : "'" + text + "': unexpected '" + s.substring(close + 1).strip() + "' after ')'");
            }
            Function f = function(name, text);
            functions.add(f);
            s = s.substring(open + 1, s.length() - 1).strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': " + f.spelling() + "() needs a column, as in "
                        + f.spelling() + "(email)");
            }
        }
        if (s.indexOf(')') >= 0) {
            throw new IllegalArgumentException("'" + text + "': unbalanced ')'");
        }
        if (s.indexOf(',') >= 0) {
            throw new IllegalArgumentException("'" + text + "': " + (functions.isEmpty()
                    ? "one column per term; write a key of several columns as a list, as in [org_id, lower(name)]"
                    : functions.get(functions.size() - 1).spelling() + " takes one column"));
        }
        return new Term(s, functions, path);
    }

    private static Function function(String name, String text) {
        for (Function f : Function.values()) {
            if (f.spelling().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "': unknown function '" + name + "'"
                + Suggest.hint(name, Function.spellings()) + "; known: " + String.join(", ", Function.spellings()));
    }
}
