package io.decant.core.error;

import io.decant.core.util.Redactor;

/**
 * The one exception type of decant. Its message is API: {@code [CODE] place: detail}. Messages are
 * passed through the global {@link Redactor} so that no password can reach a user through an
 * error, whatever a driver put into its own message.
 */
public final class DecantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final ErrorContext context;
    private final String detail;

    public DecantException(ErrorCode code, ErrorContext context, String detail, Throwable cause) {
        super(null, cause, true, true);
        this.code = code;
        this.context = context == null ? ErrorContext.EMPTY : context;
        this.detail = Redactor.global().redact(detail);
    }

    public DecantException(ErrorCode code, ErrorContext context, String detail) {
        this(code, context, detail, null);
    }

    public DecantException(ErrorCode code, String detail) {
        this(code, ErrorContext.EMPTY, detail, null);
    }

    public static DecantException usage(String detail) {
        return new DecantException(ErrorCode.USAGE, detail);
    }

    public static DecantException internal(String detail, Throwable cause) {
        return new DecantException(ErrorCode.INTERNAL, ErrorContext.EMPTY, detail, cause);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorContext context() {
        return context;
    }

    public String detail() {
        return detail;
    }

    public int exitCode() {
        return code.exitCode();
    }

    /** A copy that also knows the outer context (for example the table, added by the engine). */
    public DecantException within(ErrorContext outer) {
        DecantException e = new DecantException(code, context.orElse(outer), detail, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    @Override
    public String getMessage() {
        String place = context.place();
        StringBuilder sb = new StringBuilder("[").append(code.name()).append("] ");
        if (!place.isEmpty()) {
            sb.append(place).append(": ");
        }
        sb.append(detail);
        if (context.value() != null && !detail.contains(context.value())) {
            sb.append(" (value ").append(context.value()).append(')');
        }
        if (context.rule() != null) {
            sb.append(" [rule: ").append(context.rule()).append(']');
        }
        return sb.toString();
    }
}
