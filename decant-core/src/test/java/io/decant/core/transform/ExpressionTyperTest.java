package io.decant.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.type.LogicalType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ExpressionTyper} on its own, rule by rule: the result type of each construct it allows, the
 * way NULL and the numeric kinds meet, and the message for each thing it refuses. (ExpressionsTest
 * checks typing and evaluation together; here a type is checked without running anything.)
 */
class ExpressionTyperTest {
    private static final Map<String, LogicalType> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("i16", LogicalType.INT16);
        COLUMNS.put("i32", LogicalType.INT32);
        COLUMNS.put("i64", LogicalType.INT64);
        COLUMNS.put("d2", LogicalType.decimal(10, 2));
        COLUMNS.put("d4", LogicalType.decimal(12, 4));
        COLUMNS.put("f32", LogicalType.FLOAT32);
        COLUMNS.put("f64", LogicalType.FLOAT64);
        COLUMNS.put("t", LogicalType.TEXT);
        COLUMNS.put("t5", LogicalType.text(5));
        COLUMNS.put("ok", LogicalType.BOOLEAN);
        COLUMNS.put("ts", LogicalType.TIMESTAMPTZ);
        COLUMNS.put("id", LogicalType.UUID);
    }

    private static LogicalType type(String expr) {
        return new ExpressionTyper(COLUMNS).resultType(Expressions.tree(expr));
    }

    private static String refusal(String expr) {
        return assertThrows(ExpressionTyper.TypeError.class, () -> type(expr), expr).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        // columns keep their own type; literals
        "i16 => int16",
        "d2 => decimal(10,2)",
        "t5 => text(5)",
        "id => uuid",
        "'x' => text",
        "1 => int64",
        "1.5B => decimal",
        "1.5 => float64",
        "true => boolean",
        "null => text",
        "(i32) => int32",
        // arithmetic: integers give int64, a decimal decimal, a float float64
        "i16 + i16 => int64",
        "i16 * i32 - 1 => int64",
        "i64 / 2 => int64",
        "i32 % 7 => int64",
        "d2 + d4 => decimal",
        "d2 * 100 => decimal",
        "f32 + 1 => float64",
        "f64 * i16 => float64",
        "-i16 => int64",
        "-f32 => float64",
        "-d2 => decimal",
        "i32 + null => int64",
        "null * f32 => float64",
        // + with text is concatenation, whatever the other side
        "t + 1 => text",
        "1 + t => text",
        "i32 + i32 + t => text",
        "t + ts => text",
        // comparisons, logic, size, empty
        "i16 < i64 => boolean",
        "d2 == 1 => boolean",
        "t != null => boolean",
        "ok && !ok || ok => boolean",
        "t =^ 'a' => boolean",
        "t5 !$ t => boolean",
        "size(t) => int64",
        "empty(t) => boolean",
        // branches meet: the same type, the same kind, NULL fits either, numbers as in arithmetic
        "ok ? d2 : d2 => decimal(10,2)",
        "ok ? d2 : d4 => decimal",
        "ok ? t : t5 => text",
        "ok ? i32 : null => int32",
        "ok ? null : ts => timestamptz",
        "ok ? null : null => text",
        "ok ? i16 : i64 => int64",
        "ok ? i16 : d2 => decimal",
        "t ?: 'none' => text",
        "i32 ?? 0 => int64",
        "ts ?? null => timestamptz",
    })
    void resultTypes(String expr, String expected) {
        assertEquals(expected, type(expr).toString(), expr);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertEquals("unknown column 'i23'; did you mean 'i32'?; columns: i16, i32, i64, d2, d4, f32, f64, t, t5, ok, ts, id",
                refusal("i23 + 1"));
        assertEquals("unknown column 'nope'; columns: i16, i32, i64, d2, d4, f32, f64, t, t5, ok, ts, id", refusal("nope ? 1 : 2"),
                "the condition of ?: is typed too");
        assertEquals("operator * needs numbers, not text", refusal("t * 2"));
        assertEquals("operator - needs numbers, not boolean", refusal("-ok"));
        assertEquals("operator + needs numbers, not timestamptz", refusal("ts + 1"));
        assertEquals("operator + mixes a decimal with a float; write decimal constants with a B suffix (1.5B) so that no binary"
                + " rounding reaches a decimal", refusal("d2 + 1.5"));
        assertEquals("operator in the branches of ?: mixes a decimal with a float; write decimal constants with a B suffix (1.5B)"
                + " so that no binary rounding reaches a decimal", refusal("ok ? d2 : f64"));
        assertEquals("operator in the sides of a comparison mixes a decimal with a float; write decimal constants with a B suffix"
                + " (1.5B) so that no binary rounding reaches a decimal", refusal("f64 >= d2"));
        assertEquals("=^ and =$ compare text, not int32", refusal("i32 =^ '1'"));
        assertEquals("the sides of a comparison have different types: uuid and text", refusal("id == 'x'"));
        assertEquals("the branches of ?: have different types: int64 and text", refusal("ok ? 1 : 'a'"));
        assertEquals("the sides of ?? have different types: boolean and int64", refusal("ok ?? 1"));
        assertEquals("the sides of ?: have different types: text and int64", refusal("t ?: 1"));
    }

    @Test
    void whatIsNotOnTheListIsRefusedByName() {
        String allowed = " is not allowed in decant expressions; allowed: column names, constants, ?:, ??, comparisons, &&, ||, !,"
                + " + - * / %, size(), empty()";
        assertEquals("a regular expression match" + allowed, refusal("t =~ 'a.*'"));
        assertEquals("property access" + allowed, refusal("t.length"));
        assertEquals("'BitwiseAnd'" + allowed, refusal("i32 & 1"));
    }
}
