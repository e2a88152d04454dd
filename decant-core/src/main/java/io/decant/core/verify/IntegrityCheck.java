package io.decant.core.verify;

import java.util.List;

/**
 * A check on the target alone: orphans of a reference, duplicates of a key, NULLs in a required
 * column.
 *
 * @param kind     {@code orphans}, {@code duplicates} or {@code nulls}
 * @param subject  what was checked: {@code habit_logs.habit_id -> habits.id}
 * @param sql      the equivalent SQL a person can run themselves
 * @param examples some offending values or keys
 */
public record IntegrityCheck(String kind, String table, String subject, Status status, long count, String sql,
                             List<String> examples) {
    public IntegrityCheck {
        examples = List.copyOf(examples);
    }
}
