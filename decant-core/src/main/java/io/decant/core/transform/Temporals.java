package io.decant.core.transform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/** Time-zone arithmetic that refuses to guess: a local time in a DST gap or overlap is an error. */
public final class Temporals {
    private Temporals() {
    }

    public static Instant atZoneStrict(LocalDateTime ldt, ZoneId zone, String rule) {
        if (zone instanceof ZoneOffset offset) {
            return ldt.toInstant(offset);
        }
        ZoneRules rules = zone.getRules();
        var offsets = rules.getValidOffsets(ldt);
        if (offsets.size() == 1) {
            return ldt.toInstant(offsets.get(0));
        }
        if (offsets.isEmpty()) {
            throw ConversionException.invalid(rule, "local time " + ldt + " does not exist in " + zone + " (DST gap)");
        }
        throw ConversionException.invalid(rule, "local time " + ldt + " is ambiguous in " + zone + " (DST overlap)");
    }
}
