package io.decant.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    @Test
    void plainKeysReadAsMessagesHaveAlwaysShownThem() {
        assertEquals("id=887", RowKeys.of("id", 887L));
        assertEquals("a=1, b=x", RowKeys.of(List.of("a", "b"), new Object[] {1, "x"}));
        assertEquals("org_id=1, user_id=7", RowKeys.of(List.of("org_id", "user_id"), new Object[] {7, "skip", 1}, new int[] {2, 0}));
        assertNull(RowKeys.of(List.of(), new Object[] {1}));
        assertNull(RowKeys.of(List.of(), new Object[] {1}, new int[0]));
    }

    @Test
    void valuesAreShownAsEveryValueInAMessage() {
        assertEquals("id=NULL", RowKeys.of("id", null));
        assertEquals("k=a\\nb", RowKeys.of("k", "a\nb"));
        assertEquals("k=<3 bytes>", RowKeys.of("k", new byte[3]));
        String longText = "x".repeat(100);
        assertEquals("k='" + "x".repeat(80) + "'... (100 chars)", RowKeys.of("k", longText));
    }

    @Test
    void credentialColumnsAreRedactedWhateverTheCaller() {
        assertEquals("session_token=<redacted>", RowKeys.of("session_token", "abc"));
        assertEquals("id=1, API_KEY=<redacted>", RowKeys.of(List.of("id", "API_KEY"), new Object[] {1, "k"}));
        for (String c : List.of("password", "passwd", "client_secret", "refresh_token", "apikey", "private_key", "privatekey",
                "credential_id", "salt")) {
            assertTrue(RowKeys.sensitive(c), c);
        }
        assertFalse(RowKeys.sensitive("email"));
        assertEquals("upper(api_token)=<redacted>",
                RowKeys.append(new StringBuilder(), "upper(api_token)", "api_token", "X", false).toString());
        assertEquals("ssn=<redacted>", RowKeys.append(new StringBuilder(), "ssn", "ssn", "123", true).toString());
        assertEquals("id='u_7'", RowKeys.quoted("id", "u_7"));
        assertEquals("token=<redacted>", RowKeys.quoted("token", "u_7"));
    }
}
