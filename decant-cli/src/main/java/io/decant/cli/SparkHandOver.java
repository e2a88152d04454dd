package io.decant.cli;

import io.decant.core.error.DecantException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** migrate's options as decant-spark's migrate takes them, refusing those it does not offer. */
final class SparkHandOver {
    private SparkHandOver() {
    }

    static int run(MigrateCommand m) {
        if (!m.engine.equals("spark")) {
            throw DecantException.usage("--engine must be local or spark, not " + m.engine);
        }
        LoadOptions load = m.load;
        List<String> refused = new ArrayList<>();
        if (load.dryRun) {
            refused.add("--dry-run (run decant plan)");
        }
        if (load.journalSchema != null) {
            refused.add("--journal-schema");
        }
        if (load.report != null) {
            refused.add("--report");
        }
        if (m.common.output != OutputFormat.TEXT) {
            refused.add("--output " + m.common.output.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (m.common.audit != null) {
            refused.add("--audit");
        }
        if (m.selection.allowEmpty) {
            refused.add("--allow-empty");
        }
        if (!refused.isEmpty()) {
            throw DecantException.usage("--engine spark does not offer " + String.join(", ", refused)
                    + "; leave them out, or run on one machine");
        }
        String from = m.from != null ? m.from : Environment.get("DECANT_FROM");
        String to = m.to != null ? m.to : Environment.get("DECANT_TO");
        if (from == null || to == null) {
            throw DecantException.usage("--engine spark needs --from and --to (or DECANT_FROM and DECANT_TO in the"
                    + " environment)");
        }
        // the URLs (and their passwords) go to the Spark driver in its environment, never on its command line,
        // where ps shows them to every user of the machine
        Map<String, String> env = Map.of("DECANT_FROM", from, "DECANT_TO", to);
        List<String> args = new ArrayList<>();
        if (m.common.spec != null) {
            args.addAll(List.of("--spec", m.common.spec.toString()));
        }
        if (!m.common.schemas.isEmpty()) {
            args.addAll(List.of("--schemas", String.join(",", m.common.schemas)));
        }
        if (m.common.includeExtensionTables) {
            args.add("--include-extension-tables");
        }
        if (!m.selection.tables.isEmpty()) {
            args.addAll(List.of("--tables", String.join(",", m.selection.tables)));
        }
        if (!m.selection.exclude.isEmpty()) {
            args.addAll(List.of("--exclude", String.join(",", m.selection.exclude)));
        }
        if (load.createSchema) {
            args.add("--create-schema");
        }
        if (load.truncateFirst) {
            args.add("--truncate-first");
        }
        if (load.yes) {
            args.add("--yes");
        }
        if (load.disableFk) {
            args.add("--disable-fk");
        }
        if (load.resume) {
            args.add("--resume");
        }
        if (load.onError.equals("reject")) {
            args.addAll(List.of("--on-error", "reject", "--rejects", load.rejects.toString()));
        } else if (!load.onError.equals("fail")) {
            throw DecantException.usage("--on-error must be fail or reject, not " + load.onError);
        }
        if (m.common.mapping != null) {
            args.addAll(List.of("--mapping", m.common.mapping.toString()));
        }
        if (m.sliceRows != null) {
            if (m.sliceRows < 1) {
                throw DecantException.usage("--slice-rows takes a number of rows above 0, not " + m.sliceRows);
            }
            args.addAll(List.of("--slice-rows", m.sliceRows.toString()));
        }
        if (m.sharedStorage) {
            args.add("--shared-storage");
        }
        return SparkEngine.migrate(m.master, args, env);
    }
}
