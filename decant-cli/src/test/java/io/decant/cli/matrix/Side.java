package io.decant.cli.matrix;

/** The four kinds of endpoint the matrix pairs: each is a source and a target. */
enum Side {
    SQLITE("SQLite file"),
    POSTGRES("PostgreSQL"),
    MARIADB("MariaDB"),
    FOLDER("export folder (JSONL)");

    final String label;

    Side(String label) {
        this.label = label;
    }

    /** Short name for the summary table. */
    String shortName() {
        return switch (this) {
            case SQLITE -> "sqlite";
            case POSTGRES -> "postgres";
            case MARIADB -> "mariadb";
            case FOLDER -> "folder";
        };
    }
}
