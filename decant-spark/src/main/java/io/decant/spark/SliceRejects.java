package io.decant.spark;

import io.decant.core.error.DecantException;
import io.decant.core.run.Rejects;
import io.decant.core.workflow.RejectFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows one slice task rejects ({@code --on-error reject}), kept as the lines the rejects file will hold: the
 * task returns them with its outcome and the driver writes them, so that only the attempt Spark takes the result
 * of is written (a failed or retried attempt's lines are never written twice).
 */
final class SliceRejects implements Rejects {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row) {
        lines.add(RejectFiles.line(table, ordinal, reason, columns, row));
    }

    @Override
    public synchronized long count(String table) {
        return lines.size();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
