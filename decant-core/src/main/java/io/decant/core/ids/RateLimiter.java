package io.decant.core.ids;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket holding one token: requests are spaced at least 1/rate apart, so no window of one
 * second ever sees more than {@code rate} of them (a fuller bucket would allow a burst of twice the
 * rate across a window boundary, which is what gets an admin API key throttled).
 */
final class RateLimiter {
    private final long intervalNanos;
    private long nextFree;
    private boolean started;

    RateLimiter(BigDecimal perSecond) {
        double rate = perSecond.doubleValue();
        this.intervalNanos = rate <= 0 ? 0 : (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / rate);
    }

    /** Blocks until a request may go. */
    synchronized void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            nextFree = now;
        }
        long wait = nextFree - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
            now = System.nanoTime();
        }
        // An idle period does not bank tokens: the bucket holds one.
        nextFree = Math.max(nextFree, now) + intervalNanos;
    }
}
