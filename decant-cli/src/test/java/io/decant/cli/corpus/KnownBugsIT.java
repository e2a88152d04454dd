package io.decant.cli.corpus;

import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus cases that fail today because of a bug in decant. Each asserts the correct behaviour; when
 * a bug is fixed, remove its {@code @Disabled} here and the {@code .bug(...)} on its case, so that the
 * case moves back into {@link BadInputCorpusIT}.
 */
class KnownBugsIT {
    @TempDir
    Path dir;

    private void run(String name) throws Exception {
        Corpus.check(Corpus.named(name), Fixtures.get(), dir);
    }

    @Test
    @Disabled("bug: invalid UTF-8 in a JSON-array export file is IO_ERROR (exit 4) with a byte offset, not FILE_CORRUPT (exit 3) with the line")
    void jsonInvalidUtf8() throws Exception {
        run("json/invalid-utf8");
    }

    @Test
    @Disabled("bug: a NOT NULL violation names the row ordinal (row 4) but not the row's key (id=13)")
    void nullIntoNotNull() throws Exception {
        run("value/null-into-not-null");
    }




}
