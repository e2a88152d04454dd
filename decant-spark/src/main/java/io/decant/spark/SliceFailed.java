package io.decant.spark;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slice task's failure as it travels back to the driver: Spark sends a task's exception as text, so the
 * error code travels in the message ({@code [DATA_TYPE] ...}) and the driver makes the decant error again
 * from the first such message in Spark's report.
 */
final class SliceFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODED = Pattern.compile("\\[decant:([A-Z_]+)\\] ([^\\n]*)");

    private SliceFailed(String message) {
        super(message);
    }

    static SliceFailed of(DecantException e, SliceTask task) {
        return new SliceFailed("[decant:" + e.code().name() + "] " + e.getMessage() + " (" + task.table() + ", "
                + task.position() + ")");
    }

    /** The decant error in a failed Spark job's message, or null when the failure was not decant's. */
    static DecantException find(Throwable sparkFailure) {
        for (Throwable t = sparkFailure; t != null; t = t.getCause()) {
            Matcher m = CODED.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                ErrorCode code;
                try {
                    code = ErrorCode.valueOf(m.group(1));
                } catch (IllegalArgumentException unknown) {
                    code = ErrorCode.INTERNAL;
                }
                String message = m.group(2);
                String own = "[" + code.name() + "] ";
                return new DecantException(code, message.startsWith(own) ? message.substring(own.length()) : message);
            }
        }
        return null;
    }
}
