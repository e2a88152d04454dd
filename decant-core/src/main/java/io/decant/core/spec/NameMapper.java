package io.decant.core.spec;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each source name its target name: an explicit rename as written, else the name converted by
 * the spec's {@link Naming}. Two source names that end up the same ({@code userId} and
 * {@code user_id} under snake_case) are a collision: the loader cannot guess which one wins.
 * Names are compared exactly; the dialect decides how they are quoted.
 */
public final class NameMapper {
    private NameMapper() {
    }

    /** Two source names with the same target name. */
    public record Collision(String target, String first, String second) {
        public String message() {
            return first + " and " + second + " both become " + target;
        }
    }

    /**
     * @param targets source name -> target name, in the order of {@code sourceNames}
     * @param collisions empty when every target name is unique
     */
    public record Result(Map<String, String> targets, List<Collision> collisions) {
        public Result {
            targets = Immutables.map(targets);
            collisions = List.copyOf(collisions);
        }
    }

    /**
     * @param renames source name -> explicit target name; entries for names not in {@code sourceNames}
     *                are ignored (reporting them is {@link SpecCheck}'s job)
     */
    public static Result map(List<String> sourceNames, Map<String, String> renames, Naming naming) {
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        List<Collision> collisions = new java.util.ArrayList<>();
        for (String name : sourceNames) {
            String renamed = renames.get(name);
            String target = renamed != null ? renamed : naming.apply(name);
            targets.put(name, target);
            String before = owner.putIfAbsent(target, name);
            if (before != null) {
                collisions.add(new Collision(target, before, name));
            }
        }
        return new Result(targets, collisions);
    }

    /** Like {@link #map}, but a collision is a {@link ErrorCode#SPEC_INVALID} error; {@code what} says where ("columns of users"). */
    public static Map<String, String> mapOrThrow(String what, List<String> sourceNames, Map<String, String> renames,
                                                 Naming naming) {
        Result r = map(sourceNames, renames, naming);
        if (!r.collisions().isEmpty()) {
            throw new DecantException(ErrorCode.SPEC_INVALID, "name collision in " + what + ": "
                    + String.join("; ", r.collisions().stream().map(Collision::message).toList())
                    + "; rename one of them with 'to' (columns) or 'into' (tables)");
        }
        return r.targets();
    }
}
