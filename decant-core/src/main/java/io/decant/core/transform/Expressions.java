package io.decant.core.transform;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spec.Spec;
import io.decant.core.spec.SpecLocation;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.Parser;
import org.apache.commons.jexl3.parser.StringProvider;

/**
 * Spec expressions ({@code value}, {@code where}, {@code add}), in Apache Commons JEXL 3, sandboxed:
 * one expression, no statements, no assignment or other side effect, no {@code new}, no method or
 * function calls, no property access, no loops, lambdas or literals of lists and maps; the sandbox
 * allows no Java class at all, as a second wall behind the grammar. Variables are the source row's
 * columns; a name that is not a column is a plan-time error naming it.
 *
 * <p>The result type is decided at compile time (see {@link ExpressionTyper} for the rules), or
 * declared ({@code type:}), in which case the inferred type must convert to it without loss. When the
 * column also has a {@code cast}, the cast is resolved from this result type, so an impossible pair
 * is a plan-time error like any other cast.
 */
public final class Expressions {
    private Expressions() {
    }

    /** The grammar decant allows; everything else fails to parse. */
    static final JexlFeatures FEATURES = new JexlFeatures()
            .script(false)
            .localVar(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .newInstance(false)
            .loops(false)
            .lambda(false)
            .thinArrow(false)
            .fatArrow(false)
            .methodCall(false)
            .structuredLiteral(false)
            .arrayReferenceExpr(false)
            .pragma(false)
            .pragmaAnywhere(false)
            .namespacePragma(false)
            .importPragma(false)
            .annotation(false)
            .register(false);

    private static final JexlEngine ENGINE = new JexlBuilder()
            .features(FEATURES)
            .sandbox(new JexlSandbox(false)) // false: no class is visible unless listed, and none is
            .permissions(JexlPermissions.RESTRICTED)
            .arithmetic(new DecantArithmetic())
            .namespaces(Map.of())
            .antish(false)
            .strict(true)
            .safe(false)
            .silent(false)
            .debug(false)
            .cache(0)
            .create();

    /** Compiles with the inferred result type and UTC for any zone-dependent conversion. */
    public static CompiledExpression compile(String expr, Map<String, LogicalType> inputColumns, SpecLocation location) {
        return compile(expr, inputColumns, null, ZoneOffset.UTC, location);
    }

    /**
     * @param inputColumns  the source row's columns and their types; the iteration order is the order
     *                      of the values handed to {@link CompiledExpression#eval}
     * @param declaredType  the column's {@code type:}, or {@code null} to use the inferred type
     * @param location      where the expression is written, for messages; may be {@code null}
     * @throws DecantException {@link ErrorCode#SPEC_INVALID} naming the problem and the expression
     */
    public static CompiledExpression compile(String expr, Map<String, LogicalType> inputColumns, LogicalType declaredType,
                                             ZoneId zone, SpecLocation location) {
        Map<String, LogicalType> columns = new LinkedHashMap<>(inputColumns);
        JexlScript script = parse(expr, location);
        LogicalType inferred;
        try {
            inferred = new ExpressionTyper(columns).resultType(tree(expr));
        } catch (ExpressionTyper.TypeError e) {
            throw invalid(expr, e.getMessage(), location);
        } catch (JexlException e) {
            throw invalid(expr, message(e), location);
        }
        Converter normalize = normalizer(inferred);
        LogicalType resultType = inferred;
        if (declaredType != null && !declaredType.equals(inferred)) {
            Conversions conversions = new Conversions(zone);
            if (!conversions.exists(inferred, declaredType)) {
                throw invalid(expr, "gives " + inferred + ", which cannot become the declared type " + declaredType,
                        location);
            }
            normalize = normalize.andThen(conversions.find(inferred, declaredType).converter());
            resultType = declaredType;
        }
        List<String> names = new ArrayList<>(columns.keySet());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        CompiledExpression compiled = new CompiledExpression(expr, names, index, script, resultType, normalize);
        if (script.getVariables().isEmpty()) {
            evalConstant(compiled, location); // a constant expression fails now, not on the first row
        }
        return compiled;
    }

    /** A {@code where} condition: like {@link #compile}, but the result must be boolean. */
    public static CompiledExpression compileCondition(String expr, Map<String, LogicalType> inputColumns,
                                                      SpecLocation location) {
        CompiledExpression c = compile(expr, inputColumns, location);
        if (c.resultType().kind() != Kind.BOOLEAN) {
            throw invalid(expr, "a condition must give true or false, not " + c.resultType(), location);
        }
        return c;
    }

    /**
     * Checks the grammar and the sandbox only, before the source's columns are known (the loader does
     * this, so that a typo fails before any connection). Returns the problem, or {@code null}.
     */
    public static String syntaxProblem(String expr) {
        try {
            parse(expr, null);
            tree(expr);
            return null;
        } catch (DecantException e) {
            return e.detail();
        } catch (JexlException e) {
            return "expression \"" + expr + "\": " + message(e);
        }
    }

    /** The names an expression reads; empty when it does not parse (its syntax problem is reported elsewhere). */
    public static java.util.Set<String> variables(String expr) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try {
            ENGINE.createScript(new JexlInfo("expression", 1, 1), expr).getVariables().forEach(v -> out.add(v.get(0)));
        } catch (JexlException | NullPointerException e) {
            return out;
        }
        return out;
    }

    private static JexlScript parse(String expr, SpecLocation location) {
        if (expr == null || expr.isBlank()) {
            throw invalid(String.valueOf(expr), "is empty", location);
        }
        try {
            return ENGINE.createScript(new JexlInfo("expression", 1, 1), expr);
        } catch (JexlException e) {
            throw invalid(expr, message(e), location);
        }
    }

    /** JEXL says "method call error in ..." for a construct the features forbid; decant says what it means. */
    private static String message(JexlException e) {
        String m = CompiledExpression.clean(e);
        return e instanceof JexlException.Feature ? m.replace(" error in ", " is not allowed: ") : m;
    }

    /** JEXL's syntax tree, for typing; parsed with the same features as the engine uses. */
    static ASTJexlScript tree(String expr) {
        return new Parser(new StringProvider(expr)).parse(new JexlInfo("expression", 1, 1), FEATURES, expr, null);
    }

    private static void evalConstant(CompiledExpression c, SpecLocation location) {
        try {
            c.eval(new Object[c.columns().size()]);
        } catch (ConversionException e) {
            throw invalid(c.text(), e.getMessage(), location);
        }
    }

    private static DecantException invalid(String expr, String message, SpecLocation location) {
        ErrorContext ctx = ErrorContext.EMPTY.withPhase("plan");
        if (location != null) {
            ctx = ctx.withLocation(location.toString());
        }
        return new DecantException(ErrorCode.SPEC_INVALID, ctx, "expression \"" + expr + "\": " + message);
    }

    /**
     * JEXL gives Integer for {@code 1}, BigInteger when a long overflows, and so on; this brings a
     * result to the one representation of its type, refusing what would wrap or lose digits.
     */
    private static Converter normalizer(LogicalType type) {
        String rule = "expression result: " + type;
        return switch (type.kind()) {
            case INT16 -> v -> (short) range(exactLong(v, rule), Short.MIN_VALUE, Short.MAX_VALUE, rule);
            case INT32 -> v -> (int) range(exactLong(v, rule), Integer.MIN_VALUE, Integer.MAX_VALUE, rule);
            case INT64 -> v -> exactLong(v, rule);
            case DECIMAL -> v -> decimal(v, rule);
            case FLOAT64 -> v -> ((Number) expect(v, Number.class, rule)).doubleValue();
            case FLOAT32 -> v -> v instanceof Double d ? new Conversions(ZoneOffset.UTC)
                    .find(LogicalType.FLOAT64, LogicalType.FLOAT32).converter().convert(d) : expect(v, Float.class, rule);
            case BOOLEAN, TEXT, BYTES, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY ->
                    v -> expect(v, type.kind().javaType(), rule);
        };
    }

    private static Object expect(Object v, Class<?> type, String rule) {
        if (!type.isInstance(v)) {
            throw ConversionException.invalid(rule, "gave a " + v.getClass().getSimpleName() + " where a "
                    + type.getSimpleName() + " was expected");
        }
        return v;
    }

    private static long range(long n, long min, long max, String rule) {
        if (n < min || n > max) {
            throw ConversionException.range(rule, n + " is out of range");
        }
        return n;
    }

    private static long exactLong(Object v, String rule) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            if (b.bitLength() >= 64) {
                throw ConversionException.range(rule, b + " does not fit int64");
            }
            return b.longValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw ConversionException.precision(rule, d.toPlainString() + " is not a whole int64");
            }
        }
        throw ConversionException.invalid(rule, "gave a " + v.getClass().getSimpleName() + " where an integer was expected");
    }

    private static BigDecimal decimal(Object v, String rule) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return BigDecimal.valueOf(exactLong(v, rule));
    }
}
