package io.decant.spark;

import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A plan's identity for the journal: source, target, each table's columns and conversions. It starts with
 * {@code spark-}, so that a one-machine {@code --resume} never takes a Spark run's slices for its own chunks
 * (it refuses the run as another plan), and executors compare their plan with the driver's by it.
 */
final class PlanHash {
    private PlanHash() {
    }

    static String of(MigrationPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(plan.source()).append('\n').append(plan.target()).append('\n');
        for (TablePlan t : plan.tables()) {
            sb.append(t.name()).append(" -> ").append(t.target().id().display()).append(t.create() ? " create" : "")
                    .append(t.filterText() == null ? "" : " where " + t.filterText()).append('\n');
            for (ColumnPlan c : t.columns()) {
                sb.append("  ").append(c.source() == null ? "-" : c.source().name()).append(" -> ")
                        .append(c.target().name()).append(' ').append(c.target().type()).append(' ')
                        .append(c.describe()).append('\n');
            }
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "spark-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
