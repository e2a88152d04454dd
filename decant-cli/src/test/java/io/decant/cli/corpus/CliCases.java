package io.decant.cli.corpus;

import io.decant.testkit.PgServer;
import java.util.List;

/** Command lines that are wrong: usage errors (exit 2) that say what is wrong, before anything is touched. */
final class CliCases {
    private CliCases() {
    }

    static List<Case> cases() {
        return List.of(
                usage("cli/unknown-flag", new String[] {"--frm", "x"}, "--frm"),
                usage("cli/truncate-first-without-yes-and-no-terminal", new String[] {"--truncate-first"}, "--yes"),
                usage("cli/jobs-not-a-number", new String[] {"--jobs", "many"}, "--jobs", "many"),
                usage("cli/jobs-zero", new String[] {"--jobs", "0"}, "--jobs"),
                usage("cli/unknown-output-format", new String[] {"--output", "xml"}, "--output", "xml"),
                usage("cli/unknown-on-error-policy", new String[] {"--on-error", "ignore"}, "--on-error", "ignore"),
                usage("cli/unknown-table-selected", new String[] {"--tables", "nosuch"}, "nosuch"),
                Case.of("cli/missing-required-to", 2, c -> Case.Invocation.of(Guard.NONE, "import", "--in", c.fx().jsonl.toString()),
                        "--to"),
                Case.of("cli/unknown-command", 2, c -> Case.Invocation.of(Guard.NONE, "migrat", "--from", "x"), "migrat"),
                Case.of("cli/unknown-export-format", 2, c -> Case.Invocation.of(Guard.folder(c.dir()), "export", "--from",
                        c.fx().url(c.fx().source), "--out", c.dir().resolve("out").toString(), "--format", "xml"), "xml"),
                Case.of("cli/import-folder-does-not-exist", 4, c -> {
                    PgServer.TestDb t = c.fx().narrow();
                    return Case.Invocation.of(Guard.pg(t), "import", "--in", c.dir().resolve("no-such-folder").toString(), "--to", c.fx().url(t));
                }, "no-such-folder"));
    }

    /** import of the good folder into the narrow target, with extra (wrong) options. */
    private static Case usage(String name, String[] extra, String... messages) {
        return Case.of(name, 2, c -> c.fx().importNotes(Folder.copyOf(c.fx().jsonl, c.dir().resolve("export")), extra), messages);
    }
}
