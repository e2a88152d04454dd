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
    @Disabled("bug: a NOT NULL violation names the row ordinal (row 4) but not the row's key (id=13)")
    void nullIntoNotNull() throws Exception {
        run("value/null-into-not-null");
    }




}
