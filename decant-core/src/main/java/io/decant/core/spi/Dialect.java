package io.decant.core.spi;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.List;

/**
 * A database family. Implementations register through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.decant.core.spi.Dialect}) and say which URLs they handle; core never
 * branches on a database's name.
 */
public interface Dialect {
    /** A short lower-case name: {@code postgres}, {@code sqlite}, {@code mysql}, {@code files}. */
    String name();

    /** URL forms accepted, as shown to a user whose URL nobody accepts. */
    List<String> urlForms();

    /** Whether this dialect handles {@code url}. Must not connect. */
    boolean accepts(String url);

    /** Opens {@code url} for reading. */
    default SourceDatabase openSource(String url, OpenOptions options) {
        throw new DecantException(ErrorCode.USAGE, name() + " cannot be read from");
    }

    /**
     * When the target {@code url} names does not exist yet and opening it for writing would create
     * it (a SQLite file, an export folder), a sentence saying so, for {@code check}, which must create
     * nothing; null when it exists or cannot be known without connecting. Must not create anything.
     */
    default String absentTarget(String url) {
        return null;
    }

    /** Opens {@code url} for writing. */
    default TargetDatabase openTarget(String url, OpenOptions options) {
        throw new DecantException(ErrorCode.USAGE, name() + " cannot be written to");
    }
}
