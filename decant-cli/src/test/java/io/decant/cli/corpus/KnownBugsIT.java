package io.decant.cli.corpus;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus cases that fail today because of a bug in decant: a case marked {@code .bug(...)} runs only
 * from here, as a {@code @Disabled("bug: ...")} test that asserts the correct behaviour. When the bug
 * is fixed, both go, and the case runs in {@link BadInputCorpusIT} again. None is open now.
 */
class KnownBugsIT {
    @TempDir
    Path dir;

    @SuppressWarnings("unused")
    private void run(String name) throws Exception {
        Corpus.check(Corpus.named(name), Fixtures.get(), dir);
    }
}
