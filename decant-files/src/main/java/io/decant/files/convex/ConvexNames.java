package io.decant.files.convex;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table and field names that Convex accepts, checked when a table is created or opened, before a row
 * is written: a name Convex refuses would otherwise surface only in {@code npx convex import}, after
 * the migration reported success. The fix is always a rename in the spec, so the message says so.
 */
public final class ConvexNames {
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_FIELD = 1024;

    private ConvexNames() {
    }

    public static void check(Table t, List<Column> columns) {
        List<String> problems = new ArrayList<>();
        String name = t.id().name();
        if (!TABLE.matcher(name).matches()) {
            problems.add("table name '" + name + "' is not a Convex table name (a letter, then letters, digits or _, "
                    + "at most 64); rename it with into:");
        }
        for (Column c : columns) {
            String why = fieldProblem(c.name());
            if (why != null) {
                problems.add("field '" + c.name() + "' " + why + "; rename it with to:");
            }
        }
        if (!problems.isEmpty()) {
            throw DecantException.usage("convex: " + t.id().display() + ": " + String.join("; ", problems));
        }
    }

    /** Why Convex refuses {@code name} as a top-level field, or {@code null}. */
    static String fieldProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_FIELD) {
            return "is longer than " + MAX_FIELD + " characters";
        }
        if (name.startsWith("$")) {
            return "starts with $, which Convex reserves";
        }
        if (name.startsWith("_")) {
            return "starts with _, which Convex reserves for system fields (_id, _creationTime)";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                return "holds a character other than printable ASCII";
            }
        }
        return null;
    }
}
