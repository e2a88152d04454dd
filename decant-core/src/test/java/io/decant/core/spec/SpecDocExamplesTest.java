package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```yaml} block of docs/spec.md is a spec that must load. A block preceded by
 * {@code <!-- invalid -->} must fail, and the {@code ```text} block after it holds the exact
 * problems, one per line, in the order reported.
 */
class SpecDocExamplesTest {

    record Example(int line, String yaml, boolean invalid, String expected) {
    }

    static Path doc() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("docs/spec.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/spec.md not found above " + Path.of("").toAbsolutePath());
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(doc(), StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```yaml")) {
                continue;
            }
            boolean invalid = i > 0 && lines.get(i - 1).trim().equals("<!-- invalid -->");
            int start = i + 1;
            int end = start;
            while (!lines.get(end).trim().equals("```")) {
                end++;
            }
            String yaml = String.join("\n", lines.subList(start, end)) + "\n";
            String expected = null;
            if (invalid) {
                int t = end + 1;
                while (t < lines.size() && lines.get(t).isBlank()) {
                    t++;
                }
                assertEquals("```text", lines.get(t).trim(), "an invalid example at line " + (i + 1)
                        + " must be followed by a ```text block with its problems");
                int te = t + 1;
                while (!lines.get(te).trim().equals("```")) {
                    te++;
                }
                expected = String.join("\n", lines.subList(t + 1, te));
            }
            out.add(new Example(i + 1, yaml, invalid, expected));
            i = end;
        }
        return out;
    }

    @Test
    void theDocumentHasExamples() throws IOException {
        List<Example> all = examples();
        assertTrue(all.size() >= 15, "examples: " + all.size());
        assertTrue(all.stream().anyMatch(Example::invalid));
    }

    @TestFactory
    Stream<DynamicTest> everyExample() throws IOException {
        return examples().stream().map(e -> DynamicTest.dynamicTest("docs/spec.md:" + e.line(), () -> {
            SpecResult r = SpecLoader.read(e.yaml(), "decant.yaml", SpecLoaderTest.ENV);
            if (e.invalid()) {
                assertFalse(r.ok(), "example at line " + e.line() + " should be invalid");
                assertEquals(e.expected(), String.join("\n", r.problems().stream().map(SpecProblem::toString).toList()));
            } else {
                assertTrue(r.ok(), "example at line " + e.line() + ": " + r.problems());
            }
        }));
    }
}
