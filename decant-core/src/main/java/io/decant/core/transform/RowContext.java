package io.decant.core.transform;

import java.util.Map;
import org.apache.commons.jexl3.JexlContext;

/** The columns of one row, read-only, as JEXL variables: one small object per evaluation, no copying. */
final class RowContext implements JexlContext {
    private final Map<String, Integer> index;
    private final Object[] row;

    RowContext(Map<String, Integer> index, Object[] row) {
        this.index = index;
        this.row = row;
    }

    @Override
    public Object get(String name) {
        Integer i = index.get(name);
        return i == null ? null : row[i];
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("an expression cannot assign " + name);
    }

    @Override
    public boolean has(String name) {
        return index.containsKey(name);
    }
}
