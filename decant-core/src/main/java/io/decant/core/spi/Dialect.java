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

    /**
     * Whether this dialect speaks to a server whose JDBC driver names its product {@code product}
     * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}: "PostgreSQL", "MySQL", "MariaDB"),
     * so that a {@link javax.sql.DataSource} an application hands over finds its dialect.
     */
    default boolean acceptsProduct(String product) {
        return false;
    }

    /**
     * Opens a database an application reaches through its own {@code dataSource} (a pool, a
     * container-managed source) for reading. Every connection decant takes from it is set up as for
     * a URL (UTC, the session settings the dialect needs) and closed (returned) when done; a pooled
     * connection goes back to its pool with those session settings, so an application that relies on
     * its own gives decant a DataSource of its own.
     */
    default SourceDatabase openSource(javax.sql.DataSource dataSource, OpenOptions options) {
        throw new DecantException(ErrorCode.USAGE, name() + " cannot be read through a DataSource; give its URL");
    }

    /** Opens a database reached through {@code dataSource} for writing; see {@link #openSource(javax.sql.DataSource, OpenOptions)}. */
    default TargetDatabase openTarget(javax.sql.DataSource dataSource, OpenOptions options) {
        throw new DecantException(ErrorCode.USAGE, name() + " cannot be written through a DataSource; give its URL");
    }

    /**
     * For {@code verify} without a target: when {@code location} names something that proves itself
     * alone (an export folder against its manifest), that proof; null when this dialect has no such
     * check for it. Reads only.
     */
    default io.decant.core.verify.VerifyReport verifyAlone(String location) {
        return null;
    }
}
