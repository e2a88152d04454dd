package io.decant.core.spi;

import io.decant.core.schema.Table;
import java.util.List;

/** What sources and targets have in common: they describe themselves and their tables. */
public interface Endpoint extends AutoCloseable {
    /** The URL with any password masked; safe to print. */
    String displayUrl();

    /** Product and version of the server, e.g. {@code PostgreSQL 15.20}. */
    String serverVersion();

    /**
     * Every table in the schemas asked for when opening, with columns, keys, indexes and foreign
     * keys, and a row estimate. Views, system tables and decant's own journal are left out.
     */
    List<Table> tables();

    /**
     * {@code name} quoted as an identifier in this database's SQL, for the SQL that reports show a
     * person (verify's checks): standard double quotes unless the database differs.
     */
    default String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The schemas this database has that a user may name in {@code --schemas} (not the system's own),
     * so that a misspelt one is reported with its closest match; empty for a database without schemas.
     */
    default List<String> schemaNames() {
        return List.of();
    }

    /** Notes for {@code check}: privileges held or missing, settings that matter. Never secrets. */
    default List<String> checkNotes() {
        return List.of();
    }

    @Override
    void close();
}
