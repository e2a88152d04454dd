package io.decant.spark;

import io.decant.core.api.MigrationResult;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.error.DecantException;
import io.decant.core.util.Redactor;
import io.decant.core.verify.RowDiff;
import io.decant.core.verify.Status;
import io.decant.core.verify.TableCheck;
import io.decant.core.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code spark-submit} entry point:
 * {@code spark-submit --class io.decant.spark.Main decant-spark.jar migrate|verify --from URL --to URL [options]}.
 * The result goes to stdout, progress and errors to stderr; exit codes are decant's (0 done, 1 verify found
 * differences, 2 usage, 3 data, 4 a database, 70 a bug). {@code --master local[N]} runs Spark in this JVM when
 * started without {@code spark-submit}.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: spark-submit --class io.decant.spark.Main decant-spark.jar migrate|verify [--from URL] [--to URL]
                     [--spec FILE] [--schemas a,b] [--include-extension-tables] [--tables a,b] [--exclude a,b]
                     [--create-schema]
                     [--truncate-first --yes] [--disable-fk] [--resume] [--slice-rows N] [--max-connections N]
                     [--executors N] [--master local[N]] [--shared-storage] [--mapping FILE] [--max-broadcast-ids N]
                     [--on-error fail|reject] [--rejects DIR]
            --from and --to default to DECANT_FROM and DECANT_TO in the environment, which keeps a URL's password
            off the command line (where ps shows it to every user).""";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Parsed p = parse(args, System.getenv());
            SparkConf conf = new SparkConf().setAppName("decant " + p.command);
            if (p.master != null) {
                conf.setMaster(p.master);
            } else if (!conf.contains("spark.master")) {
                throw DecantException.usage("no Spark master: run through spark-submit, or give --master local[N]");
            }
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                if (p.master != null) {
                    spark.setLogLevel("WARN"); // started without spark-submit: no cluster log settings to follow
                }
                String master = spark.master();
                if (!master.startsWith("local")) {
                    refuseLocalFiles(p.request, p.sharedStorage);
                }
                if (p.command.equals("migrate")) {
                    ProgressListener progress = new ProgressListener() {
                        @Override
                        public void message(String text) {
                            err.println(text);
                        }

                        @Override
                        public void tableFinished(io.decant.core.api.TableTask table, TableResult result) {
                            err.println(table.name() + ": " + result.status().name().toLowerCase(Locale.ROOT) + ", "
                                    + result.rows() + " rows");
                        }
                    };
                    try {
                        MigrationResult r = new SparkMigration(spark, progress).run(p.request);
                        out.print(text(r));
                        return 0;
                    } catch (io.decant.core.api.FailedRun failed) {
                        // the run ended and set rows aside: its result, then why it did not succeed
                        if (failed.result() instanceof MigrationResult r) {
                            out.print(text(r));
                        }
                        err.println(Redactor.global().redact(failed.failure().getMessage()));
                        return failed.failure().exitCode();
                    }
                }
                VerifyReport r = new SparkVerify(spark, err::println).verify(p.request);
                out.print(text(r));
                return r.status() == Status.FAIL ? 1 : 0;
            }
        } catch (DecantException e) {
            err.println(Redactor.global().redact(e.getMessage()));
            if (e.exitCode() == 2) {
                err.println(USAGE);
            }
            return e.exitCode();
        }
    }

    /**
     * Sources in a local file (SQLite, export folders) are readable by every executor only in local mode, or when the
     * user states that the path is on storage every executor reads at the same path ({@code --shared-storage}).
     * Databases reached over the network (PostgreSQL, MySQL/MariaDB) need nothing of the kind.
     */
    static void refuseLocalFiles(SparkRequest r, boolean sharedStorage) {
        for (String url : List.of(r.from(), r.to())) {
            if (!sharedStorage && !overTheNetwork(url)) {
                throw DecantException.usage("on a Spark cluster every executor opens " + Redactor.global().redact(url)
                        + " itself, and a file on the driver's disk is not on theirs: use --master local[N], or, when the"
                        + " path is on storage every executor reads at the same path (NFS, a mounted volume), add"
                        + " --shared-storage");
            }
        }
    }

    /** A URL with a scheme and a host (postgres://, mysql://, jdbc:mariadb://): not a file. */
    static boolean overTheNetwork(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        int at = u.indexOf("://");
        return at > 0 && !u.startsWith("file:") && !u.startsWith("sqlite:") && !u.startsWith("jdbc:sqlite:");
    }

    record Parsed(String command, SparkRequest request, String master, boolean sharedStorage) {
    }

    static Parsed parse(String[] args) {
        return parse(args, java.util.Map.of());
    }

    /** The command line; {@code --from} and {@code --to} default to DECANT_FROM and DECANT_TO in {@code env}. */
    static Parsed parse(String[] args, java.util.Map<String, String> env) {
        if (args.length == 0 || !(args[0].equals("migrate") || args[0].equals("verify"))) {
            throw DecantException.usage("the first argument is migrate or verify");
        }
        String from = null;
        String to = null;
        String master = null;
        Path spec = null;
        List<String> schemas = List.of();
        List<String> tables = List.of();
        List<String> exclude = List.of();
        boolean create = false;
        boolean truncate = false;
        boolean yes = false;
        boolean disableFk = false;
        boolean resume = false;
        boolean extensionTables = false;
        boolean sharedStorage = false;
        long sliceRows = SparkRequest.DEFAULT_SLICE_ROWS;
        int maxConnections = SparkRequest.DEFAULT_MAX_CONNECTIONS;
        int executors = 1;
        String mapping = null;
        long maxBroadcastIds = SparkRequest.DEFAULT_MAX_BROADCAST_IDS;
        String onError = "fail";
        String rejects = "rejects";
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--create-schema" -> create = true;
                case "--truncate-first" -> truncate = true;
                case "--yes" -> yes = true;
                case "--disable-fk" -> disableFk = true;
                case "--resume" -> resume = true;
                case "--include-extension-tables" -> extensionTables = true;
                case "--shared-storage" -> sharedStorage = true;
                default -> {
                    if (rest.isEmpty() || !a.startsWith("--")) {
                        throw DecantException.usage("unknown argument '" + a + "'");
                    }
                    String v = rest.remove(0);
                    switch (a) {
                        case "--from" -> from = v;
                        case "--to" -> to = v;
                        case "--master" -> master = v;
                        case "--spec" -> spec = Path.of(v);
                        case "--schemas" -> schemas = List.of(v.split(","));
                        case "--tables" -> tables = List.of(v.split(","));
                        case "--exclude" -> exclude = List.of(v.split(","));
                        case "--slice-rows" -> sliceRows = number(a, v);
                        case "--max-connections" -> maxConnections = (int) number(a, v);
                        case "--executors" -> executors = (int) number(a, v);
                        case "--mapping" -> mapping = v;
                        case "--max-broadcast-ids" -> maxBroadcastIds = number(a, v);
                        case "--on-error" -> onError = v;
                        case "--rejects" -> rejects = v;
                        default -> throw DecantException.usage("unknown option '" + a + "'");
                    }
                }
            }
        }
        from = from != null ? from : nonEmpty(env.get("DECANT_FROM"));
        to = to != null ? to : nonEmpty(env.get("DECANT_TO"));
        if (from == null || to == null) {
            throw DecantException.usage(args[0] + " needs --from and --to (or DECANT_FROM and DECANT_TO in the environment)");
        }
        if (truncate && !yes) {
            throw new DecantException(io.decant.core.error.ErrorCode.CONFIRMATION_REQUIRED,
                    "--truncate-first deletes data in the target: add --yes to confirm");
        }
        if (resume && truncate) {
            throw DecantException.usage("--resume continues a run and --truncate-first starts over: choose one");
        }
        if (!onError.equals("fail") && !onError.equals("reject")) {
            throw DecantException.usage("--on-error must be fail or reject, not " + onError);
        }
        java.util.Map<String, String> settings = extensionTables
                ? java.util.Map.of(io.decant.core.spi.OpenOptions.EXTENSION_TABLES, "include") : java.util.Map.of();
        SparkRequest r = new SparkRequest(from, to, null, io.decant.core.spec.Spec.NO_FILE, schemas, settings,
                tables, exclude, create, truncate, disableFk, resume, sliceRows, maxConnections, executors, List.of(),
                mapping, maxBroadcastIds, onError.equals("reject") ? rejects : null);
        if (spec != null) {
            try {
                r = r.withSpec(Files.readString(spec, StandardCharsets.UTF_8), spec.toString());
            } catch (IOException e) {
                throw new DecantException(io.decant.core.error.ErrorCode.IO_ERROR, "cannot read the spec " + spec + ": "
                        + e.getMessage());
            }
        }
        return new Parsed(args[0], r, master, sharedStorage);
    }

    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw DecantException.usage(option + " takes a number, not '" + v + "'");
        }
    }

    static String text(MigrationResult r) {
        StringBuilder sb = new StringBuilder();
        for (TableResult t : r.tables()) {
            sb.append(String.format(Locale.ROOT, "%-30s %12d rows %8.2f s  %s%n", t.source(), t.rows(), t.seconds(),
                    t.status().name().toLowerCase(Locale.ROOT)));
            t.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
        }
        sb.append(String.format(Locale.ROOT, "total %d rows in %.2f s%n", r.rows(), r.seconds()));
        r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        for (TableCheck t : r.tables()) {
            sb.append(String.format(Locale.ROOT, "%-30s %12d / %-12d %s  %s%n", t.table(), t.sourceRows(), t.targetRows(),
                    t.targetChecksum(), t.status().name().toLowerCase(Locale.ROOT)));
            for (RowDiff d : t.differences()) {
                sb.append("  ").append(d.kind()).append(' ').append(d.key());
                d.columns().forEach(c -> sb.append(' ').append(c.column()).append(": ").append(c.source()).append(" -> ")
                        .append(c.target()));
                sb.append('\n');
            }
        }
        sb.append("result: ").append(r.status().name().toLowerCase(Locale.ROOT)).append('\n');
        return sb.toString();
    }
}
