package io.decant.core.plan;

import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.run.RowMapper;
import io.decant.core.run.ValueSource;
import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.transform.Conversion;
import java.util.ArrayList;
import java.util.List;

/**
 * One table merged into a receiving table (spec: {@code into} with {@code key}): the merged columns,
 * each looked up by the receiving row's key in a {@link MergeIndex} built when the columns are planned.
 */
final class MergePart {
    private final Shaper.Shaped shaped;
    private final SourceDatabase source;
    private MergeIndex index;
    private List<String> columnNames = List.of();

    MergePart(Shaper.Shaped shaped, SourceDatabase source) {
        this.shaped = shaped;
        this.source = source;
    }

    Shaper.Shaped shaped() {
        return shaped;
    }

    MergeIndex index() {
        return index;
    }

    List<String> columnNames() {
        return columnNames;
    }

    /** The merged columns, each looked up by the receiving row's key. */
    List<ShapedColumn> columns(Shaper.Shaped receiver, PlanProblems problems) {
        var ts = shaped.tableSpec();
        List<String> readNames = shaped.read().stream().map(Column::name).toList();
        int[] keyIdx = ts.key().stream().mapToInt(readNames::indexOf).toArray();
        // The receiving side's key: the receiver's written columns named by keyTargets, read back from its source row.
        List<String> receiverRead = receiver.read().stream().map(Column::name).toList();
        int[] receiverKey = new int[ts.keyTargets().size()];
        for (int i = 0; i < receiverKey.length; i++) {
            String targetCol = ts.keyTargets().get(i);
            ShapedColumn rc = receiver.columns().stream().filter(c -> c.name().equals(targetCol)).findFirst().orElse(null);
            if (rc == null || !(rc.value() instanceof ValueSource.FromColumn f)) {
                problems.add(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withTable(shaped.source().id().display()),
                        "merge key " + ts.key().get(i) + " -> " + targetCol + ": " + receiver.targetName()
                                + " has no copied column " + targetCol + " to match on");
                return List.of();
            }
            receiverKey[i] = f.index();
        }
        List<ShapedColumn> values = shaped.columns().stream().filter(c -> c.source() == null
                || !(ts.key().contains(c.source().name()) || ts.keep().contains(c.source().name()))).toList();
        List<ColumnPlan> mergedPlans = new ArrayList<>();
        for (ShapedColumn c : values) {
            mergedPlans.add(new ColumnPlan(c.source(), new Column(c.name(), null, c.type(), true, null), null, c.value(),
                    c.cast(), c.ifNull(), c.origin()));
        }
        TablePlan mergedPlan = new TablePlan(shaped.source(), shaped.read(),
                new Table(TableId.of(shaped.targetName()), mergedPlans.stream().map(ColumnPlan::target).toList(),
                        List.of(), List.of(), List.of(), -1),
                mergedPlans, shaped.filter(), shaped.filterText(), null, false, -1, List.of(), null);
        index = new MergeIndex(source, shaped.source(), shaped.read(), keyIdx, new RowMapper(mergedPlan));
        MergeIndex idx = index;
        List<ShapedColumn> out = new ArrayList<>();
        columnNames = values.stream().map(ShapedColumn::name).toList();
        for (int j = 0; j < values.size(); j++) {
            int col = j;
            ShapedColumn c = values.get(j);
            ValueSource.RowFunction f = row -> {
                Object[] key = new Object[receiverKey.length];
                for (int k = 0; k < key.length; k++) {
                    key[k] = row[receiverKey[k]];
                }
                Object[] merged = idx.lookup(key);
                return merged == null ? null : merged[col];
            };
            // The merged row's values are already cast; only the receiving target's conversion remains. The
            // column's default also stands in when no row was merged for this key.
            out.add(new ShapedColumn(null, c.name(), new ValueSource.Computed(f, "merged from "
                    + shaped.source().id().display()), Conversion.identity(c.type()), c.ifNull(), c.ifNull() == null,
                    "merged from " + shaped.source().id().display() + "." + (c.source() == null ? c.name() : c.source().name())));
        }
        return out;
    }
}
