package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionsTest {
    private static final Map<String, LogicalType> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("emailVerified", LogicalType.INT64);
        COLUMNS.put("created_at", LogicalType.TEXT);
        COLUMNS.put("n", LogicalType.INT32);
        COLUMNS.put("price", LogicalType.decimal(10, 2));
        COLUMNS.put("ratio", LogicalType.FLOAT64);
        COLUMNS.put("seen", LogicalType.TIMESTAMPTZ);
    }

    private static final Object[] ROW = {1L, "2024-01-01 10:00:00", 5, new BigDecimal("12.34"), 0.5,
            Instant.parse("2024-01-02T00:00:00Z")};

    private static CompiledExpression compile(String expr) {
        return Expressions.compile(expr, COLUMNS, null);
    }

    private static String compileError(String expr) {
        DecantException e = assertThrows(DecantException.class, () -> compile(expr));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        return e.detail();
    }

    @Test
    void designExample() {
        CompiledExpression c = compile("emailVerified == 1 ? created_at : null");
        assertEquals(LogicalType.TEXT, c.resultType());
        assertEquals("2024-01-01 10:00:00", c.eval(ROW));
        Object[] unverified = ROW.clone();
        unverified[0] = 0L;
        assertNull(c.eval(unverified));
        assertEquals(List.of("created_at", "emailVerified"), c.variables());
        assertEquals(List.copyOf(COLUMNS.keySet()), c.columns());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "42                                  | int64     | 42",
        "'fixed'                             | text      | fixed",
        "n + 1                               | int64     | 6",
        "n                                   | int32     | 5",
        "'#' + n + '-' + created_at          | text      | #5-2024-01-01 10:00:00",
        "price * 100                         | decimal   | 1234.00",
        "price + 1.5B                        | decimal   | 13.84",
        "ratio * 2                           | float64   | 1.0",
        "emailVerified > 0 && n < 3          | boolean   | false",
        "!(n == 5)                           | boolean   | false",
        "created_at ?? 'none'                | text      | 2024-01-01 10:00:00",
        "n != null ? n : 0                   | int64     | 5",
        "size(created_at)                    | int64     | 19",
        "created_at =^ '2024'                | boolean   | true",
        "-n                                  | int64     | -5",
        "n % 2                               | int64     | 1",
        "seen                                | timestamptz | 2024-01-02T00:00:00Z",
    })
    void evaluates(String expr, String type, String result) {
        CompiledExpression c = compile(expr);
        assertEquals(type, c.resultType().toString());
        assertEquals(result, String.valueOf(c.eval(ROW) instanceof BigDecimal d ? d.toPlainString() : c.eval(ROW)));
    }

    @Test
    void plusWithTextIsAlwaysConcatenation() {
        Map<String, LogicalType> cols = new LinkedHashMap<>();
        cols.put("a", LogicalType.TEXT);
        cols.put("b", LogicalType.TEXT);
        CompiledExpression c = Expressions.compile("a + b", cols, null);
        assertEquals("12", c.eval(new Object[] {"1", "2"}));
    }

    @Test
    void coalesceDefault() {
        CompiledExpression c = compile("created_at ?? 'default'");
        Object[] row = ROW.clone();
        row[1] = null;
        assertEquals("default", c.eval(row));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()",
        "java.lang.System.exit(1)",
        "new('java.io.File','x')",
        "created_at.getClass().forName('java.lang.Runtime')",
        "n = 3",
        "var x = 1",
        "n; n",
        "x -> x",
        "function(x) { x }",
        "[1, 2]",
        "{'a': 1}",
        "created_at.length",
        "created_at['x']",
        "f(n)",
        "math:abs(n)",
        "`a${n}`",
        "created_at =~ '.*'",
        "while (true) {}",
        "#pragma x 1\nn",
    })
    void sandboxRejects(String expr) {
        String message = compileError(expr);
        assertTrue(message.startsWith("expression \""), message);
    }

    @Test
    void sandboxMessages() {
        assertEquals("expression \"''.getClass()\": method call is not allowed: '.getClass(...)'", compileError("''.getClass()"));
        assertEquals("expression \"java.lang.System.exit(1)\": method call is not allowed: '.exit(...)'",
                compileError("java.lang.System.exit(1)"));
        assertEquals("expression \"new('java.io.File','x')\": create instance is not allowed: 'new(..., ...)'",
                compileError("new('java.io.File','x')"));
    }

    @Test
    void unknownColumnIsNamed() {
        assertEquals("expression \"emailVerifed == 1\": unknown column 'emailVerifed'; did you mean 'emailVerified'?;"
                + " columns: emailVerified, created_at, n, price, ratio, seen", compileError("emailVerifed == 1"));
    }

    @Test
    void impossibleTypesAreCompileErrors() {
        assertEquals("expression \"emailVerified == 1 ? 1 : 'a'\": the branches of ?: have different types: int64 and text",
                compileError("emailVerified == 1 ? 1 : 'a'"));
        assertEquals("expression \"created_at * 2\": operator * needs numbers, not text", compileError("created_at * 2"));
        assertTrue(compileError("price * 1.1").contains("mixes a decimal with a float; write decimal constants with a B suffix"));
        assertEquals("expression \"n == 'x'\": the sides of a comparison have different types: int32 and text",
                compileError("n == 'x'"));
        assertEquals("expression \"1 / 0\": division by zero", compileError("1 / 0"));
        assertEquals("expression \"\": is empty", compileError(""));
    }

    @Test
    void declaredTypeConvertsLosslessly() {
        CompiledExpression c = Expressions.compile("n * 2", COLUMNS, LogicalType.INT32, ZoneOffset.UTC, null);
        assertEquals(LogicalType.INT32, c.resultType());
        assertEquals(10, c.eval(ROW));
        CompiledExpression ts = Expressions.compile("created_at", COLUMNS, LogicalType.TIMESTAMPTZ, ZoneOffset.UTC, null);
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), ts.eval(ROW));
        DecantException e = assertThrows(DecantException.class,
                () -> Expressions.compile("seen", COLUMNS, LogicalType.UUID, ZoneOffset.UTC, null));
        assertEquals("expression \"seen\": gives timestamptz, which cannot become the declared type uuid", e.detail());
    }

    @Test
    void runtimeFailureIsAConversionExceptionWithTheExpressionAsRule() {
        CompiledExpression c = compile("n + 1");
        Object[] row = ROW.clone();
        row[2] = null;
        ConversionException e = assertThrows(ConversionException.class, () -> c.eval(row));
        assertEquals("expression: n + 1", e.rule());
        assertEquals("variable 'n' is null", e.getMessage());
        CompiledExpression div = compile("emailVerified / (n - 5)");
        assertEquals("division by zero", assertThrows(ConversionException.class, () -> div.eval(ROW)).getMessage());
    }

    @Test
    void overflowIsOutOfRange() {
        CompiledExpression c = compile("emailVerified * 2");
        Object[] row = ROW.clone();
        row[0] = Long.MAX_VALUE;
        ConversionException e = assertThrows(ConversionException.class, () -> c.eval(row));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
    }

    @Test
    void conditions() {
        assertEquals(Boolean.TRUE, Expressions.compileCondition("n > 3", COLUMNS, null).eval(ROW));
        DecantException e = assertThrows(DecantException.class, () -> Expressions.compileCondition("n", COLUMNS, null));
        assertEquals("expression \"n\": a condition must give true or false, not int32", e.detail());
    }

    @Test
    void syntaxProblemWithoutColumns() {
        assertNull(Expressions.syntaxProblem("anything == 1 ? a : b"));
        assertEquals("expression \"a +\": parsing error in '+'", Expressions.syntaxProblem("a +"));
    }
}
