package io.decant.postgres;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.transform.ConversionException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} on a connection of its own, in a
 * read-only REPEATABLE READ transaction that imports the shared snapshot, framed into rows by
 * {@link CopyFrames}. Read to its end it commits and closes; closed before, it cancels the COPY, so
 * that the server stops sending, and drops the connection: nothing waits for the rest of the table.
 */
final class CopyOutSession {
    private static final Logger LOG = LoggerFactory.getLogger(CopyOutSession.class);

    private final String table;
    private final Connection connection;
    private CopyOut copy;
    private CopyFrames frames;
    private boolean closed;

    /** A read-only REPEATABLE READ transaction that sees the shared snapshot when there is one. */
    static void beginReadTransaction(Connection connection, String snapshot) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (snapshot != null) {
                s.execute("SET TRANSACTION SNAPSHOT " + PgIdentifiers.literal(snapshot));
            }
        }
    }

    /** Opens the COPY and reads its header; on failure nothing stays open and the error names {@code context}'s table. */
    CopyOutSession(PgConnector connector, String table, String sql, int fields, String snapshot, ErrorContext context) {
        this.table = table;
        this.connection = connector.openForReading();
        try {
            beginReadTransaction(connection, snapshot);
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            frames = new CopyFrames(copy, fields);
            frames.readHeader();
        } catch (SQLException e) {
            DecantException mapped = PgErrors.map(e, context, "reading");
            close();
            throw mapped;
        } catch (ConversionException | CopyFrames.BadFrame e) {
            close();
            throw new DecantException(ErrorCode.INTERNAL, context, "unexpected COPY data: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    CopyFrames frames() {
        return frames;
    }

    /** After the last row: ends the read transaction and releases the connection. */
    void finish() throws SQLException {
        closed = true;
        connection.commit();
        closeConnection();
    }

    /** Cancels the COPY if it is still running and releases the connection; a second call does nothing. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            LOG.debug("cancelling the COPY of {} failed: {}", table, PgErrors.describe(e));
        }
        closeConnection();
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the read connection of {} failed: {}", table, PgErrors.describe(e));
        }
    }
}
