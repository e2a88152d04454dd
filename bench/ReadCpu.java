import io.decant.core.schema.Table;
import io.decant.core.spi.Dialects;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.RowStream;
import io.decant.core.spi.SourceDatabase;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The CPU one thread spends per row reading one table through decant's source (the row stream with its
 * column decoders, no mapper, no sink), pass after pass in one JVM, so that the later passes show the
 * JIT-compiled reader. Thread CPU time, not wall time: other work on a shared machine skews it less.
 * {@code java -cp decant.jar bench/ReadCpu.java URL TABLE PASSES}, for example
 * {@code java -cp decant.jar bench/ReadCpu.java sqlite:/tmp/d1.db readings 8}.
 */
public final class ReadCpu {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ReadCpu URL TABLE PASSES");
            System.exit(2);
        }
        var threads = ManagementFactory.getThreadMXBean();
        int passes = Integer.parseInt(args[2]);
        try (SourceDatabase source = Dialects.installed().openSource(args[0], OpenOptions.DEFAULT)) {
            Table table = source.tables().stream().filter(t -> t.name().equals(args[1])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no table " + args[1]));
            StringBuilder out = new StringBuilder("ns of CPU per row, pass by pass:");
            for (int p = 0; p < passes; p++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long rows = 0;
                try (RowStream stream = source.read(table, table.columns())) {
                    while (stream.next() != null) {
                        rows++;
                    }
                }
                long ns = threads.getCurrentThreadCpuTime() - cpu;
                out.append(String.format(Locale.ROOT, " %.0f", (double) ns / Math.max(rows, 1)));
            }
            System.out.println(out);
        }
    }
}
