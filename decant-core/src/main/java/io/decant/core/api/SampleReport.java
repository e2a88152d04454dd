package io.decant.core.api;

import java.util.List;

/**
 * {@code plan --sample}: the plan's conversions run over real rows, every failing value listed.
 *
 * @param perTable the rows sampled per table ({@link Long#MAX_VALUE}: every row)
 * @param failures the failing values over all tables; 0 when every sampled value converts
 */
public record SampleReport(String source, String target, long perTable, List<TableSample> tables, long failures) {
}
