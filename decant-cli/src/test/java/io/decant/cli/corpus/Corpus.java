package io.decant.cli.corpus;

import io.decant.cli.Cli;
import io.decant.cli.StrayOutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs a case and checks everything every case promises. */
final class Corpus {
    /** The password put into every URL the corpus uses; it must never be printed. */
    static final String MARKER = "Corpus-Marker-Pw-7731";

    /** A Java class name, a stack frame, or a "Caused by": a user error must name the problem, not the code. */
    private static final Pattern TRACE = Pattern.compile(
            "\\b[A-Za-z]*Exception\\b|\\b[A-Z][A-Za-z]*Error\\b|\\n\\s+at [\\w$.]+\\(|Caused by:"
                    + "|\\b(java|javax|org|com|io)\\.[a-z]+\\.[A-Za-z]");

    private Corpus() {
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        out.addAll(FolderCases.cases());
        out.addAll(ManifestCases.cases());
        out.addAll(ValueCases.cases());
        out.addAll(RejectCases.cases());
        out.addAll(IdentifierCases.cases());
        out.addAll(SpecCases.cases());
        out.addAll(MappingCases.cases());
        out.addAll(ConnectionCases.cases());
        out.addAll(CliCases.cases());
        return out;
    }

    static Case named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name));
    }

    static void check(Case c, Fixtures fx, Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve(c.name().replaceAll("[^A-Za-z0-9_.-]", "_")));
        Case.Ctx ctx = new Case.Ctx(dir, fx, new java.util.HashMap<>());
        try {
            Case.Invocation inv = c.setup().prepare(ctx);
            Map<String, String> before = inv.guard().snapshot();
            StrayOutput.Run run = StrayOutput.run(inv.args().toArray(String[]::new));
            Cli.Result r = run.result();
            String shown = c.name() + ": decant " + String.join(" ", inv.args()) + "\n" + run;
            dump(shown);

            assertEquals(c.exit(), r.exit(), "exit code of " + shown);
            for (String m : c.messages()) {
                assertTrue(r.err().contains(m), "stderr must contain '" + m + "': " + shown);
            }
            if (r.exit() != 70) {
                Matcher trace = TRACE.matcher(run.everything());
                assertFalse(trace.find(), "no class name or stack trace for a user error; found '"
                        + (trace.find(0) ? trace.group() : "") + "': " + shown);
            }
            assertFalse(run.everything().contains(Corpus.MARKER), "the password is never printed: " + shown);
            if (r.exit() != 0) {
                assertEquals(before, inv.guard().snapshot(), "the target is exactly as before the failed run: " + shown);
            }
            c.after().verify(ctx, r);
        } finally {
            if (ctx.bag().get("cleanup") instanceof Runnable cleanup) {
                cleanup.run();
            }
        }
    }

    /** With -Dcorpus.dump=FILE, every case's command line and output are appended to FILE (to review messages). */
    private static synchronized void dump(String shown) throws java.io.IOException {
        String file = System.getProperty("corpus.dump");
        if (file != null) {
            Files.writeString(Path.of(file), shown + "\n\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    static Stream<Case> runnable() {
        return all().stream().filter(c -> c.bug() == null);
    }
}
