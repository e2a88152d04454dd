package io.decant.core.transform;

import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;

/**
 * An expression compiled once at plan time; thread-safe. {@link #eval} takes the values of the
 * input columns, in the order of {@link #columns()}, as their logical representations, and returns
 * a value of {@link #resultType()}'s representation, or {@code null}.
 */
public final class CompiledExpression {
    private static final Pattern JEXL_PLACE = Pattern.compile("^\\S*@\\d+:\\d+(:\\d+)?\\s*");

    private final String text;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final JexlScript script;
    private final LogicalType resultType;
    private final Converter normalize;

    CompiledExpression(String text, List<String> columns, Map<String, Integer> index, JexlScript script,
                       LogicalType resultType, Converter normalize) {
        this.text = text;
        this.columns = List.copyOf(columns);
        this.index = Map.copyOf(index);
        this.script = script;
        this.resultType = resultType;
        this.normalize = normalize;
    }

    /** The expression as written in the spec; also the rule of its errors. */
    public String text() {
        return text;
    }

    /** The input columns, in the order {@link #eval} expects their values. */
    public List<String> columns() {
        return columns;
    }

    /** The columns the expression reads (a subset of {@link #columns()}). */
    public List<String> variables() {
        return script.getVariables().stream().map(v -> v.get(0)).distinct().sorted().toList();
    }

    /** The logical type of every non-null result. */
    public LogicalType resultType() {
        return resultType;
    }

    /**
     * @throws ConversionException when the expression fails for this row (NULL in arithmetic,
     *         division by zero, a result out of range); its rule is {@code expression: <text>}
     */
    public Object eval(Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + row.length);
        }
        Object out;
        try {
            out = script.execute(new RowContext(index, row));
        } catch (JexlException e) {
            throw ConversionException.invalid(rule(), clean(e));
        } catch (ArithmeticException e) {
            throw ConversionException.invalid(rule(), String.valueOf(e.getMessage()));
        }
        if (out == null) {
            return null;
        }
        try {
            return normalize.convert(out);
        } catch (ConversionException e) {
            throw new ConversionException(e.code(), rule(), e.getMessage());
        }
    }

    String rule() {
        return "expression: " + text;
    }

    /** JEXL's message without its own "name@line:column" prefix, which means nothing to a user of a spec. */
    static String clean(JexlException e) {
        Throwable cause = e.getCause();
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = cause != null ? String.valueOf(cause.getMessage()) : e.getClass().getSimpleName();
        }
        m = JEXL_PLACE.matcher(m).replaceFirst("");
        if (cause instanceof ArithmeticException a) {
            // JEXL reports a division by zero as an ArithmeticException whose message is just the operator
            String am = String.valueOf(a.getMessage());
            return am.equals("/") || am.equals("%") || am.contains("by zero") ? "division by zero" : am;
        }
        return m;
    }

    @Override
    public String toString() {
        return text + " -> " + resultType;
    }
}
