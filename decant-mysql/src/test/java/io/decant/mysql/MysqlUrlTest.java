package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.spi.Dialects;
import io.decant.core.util.Redactor;
import org.junit.jupiter.api.Test;

class MysqlUrlTest {
    @Test
    void parsesTheFourSchemes() {
        for (String scheme : new String[] {"mysql://", "mariadb://", "jdbc:mysql://", "jdbc:mariadb://", "MySQL://"}) {
            MysqlUrl u = MysqlUrl.parse(scheme + "app:pw1@db.example:3307/shop");
            assertEquals("app", u.user());
            assertEquals("pw1", u.password());
            assertEquals("db.example", u.host());
            assertEquals(3307, u.port());
            assertEquals("shop", u.database());
        }
    }

    @Test
    void defaultsThePortAndTakesCredentialsFromQueryParameters() {
        MysqlUrl u = MysqlUrl.parse("jdbc:mariadb://h/db?user=u1&password=s%3Dcret42&sslMode=verify-full");
        assertEquals(3306, u.port());
        assertEquals("u1", u.user());
        assertEquals("s=cret42", u.password());
        assertEquals("verify-full", u.parameters().get("sslMode"));
        assertFalse(u.parameters().containsKey("password"));
    }

    @Test
    void percentDecodesCredentialsButKeepsPlus() {
        MysqlUrl u = MysqlUrl.parse("mysql://us%40er:p%40ss%2Fw+rd%F0%9F%98%80@h:3306/db");
        assertEquals("us@er", u.user());
        assertEquals("p@ss/w+rd\uD83D\uDE00", u.password());
    }

    @Test
    void anUnencodedAtInThePasswordStillParses() {
        MysqlUrl u = MysqlUrl.parse("mysql://u:p@ss@h:1/db");
        assertEquals("p@ss", u.password());
        assertEquals("h", u.host());
    }

    @Test
    void displayMasksThePasswordAndRegistersIt() {
        String marker = "Marker-Secret-9381";
        MysqlUrl u = MysqlUrl.parse("mariadb://app:" + marker + "@h:3306/db");
        assertEquals("mariadb://app:***@h:3306/db", u.displayUrl());
        assertFalse(u.toString().contains(marker));
        assertEquals("x *** y", Redactor.global().redact("x " + marker + " y"));
    }

    @Test
    void ipv6Hosts() {
        MysqlUrl u = MysqlUrl.parse("mysql://root@[::1]:3310/db");
        assertEquals("::1", u.host());
        assertEquals(3310, u.port());
        assertEquals("[::1]:3310", u.address());
        assertNull(u.password());
        assertEquals("mysql://root@[::1]:3310/db", u.displayUrl());
    }

    @Test
    void aUrlWithoutDatabaseIsAUsageErrorThatHidesThePassword() {
        DecantException e = assertThrows(DecantException.class, () -> MysqlUrl.parse("mysql://u:Hidden-Pw-77@h:3306"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertFalse(e.getMessage().contains("Hidden-Pw-77"), e.getMessage());
        DecantException port = assertThrows(DecantException.class, () -> MysqlUrl.parse("mysql://h:abc/db"));
        assertEquals(ErrorCode.USAGE, port.code());
    }

    @Test
    void theDialectIsFoundThroughServiceLoader() {
        Dialects dialects = Dialects.installed();
        assertTrue(dialects.forUrl("mysql://u@h/db") instanceof MysqlDialect);
        assertTrue(dialects.forUrl("jdbc:mariadb://h/db") instanceof MysqlDialect);
        assertFalse(new MysqlDialect().accepts("postgres://u@h/db"));
        assertFalse(new MysqlDialect().accepts("jdbc:postgresql://h/db"));
    }

    @Test
    void aRawPasswordWithEveryReservedCharacterIsReadWhole() {
        for (String scheme : new String[] {"mysql://", "mariadb://"}) {
            MysqlUrl u = MysqlUrl.parse(scheme + "app:p@ss:w/rd#1?x@db.example:3307/shop?sslMode=trust");
            assertEquals("p@ss:w/rd#1?x", u.password());
            assertEquals("db.example", u.host());
            assertEquals(3307, u.port());
            assertEquals("shop", u.database());
            assertEquals("trust", u.parameters().get("sslMode"));
            assertFalse(u.displayUrl().contains("ss:w"), u.displayUrl());
        }
        assertEquals("p@ss:w/rd#1?x", MysqlUrl.parse("mysql://app:p%40ss%3Aw%2Frd%231%3Fx@h/db").password());
    }
}
