package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI parses, calls {@link io.decant.core.Decant} and renders: its compiled classes refer to no
 * class of core's engine (plan, run, workflow, spi, spec, transform, schema, checksum) — only to the
 * facade, what it hands back and takes ({@code api}, verify's and ids' and init's result records),
 * errors and utilities. Read from the class files' constant pools, so a type that is only inferred
 * ({@code var}) or only passes through a method's signature counts too.
 */
class FacadeOnlyTest {
    private static final Pattern CORE = Pattern.compile("io/decant/core/([A-Za-z0-9_/$]+)");
    private static final Pattern ALLOWED = Pattern.compile(
            "((Decant|DecantConfig)(\\$.*)?|api/.*|error/.*|util/.*|verify/(VerifyReport|VerifyOptions|TableCheck|RowDiff|Status"
                    + "|IntegrityCheck|MigrateNote)(\\$.*)?|ids/IdsResults(\\$.*)?|init/InitResult(\\$.*)?)");

    @Test
    void theCliRefersToNoEngineClass() throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected the CLI's compiled classes in a folder, got " + classes);
        List<String> offenders = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                read++;
                String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                TreeSet<String> bad = new TreeSet<>();
                Matcher m = CORE.matcher(pool);
                while (m.find()) {
                    if (!ALLOWED.matcher(m.group(1)).matches()) {
                        bad.add(m.group(1));
                    }
                }
                if (!bad.isEmpty()) {
                    offenders.add(classes.relativize(f) + " -> " + bad);
                }
            }
        }
        assertTrue(read > 20, "read only " + read + " class files from " + classes);
        assertEquals(List.of(), offenders, "CLI classes that reach past the facade into core's engine");
    }
}
