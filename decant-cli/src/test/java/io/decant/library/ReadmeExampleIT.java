package io.decant.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.Decant;
import io.decant.testkit.PgServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "decant as a library" example, taken from README.md as it is written there, compiled
 * with javac against decant-core alone and run against real PostgreSQL databases.
 */
class ReadmeExampleIT {
    private static final String START = "<!-- library-example:start -->";
    private static final String END = "<!-- library-example:end -->";

    /** The Java between the markers, without its code fence. */
    static String example() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no " + START + " ... " + END + " block");
        String block = text.substring(start + START.length(), end).strip();
        assertTrue(block.startsWith("```java\n") && block.endsWith("```"), block);
        return block.substring("```java\n".length(), block.length() - 3);
    }

    @Test
    void theReadmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String example = example();
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : example.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("    ").append(line).append('\n');
            }
        }
        assertTrue(example.lines().count() <= 14, "the example stays short:\n" + example);
        String source = String.join("\n", imports) + "\n\npublic final class ReadmeExample {\n" + body + "}\n";
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        String core = Path.of(Decant.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", core, "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "the README example does not compile against decant-core:\n" + diagnostics + "\n" + source);

        PgServer.TestDb src = PgServer.get().createDatabase("it_readme_src");
        src.exec(DataSourceIT.SCHEMA);
        PgServer.TestDb dst = PgServer.get().createDatabase("it_readme_dst");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Object passed;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            Method run = loader.loadClass("ReadmeExample").getDeclaredMethod("migrateThenVerify", DataSource.class,
                    String.class);
            run.setAccessible(true);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            passed = run.invoke(null, DataSourceIT.dataSource(src), dst.url());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(Boolean.TRUE, passed, "verify after migrate passes");
        assertEquals("540 rows moved", printed.toString(StandardCharsets.UTF_8).strip());
        assertEquals("500", dst.one("SELECT count(*) FROM orders"));
    }
}
