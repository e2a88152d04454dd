package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MysqlErrorsTest {
    private static ErrorCode code(String state, int errno) {
        return MysqlErrors.codeOf(new SQLException("m", state, errno));
    }

    @Test
    void mapsSqlStates() {
        assertEquals(ErrorCode.CONSTRAINT_VIOLATION, code("23000", 1062));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, code("22003", 1264));
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, code("22001", 1406));
        assertEquals(ErrorCode.VALUE_INVALID, code("22007", 1292));
        assertEquals(ErrorCode.CONNECTION_FAILED, code("08000", 0));
        assertEquals(ErrorCode.PERMISSION_DENIED, code("28000", 1045));
        assertEquals(ErrorCode.PERMISSION_DENIED, code("42000", 1142));
        assertEquals(ErrorCode.DATABASE_ERROR, code("42S02", 1146));
        assertEquals(ErrorCode.DATABASE_ERROR, code(null, 0));
    }

    @Test
    void keepsStateCauseAndRowHints() {
        SQLException e = new SQLException("(conn=12) Data too long for column 'name' at row 3", "22001", 1406);
        DecantException d = MysqlErrors.map(e, "h:3306", ErrorContext.EMPTY.withTable("t"));
        assertSame(e, d.getCause());
        assertTrue(d.getMessage().contains("SQLState 22001, error 1406"), d.getMessage());
        assertFalse(d.getMessage().contains("conn=12"), d.getMessage());
        assertEquals(3, MysqlErrors.rowInStatement(e));
        assertEquals("name", MysqlErrors.columnNamed(e));
        DecantException conn = MysqlErrors.map(new SQLException("refused", "08000"), "db.example:3307", ErrorContext.EMPTY);
        assertTrue(conn.getMessage().contains("db.example:3307"), conn.getMessage());
    }
}
