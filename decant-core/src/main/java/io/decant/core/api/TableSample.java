package io.decant.core.api;

import java.util.List;

/** One table's sample: how many rows were run through the plan's conversions, and the failures found. */
public record TableSample(String table, long rowsSampled, long failures, List<SampleFailure> examples, String stoppedBy) {
}
