package io.decant.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlPartsTest {
    private static final String MARKER = "Zq@8:Kw/Vx#3?Yj";

    private static UrlParts parse(String url) {
        return UrlParts.parse(url, url.substring(0, url.indexOf("//") + 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://", "postgresql://", "jdbc:postgresql://", "mysql://", "mariadb://"})
    void aRawMarkerPasswordIsReadWhole(String scheme) {
        UrlParts u = parse(scheme + "app:" + MARKER + "@db.example.com:6543/shop?sslmode=require");
        assertEquals("app", u.user());
        assertEquals(MARKER, u.password());
        assertEquals("db.example.com:6543", u.authority());
        assertEquals("shop", u.path());
        assertEquals("sslmode=require", u.query());
    }

    @Test
    void aPercentEncodedMarkerIsDecoded() {
        UrlParts u = parse("postgres://app:Zq%408%3AKw%2FVx%233%3FYj@h/db");
        assertEquals(MARKER, u.password());
        assertEquals("h", u.authority());
        assertEquals("db", u.path());
    }

    @Test
    void theUsualFormsAreReadAsBefore() {
        UrlParts u = parse("postgres://u:a+b@c@host:1/db");
        assertEquals("a+b@c", u.password());
        assertEquals("host:1", u.authority());
        UrlParts none = parse("postgres:///db");
        assertNull(none.user());
        assertEquals("", none.authority());
        assertEquals("db", none.path());
        UrlParts query = parse("jdbc:postgresql://srv.example.com:5432/db?user=admin@srv&password=pw");
        assertNull(query.user());
        assertEquals("srv.example.com:5432", query.authority());
        assertEquals("admin@srv", query.parameters().get(0).getValue());
        UrlParts azure = parse("postgres://admin@srv:p:w@srv.example.com/db");
        assertEquals("admin@srv", azure.user());
        assertEquals("p:w", azure.password());
        assertEquals("[::1]:5433", parse("postgres://u:p@[::1]:5433/db").authority());
        assertEquals("a:1,b:2", parse("postgres://u:p@a:1,b:2/db").authority());
    }

    @Test
    void anAmbiguousUrlIsRefusedWithTheEncodingHintAndWithoutThePassword() {
        // "123?x@h/db" could be host u, port 123, query "x@h/db", or password "123?x" at host h.
        DecantException e = assertThrows(DecantException.class, () -> parse("postgres://u:123?xQ9@h:5432/db"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("%3F"), e.getMessage());
        assertFalse(e.getMessage().contains("123?xQ9"), e.getMessage());
        assertFalse(e.getMessage().contains("xQ9"), e.getMessage());
        assertTrue(e.getMessage().contains("h:5432/db"), e.getMessage());
    }

    @Test
    void anUnreadableUrlSaysWhatWasExpectedWithoutThePassword() {
        DecantException e = assertThrows(DecantException.class, () -> parse("postgres://u:Qx@9zW@h:5432:xyz/db"));
        assertEquals(ErrorCode.USAGE, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("h:5432:xyz/db"), m);
        assertTrue(m.contains("an '@' before the host") && m.contains("%40"), m);
        assertFalse(m.contains("9zW") || m.contains("Qx@"), m);
        assertFalse(m.contains(Redactor.MASK), "the hint itself is not mistaken for a URL with a password: " + m);
    }

    @Test
    void theRedactorMasksARawPasswordUpToTheLastAt() {
        String text = "no database handles 'oracle://u:Kp@ss:w/rd#1?x@h/db'";
        String out = new Redactor().redact(text);
        assertFalse(out.contains("ss:w"), out);
        assertFalse(out.contains("rd#1"), out);
        assertTrue(out.contains("@h/db"), out);
    }
}
