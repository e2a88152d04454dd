package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.schema.Column;
import io.decant.core.type.Kind;
import io.decant.core.type.LogicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeMappingTest {
    private static Column map(String dataType, String columnType) {
        return SourceTypes.column(new SourceTypes.Info("c", dataType, columnType, true, "", "", false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tinyint|tinyint(1)|boolean",
            "tinyint|tinyint(1) unsigned|int16",
            "tinyint|tinyint(4)|int16",
            "smallint|smallint(6)|int16",
            "smallint|smallint(5) unsigned|int32",
            "mediumint|mediumint(8) unsigned|int32",
            "int|int(11)|int32",
            "int|int(10) unsigned|int64",
            "bigint|bigint(20)|int64",
            "bigint|bigint(20) unsigned|decimal(20,0)",
            "decimal|decimal(38,10)|decimal(38,10)",
            "decimal|decimal(10,0) unsigned zerofill|decimal(10,0)",
            "float|float|float32",
            "double|double|float64",
            "char|char(36)|text(36)",
            "varchar|varchar(255)|text(255)",
            "mediumtext|mediumtext|text",
            "enum|enum('a','b')|text",
            "set|set('x','y')|text",
            "varbinary|varbinary(16)|bytes",
            "longblob|longblob|bytes",
            "json|json|json",
            "date|date|date",
            "time|time(6)|time",
            "datetime|datetime(6)|timestamp",
            "timestamp|timestamp(3)|timestamptz",
            "year|year(4)|int16",
            "uuid|uuid|uuid",
            "bit|bit(1)|boolean",
    })
    void sourceTypes(String dataType, String columnType, String logical) {
        Column c = map(dataType, columnType);
        assertTrue(c.isSupported(), c.unsupported());
        assertEquals(logical, c.type().toString());
        assertEquals(columnType, c.sourceType());
    }

    @ParameterizedTest
    @CsvSource({"bit,bit(8)", "geometry,geometry", "point,point", "inet6,inet6", "inet4,inet4", "vector,vector(3)"})
    void unsupportedTypesSayWhy(String dataType, String columnType) {
        Column c = map(dataType, columnType);
        assertFalse(c.isSupported());
        assertTrue(c.unsupported().contains(columnType), c.unsupported());
        assertTrue(c.unsupported().contains("as_text"), c.unsupported());
    }

    @Test
    void mariaDbJsonAndDecantsUtcDatetime() {
        assertEquals(LogicalType.JSON, SourceTypes.column(
                new SourceTypes.Info("j", "longtext", "longtext", true, "", "", true)).type());
        assertEquals(LogicalType.TIMESTAMPTZ, SourceTypes.column(
                new SourceTypes.Info("t", "datetime", "datetime(6)", true, "", SourceTypes.UTC_MARKER, false)).type());
    }

    @Test
    void identityAndComputedColumns() {
        assertEquals(Column.Identity.BY_DEFAULT, SourceTypes.column(
                new SourceTypes.Info("id", "int", "int(11)", false, "auto_increment", "", false)).identity());
        assertEquals(Column.Identity.COMPUTED, SourceTypes.column(
                new SourceTypes.Info("g", "int", "int(11)", true, "STORED GENERATED", "", false)).identity());
        assertEquals(Column.Identity.NONE, SourceTypes.column(
                new SourceTypes.Info("t", "timestamp", "timestamp", true, "DEFAULT_GENERATED on update CURRENT_TIMESTAMP",
                        "", false)).identity());
    }

    @Test
    void targetTypesFollowTheDesignTable() {
        TargetTypes maria = new TargetTypes(ServerInfo.parse("10.11.19-MariaDB", 0));
        TargetTypes mysql = new TargetTypes(ServerInfo.parse("8.0.36", 0));
        assertEquals("TINYINT(1)", maria.nativeType(LogicalType.BOOLEAN));
        assertEquals("SMALLINT", maria.nativeType(LogicalType.INT16));
        assertEquals("INT", maria.nativeType(LogicalType.INT32));
        assertEquals("BIGINT", maria.nativeType(LogicalType.INT64));
        assertEquals("DECIMAL(38,10)", maria.nativeType(LogicalType.decimal(38, 10)));
        assertEquals("DECIMAL(65,30)", maria.nativeType(LogicalType.DECIMAL));
        assertEquals(LogicalType.decimal(65, 30), maria.storedType(LogicalType.DECIMAL));
        assertEquals("DECIMAL(65,4)", maria.nativeType(LogicalType.decimal(0, 4)));
        assertEquals("FLOAT", maria.nativeType(LogicalType.FLOAT32));
        assertEquals("DOUBLE", maria.nativeType(LogicalType.FLOAT64));
        assertEquals("VARCHAR(200)", maria.nativeType(LogicalType.text(200)));
        assertEquals("LONGTEXT", maria.nativeType(LogicalType.TEXT));
        assertEquals("LONGTEXT", maria.nativeType(LogicalType.text(20000)));
        assertEquals(LogicalType.TEXT, maria.storedType(LogicalType.text(20000)));
        assertEquals("LONGBLOB", maria.nativeType(LogicalType.BYTES));
        assertEquals("VARBINARY(300)", maria.nativeType(LogicalType.bytes(300)));
        assertEquals(LogicalType.bytes(300), maria.storedType(LogicalType.bytes(300)));
        assertEquals("LONGBLOB", maria.nativeType(LogicalType.bytes(70000)));
        assertEquals(LogicalType.BYTES, maria.storedType(LogicalType.bytes(70000)));
        assertEquals("UUID", maria.nativeType(LogicalType.UUID));
        assertEquals("CHAR(36)", mysql.nativeType(LogicalType.UUID));
        assertEquals(LogicalType.text(36), mysql.storedType(LogicalType.UUID));
        assertEquals("JSON", maria.nativeType(LogicalType.JSON));
        assertEquals("JSON", maria.nativeType(LogicalType.array(LogicalType.INT32)));
        assertEquals(LogicalType.JSON, maria.storedType(LogicalType.array(LogicalType.INT32)));
        assertEquals("DATE", maria.nativeType(LogicalType.DATE));
        assertEquals("TIME(6)", maria.nativeType(LogicalType.TIME));
        assertEquals("DATETIME(6)", maria.nativeType(LogicalType.TIMESTAMP));
        assertEquals("DATETIME(6)", maria.nativeType(LogicalType.TIMESTAMPTZ));
        assertEquals(LogicalType.TIMESTAMPTZ, maria.storedType(LogicalType.TIMESTAMPTZ));
    }

    @Test
    void decimalsBeyondMysqlAreAPlanTimeError() {
        TargetTypes t = new TargetTypes(ServerInfo.parse("8.0.36", 0));
        DecantException e = assertThrows(DecantException.class, () -> t.nativeType(LogicalType.decimal(70, 2)));
        assertEquals(ErrorCode.UNSUPPORTED_TYPE, e.code());
        assertThrows(DecantException.class, () -> t.storedType(LogicalType.decimal(40, 35)));
    }

    @Test
    void serverVersions() {
        assertEquals("MariaDB 10.11.19", ServerInfo.parse("10.11.19-MariaDB-0+deb12u1", 0).display());
        assertEquals("MySQL 8.0.36", ServerInfo.parse("8.0.36", 0).display());
        assertTrue(ServerInfo.parse("10.7.1-MariaDB", 0).hasUuidType());
        assertFalse(ServerInfo.parse("10.6.1-MariaDB", 0).hasUuidType());
        assertEquals(Kind.BOOLEAN, map("bool", "tinyint(1)").type().kind());
    }
}
