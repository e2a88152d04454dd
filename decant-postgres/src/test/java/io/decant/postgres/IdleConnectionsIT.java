package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.schema.Table;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.testkit.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class IdleConnectionsIT {

    private static int backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long count(PgServer.TestDb db, String table) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aCommittedConnectionIsTakenAgainAndOneInsideATransactionIsNot() throws Exception {
        PgServer.TestDb db = Pg.db("sinkconn");
        try (IdleConnections pool = new IdleConnections(new PgConnector(PgUrl.parse(db.url())))) {
            Connection first = pool.take();
            int pid = backendPid(first);
            pool.give(first);
            assertEquals(1, pool.idle());
            Connection again = pool.take();
            assertSame(first, again);
            assertEquals(pid, backendPid(again));

            again.setAutoCommit(false); // as a sink leaves it after its commit: no transaction open
            pool.give(again);
            again = pool.take();
            assertSame(first, again);
            assertTrue(again.getAutoCommit(), "handed out in autocommit mode, as a new connection is");

            again.setAutoCommit(false);
            backendPid(again); // a transaction is now open
            pool.give(again);
            assertEquals(0, pool.idle());
            assertTrue(again.isClosed());

            Connection fresh = pool.take();
            assertNotSame(again, fresh);
            pool.give(fresh);
            pool.close();
            assertEquals(0, pool.idle());
            assertTrue(fresh.isClosed());
            Connection late = new PgConnector(PgUrl.parse(db.url())).open();
            pool.give(late);
            assertTrue(late.isClosed(), "given back after close: closed at once");
        }
    }

    /** Two tables loaded one after the other share a backend; a sink that aborts does not hand its own on. */
    @Test
    void sinksOfOneTargetShareABackendAfterCommitOnly() throws Exception {
        PgServer.TestDb db = Pg.db("sinkconn2");
        db.exec("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY)");
        try (TargetDatabase dst = Pg.target(db)) {
            Table a = Pg.table(((SourceDatabase) dst).tables(), null, "a");
            Table b = Pg.table(((SourceDatabase) dst).tables(), null, "b");
            PostgresDatabase pg = (PostgresDatabase) dst;
            TableSink s1 = dst.openSink(a, a.columns(), SinkOptions.DEFAULT);
            s1.write(new Object[] {1});
            assertEquals(0, pg.waitingSinkConnections());
            s1.commit();
            assertEquals(1, pg.waitingSinkConnections());
            TableSink s2 = dst.openSink(b, b.columns(), SinkOptions.DEFAULT);
            assertEquals(0, pg.waitingSinkConnections(), "the second sink took the first one's connection");
            s2.write(new Object[] {1});
            s2.write(new Object[] {1});
            assertThrows(DecantException.class, s2::commit);
            s2.abort();
            assertEquals(0, pg.waitingSinkConnections(), "a failed sink's connection is closed, not kept");
            TableSink s3 = dst.openSink(b, b.columns(), SinkOptions.DEFAULT);
            s3.write(new Object[] {2});
            s3.commit();
            s3.abort(); // after commit: a no-op, and the connection stays kept
            assertEquals(1, pg.waitingSinkConnections());
            TableSink s4 = dst.openSink(a, a.columns(), SinkOptions.DEFAULT);
            assertEquals(0, pg.waitingSinkConnections());
            s4.write(new Object[] {2});
            s4.commit();
            assertEquals(1, pg.waitingSinkConnections());
        }
        assertEquals(2, count(db, "a"));
        assertEquals(1, count(db, "b"));
    }
}
