package io.decant.core.spec;

import io.decant.core.util.Redactor;
import java.math.BigDecimal;
import java.util.Map;

/**
 * For {@link IdStrategy#HTTP}: each row is sent to an external service (for example an auth
 * provider's admin API) and the new id is read from its JSON response.
 *
 * @param body          a template: {@code {{column}}} is replaced by the row's value, JSON-escaped
 * @param idPointer     a JSON pointer (RFC 6901) to the new id in the response: {@code /id}, {@code /user/id}
 * @param ratePerSecond at most this many requests per second
 * @param retries       attempts after the first for a failed request (5xx, 429, network)
 */
public record HttpSpec(String url, String method, Map<String, String> headers, String body, String idPointer,
                       BigDecimal ratePerSecond, int retries) {
    public static final String DEFAULT_METHOD = "POST";
    public static final BigDecimal DEFAULT_RATE = BigDecimal.TEN;
    public static final int DEFAULT_RETRIES = 3;

    public HttpSpec {
        headers = Immutables.map(headers);
    }

    /** Header values usually hold tokens: they never reach a log through this record. */
    @Override
    public String toString() {
        return "HttpSpec[" + method + " " + Redactor.global().redact(url) + ", headers " + headers.keySet()
                + ", idPointer " + idPointer + ", " + ratePerSecond + "/s, retries " + retries + "]";
    }
}
