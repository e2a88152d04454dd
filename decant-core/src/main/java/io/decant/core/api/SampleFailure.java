package io.decant.core.api;

/** One sampled value that would fail to convert: where it is, the rule it breaks, and the error it would raise. */
public record SampleFailure(long row, String key, String column, String value, String rule, String code, String message) {
}
