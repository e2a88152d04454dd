package io.decant.cli;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL of {@code decant demo}. The library and its binaries are not in decant.jar:
 * they come in decant-demo.jar, on the class path only when the launcher finds it. Nothing outside
 * this class names the library, so decant.jar runs every other command (and {@code demo --to URL})
 * without it; {@link #available()} says whether it is there before anything is started.
 */
final class EmbeddedDemoPostgres implements AutoCloseable {
    private static final String LIBRARY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final EmbeddedPostgres pg;
    private final String url;

    private EmbeddedDemoPostgres(EmbeddedPostgres pg, String url) {
        this.pg = pg;
        this.url = url;
    }

    /** Whether the embedded PostgreSQL (decant-demo.jar) is on the class path. */
    static boolean available() {
        try {
            Class.forName(LIBRARY, false, EmbeddedDemoPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The refusal when it is not: what to install, or the database to give instead. */
    static DecantException missing() {
        return DecantException.usage("decant demo without --to needs the embedded PostgreSQL in decant-demo.jar, and "
                + "this installation has none: put decant-demo.jar (a release asset; in the repository "
                + "./mvnw -q -DskipTests package builds it) beside decant.jar, or give the demo an empty PostgreSQL "
                + "database: decant demo --to postgres://postgres@127.0.0.1:5432/decant_demo");
    }

    /** Starts a PostgreSQL server in a temporary folder and creates the empty database {@code name} in it. */
    static EmbeddedDemoPostgres start(String name) throws java.io.IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            pg.close();
            throw new DecantException(ErrorCode.DATABASE_ERROR, "could not create the demo database: " + e.getMessage());
        }
        return new EmbeddedDemoPostgres(pg, "postgres://postgres@localhost:" + pg.getPort() + "/" + name);
    }

    /** The URL of the demo database (no password: the embedded server trusts local connections). */
    String url() {
        return url;
    }

    @Override
    public void close() throws java.io.IOException {
        pg.close();
    }
}
