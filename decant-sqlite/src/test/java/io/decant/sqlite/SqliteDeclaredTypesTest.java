package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.decant.core.type.LogicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The declared-type rule table of {@link SqliteDeclaredTypes}, row by row. */
class SqliteDeclaredTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BOOLEAN | boolean", "bool | boolean",
        "TINYINT | int16", "smallint | int16", "INT2 | int16",
        "INT4 | int32", "MEDIUMINT | int32",
        "INTEGER | int64", "int | int64", "BIGINT | int64", "INT8 | int64", "UNSIGNED BIG INT | int64", "integer(11) | int64",
        "NUMERIC(10,2) | decimal(10,2)", "decimal( 12 , 4 ) | decimal(12,4)", "NUMERIC(5) | decimal(5,0)",
        "NUMERIC | decimal", "DECIMAL | decimal", "DECIMAL_TEXT(10,2) | decimal(10,2)", "DECIMAL_TEXT | decimal",
        "REAL | float64", "DOUBLE | float64", "double  precision | float64", "FLOAT | float64", "FLOAT(24) | float64",
        "FLOAT8 | float64", "FLOAT4 | float64",
        "VARCHAR(255) | text(255)", "CHARACTER(20) | text(20)", "NVARCHAR(100) | text(100)", "VARYING CHARACTER(7) | text(7)",
        "NCHAR(55) | text(55)", "NATIVE CHARACTER(70) | text(70)",
        "TEXT | text", "CLOB | text", "CHAR | text", "varchar | text",
        "BLOB | bytes",
        "JSON | json", "JSONB | json", "JSON_TEXT | json",
        "UUID | uuid", "UUID_TEXT | uuid",
        "DATE | date", "DATE_TEXT | date", "TIME | time", "TIME_TEXT | time",
        "DATETIME | timestamp", "TIMESTAMP | timestamp", "timestamp without time zone | timestamp", "TIMESTAMP_TEXT | timestamp",
        "TIMESTAMPTZ | timestamptz", "TIMESTAMP WITH TIME ZONE | timestamptz", "TIMESTAMPTZ_TEXT | timestamptz",
        // SQLite's affinity rules for everything else, in SQLite's order
        "FLOATING POINT | int64", "VARCHAR2(20) | text", "STRING | decimal", "MONEY | decimal", "BINARY BLOB | bytes",
        "DOUBLE_WIDE | float64", "DATETIME2 | decimal", "CHARINT | int64",
    })
    void mapsDeclaredTypes(String declared, String logical) {
        assertEquals(LogicalType.parse(logical), SqliteDeclaredTypes.logicalType(declared), declared);
    }

    @Test
    void noDeclaredTypeMeansLookAtTheValues() {
        assertNull(SqliteDeclaredTypes.logicalType(""));
        assertNull(SqliteDeclaredTypes.logicalType("  "));
        // a STRICT table's ANY column holds values of every class as given, so do non-STRICT ones' texts
        assertNull(SqliteDeclaredTypes.logicalType("ANY"));
        assertNull(SqliteDeclaredTypes.logicalType("any"));
    }

    @Test
    void refusesDecimalParametersNoDecimalHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteDeclaredTypes.logicalType("NUMERIC(5,10)"));
        assertEquals("declared type NUMERIC(5,10) has a scale larger than its precision", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SqliteDeclaredTypes.logicalType("DECIMAL(0,0)"));
    }

    @ParameterizedTest
    @CsvSource({"INTEGER, INTEGER", "FLOATING POINT, INTEGER", "VARCHAR(3), TEXT", "'', BLOB", "BLOB, BLOB", "REAL, REAL",
        "UUID, NUMERIC", "JSON, NUMERIC", "'DECIMAL(10,2)', NUMERIC", "'DECIMAL_TEXT(10,2)', TEXT", "JSON_TEXT, TEXT",
        "UUID_TEXT, TEXT", "TIMESTAMPTZ_TEXT, TEXT"})
    void followsSqliteAffinity(String declared, SqliteDeclaredTypes.Affinity affinity) {
        assertEquals(affinity, SqliteDeclaredTypes.affinity(declared));
    }

    /** Every type decant declares must read back as the type it says it stores. */
}
