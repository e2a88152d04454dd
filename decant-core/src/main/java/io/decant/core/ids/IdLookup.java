package io.decant.core.ids;

/**
 * Old id -> new id for one referencing column, with the conversion between the column's
 * representation and the key's chosen once, at plan time ({@link IdMap#lookupFor}).
 * Returns {@code null} when the value is not in the map; the orphan policy decides what that means.
 * NULL is never looked up: the caller keeps NULL as NULL before asking.
 */
@FunctionalInterface
public interface IdLookup {
    Object lookup(Object oldValue);
}
