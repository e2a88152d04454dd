package io.decant.core.transform;

import io.decant.core.error.ErrorCode;

/**
 * A value that a converter rejects. Thrown per value, so it carries no stack trace; the engine turns
 * it into a {@link io.decant.core.error.DecantException} with the table, row and column.
 */
public final class ConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String rule;

    public ConversionException(ErrorCode code, String rule, String message) {
        super(message, null, false, false);
        this.code = code;
        this.rule = rule;
    }

    public static ConversionException invalid(String rule, String message) {
        return new ConversionException(ErrorCode.VALUE_INVALID, rule, message);
    }

    public static ConversionException range(String rule, String message) {
        return new ConversionException(ErrorCode.VALUE_OUT_OF_RANGE, rule, message);
    }

    public static ConversionException precision(String rule, String message) {
        return new ConversionException(ErrorCode.PRECISION_LOSS, rule, message);
    }

    public ErrorCode code() {
        return code;
    }

    public String rule() {
        return rule;
    }
}
