package io.decant.core.type;

/**
 * The logical types of decant (DESIGN.md section 6). Each has exactly one Java representation,
 * named here so that every reader and writer agrees on it.
 */
public enum Kind {
    BOOLEAN(Boolean.class),
    INT16(Short.class),
    INT32(Integer.class),
    INT64(Long.class),
    DECIMAL(java.math.BigDecimal.class),
    FLOAT32(Float.class),
    FLOAT64(Double.class),
    TEXT(String.class),
    BYTES(Bytes.class),
    UUID(java.util.UUID.class),
    JSON(JsonText.class),
    DATE(java.time.LocalDate.class),
    TIME(java.time.LocalTime.class),
    TIMESTAMP(java.time.LocalDateTime.class),
    TIMESTAMPTZ(java.time.Instant.class),
    /** A PostgreSQL array; elements are of the element type's representation. */
    ARRAY(java.util.List.class);

    private final Class<?> javaType;

    Kind(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public boolean isInteger() {
        return this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
