package io.decant.core.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562 section 5.7): 48 bits of Unix time in milliseconds, version 0111,
 * 12 bits rand_a, variant 10, 62 bits rand_b. Ids made by one generator are strictly increasing
 * (RFC 9562 section 6.2, method 2): within the same millisecond, or when the clock steps back, the
 * 74 random bits of the previous id are incremented instead of drawn again, so that a table loaded
 * in key order is also loaded in index order.
 */
public final class UuidV7 {
    private static final long RANDOM_BITS_MASK = (1L << 62) - 1;
    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private long lastRandA;
    private long lastRandB;

    public UuidV7(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public static UuidV7 create() {
        return new UuidV7(Clock.systemUTC(), new SecureRandom());
    }

    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            lastRandA = random.nextInt(1 << 12);
            lastRandB = random.nextLong() & RANDOM_BITS_MASK;
        } else if (++lastRandB > RANDOM_BITS_MASK) {
            lastRandB = 0;
            if (++lastRandA >= (1 << 12)) {
                // 2^74 ids in one millisecond cannot happen in practice; borrowing the next millisecond keeps order anyway.
                lastRandA = 0;
                lastMillis++;
            }
        }
        return of(lastMillis, lastRandA, lastRandB);
    }

    /** Lays out the fields; {@code randA} holds 12 bits, {@code randB} 62 bits. */
    static UUID of(long unixMillis, long randA, long randB) {
        long msb = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (randA & 0xFFFL);
        long lsb = 0x8000_0000_0000_0000L | (randB & RANDOM_BITS_MASK);
        return new UUID(msb, lsb);
    }

    /** The Unix time in milliseconds that a version 7 UUID carries. */
    public static long millisOf(UUID u) {
        return u.getMostSignificantBits() >>> 16;
    }
}
