package io.decant.cli.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus (issue 7, item 4): every case builds a bad input, runs decant on it and
 * checks the exit code, the message (place and rule), that no class name, stack trace or password
 * is printed, and that the target is exactly as it was. See src/test/resources/corpus/README.md.
 * Cases with a known bug run from {@link KnownBugsIT} instead.
 */
class BadInputCorpusIT {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> corpus() {
        Fixtures fx = Fixtures.get();
        return Corpus.runnable().map(c -> DynamicTest.dynamicTest(c.name(), () -> Corpus.check(c, fx, dir)));
    }

    @Test
    void theCorpusIsLargeAndItsNamesAreUnique() {
        List<String> names = Corpus.all().stream().map(Case::name).toList();
        assertTrue(names.size() >= 50, "issue 7 asks for at least 50 cases: " + names.size());
        assertEquals(names.size(), names.stream().distinct().count(), "case names are unique: " + names);
    }
}
