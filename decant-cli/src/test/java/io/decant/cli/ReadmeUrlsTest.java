package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spi.Dialect;
import io.decant.core.spi.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's list of connection URLs is the code's: each row's example resolves to the database
 * family the row names, and every URL prefix a dialect announces (its {@code urlForms()}) has a row.
 * A form added to a dialect and not to the README, or a README row no dialect accepts, fails here.
 */
class ReadmeUrlsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+) \\|$");
    private static final Pattern PREFIX = Pattern.compile("^([a-z0-9]+(?::[a-z0-9]+)*:(?://)?)");

    @TempDir
    Path dir;

    /** The rows of the table under "Connection URLs": example, description. */
    static Map<String, String> rows() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Connection URLs")) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, "README.md has no 'Connection URLs' list");
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() && !rows.isEmpty()) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), m.group(2));
            }
        }
        assertFalse(rows.isEmpty(), "the 'Connection URLs' list of README.md has no rows");
        return rows;
    }

    /** The family a row's description names. */
    private static String family(String description) {
        if (description.contains("PostgreSQL")) {
            return "postgres";
        }
        if (description.contains("MySQL") || description.contains("MariaDB")) {
            return "mysql";
        }
        return description.contains("SQLite") ? "sqlite" : "files";
    }

    @TestFactory
    Stream<DynamicTest> everyRowResolvesToTheFamilyItNames() throws IOException {
        Dialects dialects = Dialects.installed();
        return rows().entrySet().stream().map(row -> DynamicTest.dynamicTest(row.getKey(), () -> {
            String url = row.getKey();
            if (!PREFIX.matcher(url).find()) {
                // A plain path: files must exist to be told apart from a new folder's name.
                Path p = dir.resolve(url);
                if (url.endsWith(".sql") || url.endsWith(".json")) {
                    Files.writeString(p, "");
                }
                url = p + (url.endsWith("/") ? "/" : "");
            }
            Dialect d = dialects.forUrl(url);
            assertEquals(family(row.getValue()), d.name(), row.getKey() + " | " + row.getValue());
        }));
    }

    @Test
    void everyPrefixADialectAnnouncesHasARow() throws IOException {
        List<String> examples = new ArrayList<>(rows().keySet());
        List<String> missing = new ArrayList<>();
        for (Dialect d : Dialects.installed().all()) {
            for (String form : d.urlForms()) {
                for (String alternative : form.split("\\|")) {
                    Matcher m = PREFIX.matcher(alternative.trim().toLowerCase(Locale.ROOT));
                    if (m.find() && examples.stream().noneMatch(e -> e.toLowerCase(Locale.ROOT).startsWith(m.group(1)))) {
                        missing.add(m.group(1) + " (" + d.name() + ": " + form + ")");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "URL forms missing from README.md's list: " + missing);
    }
}
