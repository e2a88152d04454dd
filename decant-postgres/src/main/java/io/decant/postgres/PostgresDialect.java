package io.decant.postgres;

import io.decant.core.spi.Dialect;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.List;

/** PostgreSQL and Supabase, registered through ServiceLoader. */
public final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public List<String> urlForms() {
        return List.of("postgres://user:pass@host:5432/db", "postgresql://user:pass@host:5432/db?sslmode=require",
                "jdbc:postgresql://host:5432/db?user=...&password=...");
    }

    @Override
    public boolean accepts(String url) {
        return PgUrl.accepts(url);
    }

    @Override
    public SourceDatabase openSource(String url, OpenOptions options) {
        return new PostgresDatabase(PgUrl.parse(url, options.env()), options);
    }

    @Override
    public TargetDatabase openTarget(String url, OpenOptions options) {
        return new PostgresDatabase(PgUrl.parse(url, options.env()), options);
    }

    @Override
    public boolean acceptsProduct(String product) {
        return "PostgreSQL".equalsIgnoreCase(product);
    }

    @Override
    public SourceDatabase openSource(javax.sql.DataSource dataSource, OpenOptions options) {
        return new PostgresDatabase(PgConnector.of(dataSource), options);
    }

    @Override
    public TargetDatabase openTarget(javax.sql.DataSource dataSource, OpenOptions options) {
        return new PostgresDatabase(PgConnector.of(dataSource), options);
    }
}
