package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.type.LogicalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every type this dialect declares on a target reads back, by the declared-type rules, as the type it stores. */
class NativeTypesTest {
    @ParameterizedTest
    @EnumSource(io.decant.core.type.Kind.class)
    void declaredTypesReadBackAsTheirStoredType(io.decant.core.type.Kind kind) {
        LogicalType t = switch (kind) {
            case DECIMAL -> LogicalType.decimal(18, 4);
            case TEXT -> LogicalType.text(40);
            case ARRAY -> LogicalType.array(LogicalType.INT32);
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, BYTES, UUID, JSON, DATE, TIME, TIMESTAMP, TIMESTAMPTZ ->
                    LogicalType.parse(kind.name());
        };
        assertEquals(NativeTypes.stored(t), SqliteDeclaredTypes.logicalType(NativeTypes.declared(t)), t.toString());
    }
}
