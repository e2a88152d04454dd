package io.decant.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** Real pgjdbc exception objects built as the driver builds them from a server's ErrorResponse. */
class PgErrorsTest {
    private static PSQLException server(String state, String message, String where) {
        String fields = "SERROR\0C" + state + "\0M" + message + "\0" + (where == null ? "" : "W" + where + "\0");
        return new PSQLException(new ServerErrorMessage(fields));
    }

    @Test
    void wrongPasswordIsPermissionDenied() {
        PgUrl url = PgUrl.parse("postgres://alice:hunter2secret@db:5432/app");
        DecantException e = PgErrors.connecting(server("28P01", "password authentication failed for user \"alice\"", null), url);
        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
        assertTrue(e.getMessage().startsWith("[PERMISSION_DENIED] authentication failed for user alice at db:5432/app"), e.getMessage());
    }

    @Test
    void copyErrorsCarryLineAndColumn() {
        DecantException e = PgErrors.map(server("22P02", "invalid input syntax for type integer: \"x\"",
                "COPY users, line 1532, column age: \"x\""), ErrorContext.EMPTY.withTable("users"), "loading");
        assertEquals(ErrorCode.VALUE_INVALID, e.code());
        assertEquals(1532L, e.context().rowOrdinal());
        assertEquals("age", e.context().column());
        assertTrue(e.getMessage().startsWith("[VALUE_INVALID] users.age (row 1532): loading failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("SQLState 22P02"));
    }

    @Test
    void aRefusedRowKeepsItsOwnPlaceAndDropsTheLineOfTheRetry() {
        SQLException tooLong = server("22001", "value too long for type character varying(3)", "COPY items, line 3, column code");
        assertEquals(3L, PgErrors.copyLine(tooLong));
        DecantException e = PgErrors.refusedRow(tooLong, ErrorContext.EMPTY.withTable("items").withRow(9001L, "id=7"));
        assertEquals("[VALUE_OUT_OF_RANGE] items.code (row 9001, id=7): the database refused the row: ERROR: value too long"
                + " for type character varying(3) (SQLState 22001)", e.getMessage());
        assertEquals(null, PgErrors.copyLine(server("23503", "insert or update on table \"c\" violates foreign key", null)));
        DecantException trigger = PgErrors.refusedRow(server("23514", "no weekends",
                "PL/pgSQL function check_day() line 3 at RAISE\nCOPY items, line 17"), ErrorContext.EMPTY);
        assertTrue(trigger.getMessage().endsWith("ERROR: no weekends; Where: PL/pgSQL function check_day() line 3 at RAISE"
                + " (SQLState 23514)"), trigger.getMessage());
    }

    @Test
    void onlyDataAndConstraintErrorsRefuseARow() {
        assertTrue(PgErrors.refusesRow(server("23505", "duplicate key", null)));
        assertTrue(PgErrors.refusesRow(server("22003", "numeric field overflow", null)));
        assertEquals(false, PgErrors.refusesRow(server("22P04", "bad binary COPY file format", null)), "our stream, not the row");
        assertEquals(false, PgErrors.refusesRow(server("22P03", "incorrect binary data format", null)));
        assertEquals(false, PgErrors.refusesRow(server("42501", "permission denied", null)));
        assertEquals(false, PgErrors.refusesRow(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)));
    }

    @Test
    void codesBySqlState() {
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, PgErrors.code("22003"));
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, PgErrors.code("23503"));
        assertEquals(ErrorCode.PERMISSION_DENIED, PgErrors.code("42501"));
        assertEquals(ErrorCode.CONNECTION_FAILED, PgErrors.code("08006"));
        assertEquals(ErrorCode.DATABASE_ERROR, PgErrors.code("42P01"));
    }

    @Test
    void nextExceptionsAreKept() {
        SQLException first = new PSQLException("batch failed", PSQLState.DATA_ERROR);
        first.setNextException(new PSQLException("the real cause", PSQLState.NUMERIC_VALUE_OUT_OF_RANGE));
        DecantException e = PgErrors.map(first, ErrorContext.EMPTY, "loading");
        assertTrue(e.getMessage().contains("batch failed (SQLState 22000); next: the real cause (SQLState 22003)"), e.getMessage());
    }
}
