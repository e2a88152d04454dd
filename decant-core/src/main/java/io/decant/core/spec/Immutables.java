package io.decant.core.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Map.copyOf loses order; a spec's order is the order of plans and reports, so it is kept. */
final class Immutables {
    private Immutables() {
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
