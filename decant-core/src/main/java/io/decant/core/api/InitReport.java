package io.decant.core.api;

import io.decant.core.init.InitResult;

/**
 * What {@code init} inferred ({@link InitResult}: the spec's text and its open decisions), with the
 * endpoints it read as they may be shown (passwords redacted); {@code target} is null when none was given.
 */
public record InitReport(InitResult result, String source, String target) {
}
