package io.decant.core.spi;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the dialect for a URL among those on the class path. */
public final class Dialects {
    private final List<Dialect> dialects;

    public Dialects(List<Dialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    public static Dialects installed() {
        List<Dialect> found = new ArrayList<>();
        ServiceLoader.load(Dialect.class).forEach(found::add);
        return new Dialects(found);
    }

    public List<Dialect> all() {
        return dialects;
    }

    public Dialect forUrl(String url) {
        for (Dialect d : dialects) {
            if (d.accepts(url)) {
                return d;
            }
        }
        List<String> forms = new ArrayList<>();
        dialects.forEach(d -> forms.addAll(d.urlForms()));
        throw new DecantException(ErrorCode.UNKNOWN_URL, "no database handles '" + Redactor.global().redact(url)
                + "'; known forms: " + String.join(", ", forms));
    }

    public SourceDatabase openSource(String url, OpenOptions options) {
        return forUrl(url).openSource(url, options);
    }

    /** See {@link Dialect#absentTarget}. */
    public String absentTarget(String url) {
        return forUrl(url).absentTarget(url);
    }

    public TargetDatabase openTarget(String url, OpenOptions options) {
        return forUrl(url).openTarget(url, options);
    }

    /** The dialect of the server behind {@code dataSource}, asked once for its product name. */
    public Dialect forDataSource(javax.sql.DataSource dataSource) {
        String product;
        try (java.sql.Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            throw new DecantException(ErrorCode.CONNECTION_FAILED, io.decant.core.error.ErrorContext.EMPTY,
                    "cannot take a connection from the DataSource given: " + Redactor.global().redact(String.valueOf(
                            e.getMessage())) + "; check that the application's pool or database is reachable", e);
        }
        for (Dialect d : dialects) {
            if (d.acceptsProduct(product)) {
                return d;
            }
        }
        List<String> names = new ArrayList<>();
        dialects.forEach(d -> names.add(d.name()));
        throw new DecantException(ErrorCode.UNKNOWN_URL, "no installed dialect reads a DataSource of " + product
                + " (installed: " + String.join(", ", names) + "); give a URL, or add the module of that database");
    }

    public SourceDatabase openSource(javax.sql.DataSource dataSource, OpenOptions options) {
        return forDataSource(dataSource).openSource(dataSource, options);
    }

    public TargetDatabase openTarget(javax.sql.DataSource dataSource, OpenOptions options) {
        return forDataSource(dataSource).openTarget(dataSource, options);
    }
}
