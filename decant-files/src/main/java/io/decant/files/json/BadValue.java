package io.decant.files.json;

import io.decant.core.error.ErrorCode;

/**
 * A value or a line that a decoder or encoder rejects. Thrown per value, so it carries no stack
 * trace; the stream that caught it adds file, line, row and column and throws a
 * {@link io.decant.core.error.DecantException}.
 *
 * @see RowDecoder
 */
public final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String column;
    private final String value;
    private final String rule;

    public BadValue(ErrorCode code, String column, String detail, String value, String rule) {
        super(detail, null, false, false);
        this.code = code;
        this.column = column;
        this.value = value;
        this.rule = rule;
    }

    static BadValue invalid(String detail, String value) {
        return new BadValue(ErrorCode.VALUE_INVALID, null, detail, value, null);
    }

    static BadValue corrupt(String column, String detail) {
        return new BadValue(ErrorCode.FILE_CORRUPT, column, detail, null, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The column, when the decoder that threw knows it better than the caller. */
    public String column() {
        return column;
    }

    /** The offending text, or {@code null}; previewed (and redacted for secret columns) by the caller. */
    public String value() {
        return value;
    }

    public String rule() {
        return rule;
    }

    BadValue withColumn(String c) {
        return new BadValue(code, c, getMessage(), value, rule);
    }

    BadValue withRule(String r) {
        return new BadValue(code, column, getMessage(), value, r);
    }
}
