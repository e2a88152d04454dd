package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import java.nio.file.Path;

/** Placeholder until the wrangler d1 export reader exists. */
final class D1SqlSource {
    private D1SqlSource() {
    }

    static SourceDatabase open(String url, Path file, OpenOptions options) {
        throw DecantException.usage("reading wrangler d1 export .sql files is not supported yet: " + file);
    }
}
