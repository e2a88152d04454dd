package io.decant.core.verify;

import io.decant.core.checksum.RowHasher;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorContext;
import io.decant.core.plan.ColumnPlan;
import io.decant.core.plan.MigrationPlan;
import io.decant.core.plan.TablePlan;
import io.decant.core.run.RowMapper;
import io.decant.core.spi.CanonicalRowStream;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Proves a migration: each table is read on both sides, the source through the same plan (and so
 * the same conversions) that migrate used, and reduced to order-independent checksums per hash
 * bucket of the row key. Equal buckets are done; the rows of differing buckets are read again and
 * compared by key, which names each missing, extra or changed row and the columns that differ.
 * Both sides are read at the same time, each once per pass, streaming.
 */
public final class Verifier {
    private final VerifyOptions options;
    private final Consumer<String> log;
    private final MigrateNotes migrateNotes;

    public Verifier(VerifyOptions options, Consumer<String> log) {
        this(options, log, MigrateNotes.NONE);
    }

    /** @param notes what migrate noted in the target's journal, to explain the differences it caused */
    public Verifier(VerifyOptions options, Consumer<String> log, MigrateNotes notes) {
        this.options = options;
        this.log = log;
        this.migrateNotes = notes;
    }

    /**
     * Counts the source rows verify sets aside because they do not convert, for a table migrate rejected rows of
     * ({@code --on-error reject}): it left them out, so verify does too, and says how many. Keeps no row.
     */
    private static final class SetAside implements io.decant.core.run.Rejects {
        private final java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row) {
            rows.incrementAndGet();
        }

        @Override
        public long count(String table) {
            return rows.get();
        }
    }

    /** A mapper as migrate used it: one that sets rows aside when migrate rejected rows of the table. */
    private RowMapper mapper(TablePlan tp, SetAside aside) {
        return migrateNotes.rejected(tp.name()) ? new RowMapper(tp).rejectingInto(aside, tp) : new RowMapper(tp);
    }

    public VerifyReport verify(MigrationPlan plan, SourceDatabase source, SourceDatabase target) {
        long start = System.nanoTime();
        List<TableCheck> checks = new ArrayList<>();
        Status status = Status.PASS;
        // The integrity checks of a table ride along its checksum pass when they can (the pass reads every
        // target row already); the rest read the target on their own at the end.
        Integrity.Session checking = options.integrity()
                ? new Integrity(target, options.maxDifferences()).start(withDeclaredReferences(plan), declaredUniques(plan))
                : null;
        for (TablePlan tp : plan.tables()) {
            log.accept(tp.name() + ": verifying");
            SetAside aside = new SetAside();
            TableCheck c = options.checksums() ? checksum(tp, source, target, checking, aside)
                    : counts(tp, source, target, aside);
            c = migrateNotes.explain(c, aside.count(tp.name()));
            log.accept(tp.name() + ": " + c.status().name().toLowerCase(java.util.Locale.ROOT));
            checks.add(c);
            status = status.worst(c.status());
        }
        List<IntegrityCheck> integrity = checking != null ? checking.finish() : List.of();
        for (IntegrityCheck ic : integrity) {
            status = status.worst(ic.status());
        }
        return new VerifyReport(plan.source(), plan.target(), status, options.checksums(), checks, integrity,
                (System.nanoTime() - start) / 1e9);
    }

    /** The keys the spec declares unique, per target table, to check for duplicates. */
    private static java.util.Map<io.decant.core.schema.TableId, List<io.decant.core.spec.UniqueKey>> declaredUniques(
            MigrationPlan plan) {
        java.util.Map<io.decant.core.schema.TableId, List<io.decant.core.spec.UniqueKey>> out = new java.util.HashMap<>();
        for (MigrationPlan.DeclaredUnique u : plan.uniques()) {
            out.computeIfAbsent(u.table(), k -> new ArrayList<>()).add(u.key());
        }
        return out;
    }

    /** The target tables, with the spec's declared references added as foreign keys to check for orphans. */
    private static List<io.decant.core.schema.Table> withDeclaredReferences(MigrationPlan plan) {
        List<io.decant.core.schema.Table> out = new ArrayList<>();
        for (TablePlan tp : plan.tables()) {
            io.decant.core.schema.Table t = tp.target();
            List<io.decant.core.schema.ForeignKey> fks = new ArrayList<>(t.foreignKeys());
            for (MigrationPlan.DeclaredReference r : plan.references()) {
                if (r.table().equals(t.id())) {
                    fks.add(new io.decant.core.schema.ForeignKey("declared " + r.column(), List.of(r.column()), r.refTable(),
                            List.of(r.refColumn())));
                }
            }
            out.add(new io.decant.core.schema.Table(t.id(), t.columns(), t.primaryKey(), t.indexes(), fks, t.rowEstimate()));
        }
        return out;
    }

    /**
     * Row counts only: the source's rows as the spec passes them (its {@code where} filter and the
     * orphans it leaves out are not counted, as in a full verify), the target's as they are.
     */
    private TableCheck counts(TablePlan tp, SourceDatabase source, SourceDatabase target, SetAside aside) {
        TablePlan rows = migrateNotes.rejected(tp.name()) ? tp : tp.rowsOnly(); // rows that may not convert are mapped whole
        long[] s = new long[1];
        long[] t = new long[1];
        if (rows == null) {
            both(() -> s[0] = source.countRows(tp.source()), () -> t[0] = target.countRows(tp.target()));
        } else {
            RowMapper mapper = mapper(rows, aside);
            both(() -> readSource(rows, source, mapper, row -> s[0]++), () -> t[0] = target.countRows(tp.target()));
        }
        Status count = s[0] == t[0] ? Status.PASS : Status.FAIL;
        List<String> notes = new ArrayList<>(List.of("row counts only (--skip-checksum)"));
        if (rows != null) {
            notes.add("source rows counted through the spec's " + (rows.filter() != null && !rows.columns().isEmpty()
                    ? "where filter and id rewrites" : rows.filter() != null ? "where filter" : "id rewrites"));
        }
        return new TableCheck(tp.name(), tp.target().id().display(), count, s[0], t[0], count, null, null, null,
                Math.abs(s[0] - t[0]), List.of(), notes);
    }

    private TableCheck checksum(TablePlan tp, SourceDatabase source, SourceDatabase target, Integrity.Session checking,
                                SetAside aside) {
        List<LogicalType> types = tp.columns().stream().map(c -> c.target().type()).toList();
        int[] key = keyIndexes(tp);
        List<String> notes = new ArrayList<>();
        if (key.length == types.size() && tp.target().rowKey().isEmpty()) {
            notes.add("no primary key: rows are compared as a whole, so a changed row shows as one missing and one extra");
        }
        RowMapper mapper = mapper(tp, new SetAside()); // the second pass's: the first pass counts what it sets aside
        SideScan[] scanned = new SideScan[1];
        SideScan t = new SideScan(types, key, options.buckets());
        List<io.decant.core.schema.Column> targetColumns = tp.columns().stream().map(ColumnPlan::target).toList();
        List<String> keyColumns = Arrays.stream(key).mapToObj(i -> targetColumns.get(i).name()).toList();
        Integrity.Session.TableRun probes = checking == null ? null
                : checking.ride(tp.target().id(), targetColumns, keyColumns);
        both(() -> scanned[0] = MappedScan.run(tp, () -> mapper(tp, aside), source, types, key, options.buckets(), options.threads(),
                        options.wireChecksums()),
                () -> scanTarget(tp, target, t, probes));
        if (probes != null) {
            checking.done(probes);
        }
        SideScan s = scanned[0];
        Status count = s.total.rows() == t.total.rows() ? Status.PASS : Status.FAIL;
        Status sum = s.total.sameAs(t.total) ? Status.PASS : Status.FAIL;
        List<RowDiff> diffs = List.of();
        long differing = 0;
        if (sum == Status.FAIL) {
            BitSet differ = new BitSet(options.buckets());
            for (int b = 0; b < options.buckets(); b++) {
                if (!s.buckets[b].sameAs(t.buckets[b])) {
                    differ.set(b);
                }
            }
            TableDiffer differ2 = new TableDiffer(tp, types, key, differ, options.buckets(), options.maxDifferences());
            both(() -> readSource(tp, source, mapper, differ2::addSource), () -> readTarget(tp, target, differ2::addTarget));
            diffs = differ2.differences();
            differing = differ2.differingRows();
            if (differ2.truncated()) {
                notes.add("only the rows of the first " + differ2.bucketsExamined() + " of " + differ.cardinality()
                        + " differing key buckets were compared row by row");
            }
        }
        Status status = count.worst(sum);
        return new TableCheck(tp.name(), tp.target().id().display(), status, s.total.rows(), t.total.rows(), count, sum,
                s.total.hex(), t.total.hex(), differing, diffs, notes);
    }

    private static int[] keyIndexes(TablePlan tp) {
        List<String> names = tp.columns().stream().map(c -> c.target().name()).toList();
        List<String> key = tp.target().rowKey();
        if (!key.isEmpty() && names.containsAll(key)) {
            return key.stream().mapToInt(names::indexOf).toArray();
        }
        return java.util.stream.IntStream.range(0, names.size()).toArray();
    }

    private static void readSource(TablePlan tp, SourceDatabase source, RowMapper mapper, Consumer<Object[]> sink) {
        try (RowStream rs = source.read(tp.source(), tp.sourceColumns())) {
            Object[] row;
            while ((row = rs.next()) != null) {
                Object[] out = mapper.map(row, rs.rowsRead());
                if (out != null) {
                    sink.accept(out);
                }
            }
        }
    }

    /**
     * The target side of the first pass: every row into {@code scan}, and to the integrity checks riding
     * along. Rows are hashed from the reader's wire form when it can, with only the values the checks
     * read decoded.
     */
    private void scanTarget(TablePlan tp, SourceDatabase target, SideScan scan, Integrity.Session.TableRun probes) {
        try (RowStream rs = target.read(tp.target(), tp.columns().stream().map(ColumnPlan::target).toList())) {
            if (options.wireChecksums() && rs instanceof CanonicalRowStream wire) {
                boolean[] decode = probes != null ? probes.decode : new boolean[tp.columns().size()];
                RowHasher h = scan.hasher();
                Object[] row;
                while ((row = wire.nextCanonical(h.rowBuffer(), h.fieldEnds(), decode)) != null) {
                    long keyHash = scan.addFilled();
                    if (probes != null) {
                        probes.accept(row, keyHash);
                    }
                }
                return;
            }
            Object[] row;
            while ((row = rs.next()) != null) {
                long keyHash = scan.add(row);
                if (probes != null) {
                    probes.accept(row, keyHash);
                }
            }
        }
    }

    private static void readTarget(TablePlan tp, SourceDatabase target, Consumer<Object[]> sink) {
        try (RowStream rs = target.read(tp.target(), tp.columns().stream().map(ColumnPlan::target).toList())) {
            Object[] row;
            while ((row = rs.next()) != null) {
                sink.accept(row);
            }
        }
    }

    /** Runs both sides at once; the first failure is rethrown as it was. */
    private static void both(Runnable a, Runnable b) {
        CompletableFuture<Void> fa = CompletableFuture.runAsync(a);
        try {
            b.run();
            fa.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        } catch (RuntimeException e) {
            fa.cancel(true);
            throw e;
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new DecantException(io.decant.core.error.ErrorCode.INTERNAL, ErrorContext.EMPTY, String.valueOf(t), t);
    }
}
