package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.testkit.PgServer;
import io.decant.testkit.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: rendered by headless Chromium (Debian's chromium package),
 * with nothing loaded from outside the file, the failing rows highlighted and the counts charted.
 */
class VerifyHtmlIT {
    @TempDir
    Path dir;

    private static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        String why = "headless Chromium is not installed (Debian package chromium); the HTML report's rendering test "
                + "needs it. Install it, or set " + Services.REQUIRE_ENV + "=1 to make this a failure.";
        if (Services.required()) {
            throw new IllegalStateException(why);
        }
        Assumptions.assumeTrue(false, why);
        return null;
    }

    private String run(Path browser, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theReportRendersWithFailingRowsHighlighted() throws Exception {
        Path browser = chromium();
        Path app = SqliteFixture.app(dir);
        PgServer.TestDb db = PgServer.get().createDatabase("it_html");
        assertEquals(0, Cli.run("migrate", "--from", "sqlite:" + app, "--to", db.url(), "--create-schema").exit());
        db.exec("UPDATE users SET bio = 'changed <b>html</b>' WHERE id = 'u1'");
        Path report = dir.resolve("verification-report.json");
        Cli.Result v = Cli.run("verify", "--from", "sqlite:" + app, "--to", db.url(), "--report", report.toString());
        assertEquals(1, v.exit(), v.toString());
        Path html = dir.resolve("verification-report.html");
        String source = Files.readString(html);
        assertTrue(!source.contains("http://") && !source.contains("https://") && !source.contains("<script"),
                "self-contained: no external assets, no scripts");

        String dom = run(browser, "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("Verification report"), dom);
        assertTrue(dom.contains("<tr class=\"failrow\"><td>users</td>"), "the failing table is highlighted: " + dom);
        assertTrue(dom.contains("changed &lt;b&gt;html&lt;/b&gt;"), "values are escaped, not rendered as markup");
        assertTrue(dom.contains("class=\"bar t\""), "counts are charted");

        Path png = dir.resolve("report.png");
        run(browser, "--screenshot=" + png, "--window-size=1200,900", html.toUri().toString());
        assertTrue(Files.size(png) > 10_000, "a screenshot of the rendered page was taken");
    }
}
