package io.decant.mysql;

import io.decant.core.spi.Dialect;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.util.List;

/**
 * MySQL and MariaDB, through the MariaDB driver (which speaks to both). The database named in the
 * URL is the one read or written; {@link OpenOptions#schemas()} is not used, because a MySQL
 * "schema" is a database and decant works in one per URL.
 */
public final class MysqlDialect implements Dialect {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public List<String> urlForms() {
        return List.of("mysql://user:password@host:3306/database", "mariadb://user:password@host:3306/database",
                "jdbc:mysql://host:3306/database?user=...&password=...", "jdbc:mariadb://host:3306/database");
    }

    @Override
    public boolean accepts(String url) {
        return MysqlUrl.accepts(url);
    }

    @Override
    public SourceDatabase openSource(String url, OpenOptions options) {
        return new MysqlDatabase(MysqlUrl.parse(url), options.settings(), true);
    }

    @Override
    public TargetDatabase openTarget(String url, OpenOptions options) {
        options.refuseJournalSchema("in MySQL and MariaDB a schema is a database, which the target's user may not be"
                + " allowed to create, so decant keeps its journal in the table decant_journal of the target database;"
                + " DROP TABLE decant_journal removes it");
        return new MysqlDatabase(MysqlUrl.parse(url));
    }

    @Override
    public boolean acceptsProduct(String product) {
        return "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
    }

    @Override
    public SourceDatabase openSource(javax.sql.DataSource dataSource, OpenOptions options) {
        return new MysqlDatabase(MysqlConnector.of(dataSource), options.settings(), true);
    }

    @Override
    public TargetDatabase openTarget(javax.sql.DataSource dataSource, OpenOptions options) {
        options.refuseJournalSchema("in MySQL and MariaDB decant keeps its journal in the table decant_journal of the"
                + " target database; DROP TABLE decant_journal removes it");
        return new MysqlDatabase(MysqlConnector.of(dataSource), java.util.Map.of(), false);
    }
}
