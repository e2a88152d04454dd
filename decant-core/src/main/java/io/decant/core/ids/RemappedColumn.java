package io.decant.core.ids;

import io.decant.core.schema.TableId;

/**
 * A column whose values are ids of a remapped table, for the planner to rewrite and for
 * {@code plan} to list.
 *
 * @param map      the {@link IdMap} to rewrite through: the table as named under {@code ids:}
 * @param jsonPath {@code null} for the column's own value, else the path of the ids inside its JSON
 * @param why      for people: the foreign-key chain ({@code users.id <- profiles.user_id (fk_p) <- x.profile_id (fk_x)}),
 *                 the key itself, or where the spec names it ({@code named in spec at ids.users.references[0]})
 */
public record RemappedColumn(TableId table, String column, String map, String jsonPath, String why) {
    /** {@code habits.user_id} or {@code events.payload$.owner.id}. */
    public String display() {
        return table.display() + "." + column + (jsonPath == null ? "" : jsonPath);
    }
}
