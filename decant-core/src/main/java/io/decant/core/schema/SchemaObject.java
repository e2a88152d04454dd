package io.decant.core.schema;

/**
 * An object of a source table that {@code --create-schema} does not create on the target: an index
 * that is partial or over an expression (or of a kind the target has no form for), a CHECK
 * constraint, a trigger, a column's default. {@code plan} lists each one with its way out, so that nothing of the schema
 * is lost without a word.
 *
 * @param kind       what it is, which decides the way out
 * @param label      how the note names the kind: "partial index", "expression index", "FULLTEXT index", ...
 * @param name       its name in the source, or null where it has none (a SQLite CHECK without CONSTRAINT)
 * @param definition the source database's own SQL for it ({@code CREATE INDEX ...}, {@code CHECK (...)}), or
 *                   null where there is none worth printing (a trigger's body)
 * @param reason     why it is not created, or null when its kind alone is the reason
 * @param rebuilt    the index as a target of the source's own kind may build it (its {@link Index#definition}), when
 *                   it uses nothing such a target could lack; null otherwise
 */
public record SchemaObject(Kind kind, String label, String name, String definition, String reason, Index rebuilt) {
    public enum Kind { INDEX, CHECK, TRIGGER, DEFAULT }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public SchemaObject(Kind kind, String label, String name, String definition) {
        this(kind, label, name, definition, null, null);
    }

    /** This object, not created for {@code why}. */
    public SchemaObject because(String why) {
        return new SchemaObject(kind, label, name, definition, why, rebuilt);
    }

    /** One line for plan: what is not created, and how to get it on the target. */
    public String note() {
        String what = (name == null ? "unnamed " + label : label + " " + (PLAIN.matcher(name).matches() ? name
                : "\"" + name + "\"")) + " is not created" + (reason == null ? "" : " (" + reason + ")");
        return switch (kind) {
            case INDEX -> what + "; create it on the target after the load, from the source's definition: " + definition;
            case CHECK -> what + "; add it on the target after the load, from the source's definition: " + definition;
            case TRIGGER -> what + "; recreate it on the target from the application's migrations";
            case DEFAULT -> what + " (the rows carry their values; the default is for rows inserted later); set it on"
                    + " the target after the load, from the source's definition: " + definition;
        };
    }
}
