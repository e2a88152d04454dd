package io.decant.core.ids;

import java.time.Duration;

/**
 * Timing of strategy {@code http} that the spec does not set: retry backoff, its ceiling, the
 * longest Retry-After honoured, and timeouts. Tests shorten them.
 *
 * @param firstBackoff   delay before the first retry; doubled for each further retry, with jitter
 * @param maxBackoff     ceiling of the computed delay
 * @param maxRetryAfter  a longer Retry-After than this is a failure, not a wait: a service asking for
 *                       an hour is down, and the user should know now
 */
public record HttpOptions(Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter, Duration connectTimeout,
                          Duration requestTimeout) {
    public static final HttpOptions DEFAULTS = new HttpOptions(Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(60));
}
