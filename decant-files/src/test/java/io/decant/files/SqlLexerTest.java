package io.decant.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL-dump tokenizer on its own: every token kind, lines and byte offsets, and each error it reports. */
class SqlLexerTest {
    @TempDir
    Path tmp;

    private Path file(byte[] content) throws Exception {
        Path f = tmp.resolve("dump.sql");
        Files.write(f, content);
        return f;
    }

    private Path file(String content) throws Exception {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Every token as "KIND text @line:offset" up to the end of the file. */
    private static List<String> tokens(Path f, long offset, long line) throws Exception {
        List<String> out = new ArrayList<>();
        try (SqlLexer lx = new SqlLexer(f, "dump.sql", offset, line)) {
            while (lx.kind != SqlLexer.Kind.EOF) {
                out.add(lx.kind + " " + lx.text + " @" + lx.tokenLine + ":" + lx.tokenOffset);
                lx.advance();
            }
        }
        return out;
    }

    private DecantException error(String content) throws Exception {
        Path f = file(content);
        return assertThrows(DecantException.class, () -> tokens(f, 0, 1));
    }

    @Test
    void everyTokenKindWithItsLineAndOffset() throws Exception {
        String sql = "INSERT INTO \"my \"\"t\"\" \" VALUES(1,-2.5e-3,'it''s;\n-- not a comment',X'00fF',NULL,[a]]);\n"
                + "-- a comment\n/* a\nblock */ `b``c` || .5 0x1F é_$1;";
        // [a]] is [a] and then ']': inside brackets a doubled ] is not an escape, as in SQLite.
        // kind, text, line, and the token as written (its offset is where it is found, after the previous one)
        String[][] expected = {
            {"WORD", "INSERT", "1", "INSERT"}, {"WORD", "INTO", "1", "INTO"}, {"QUOTED", "my \"t\" ", "1", "\"my"},
            {"WORD", "VALUES", "1", "VALUES"}, {"PUNCT", "(", "1", "("}, {"NUMBER", "1", "1", "1"}, {"PUNCT", ",", "1", ","},
            {"PUNCT", "-", "1", "-"}, {"NUMBER", "2.5e-3", "1", "2.5e-3"}, {"PUNCT", ",", "1", ","},
            {"STRING", "it's;\n-- not a comment", "1", "'it"}, {"PUNCT", ",", "2", ","}, {"BLOB", "X'...'", "2", "X'00fF'"},
            {"PUNCT", ",", "2", ","}, {"WORD", "NULL", "2", "NULL"}, {"PUNCT", ",", "2", ","}, {"QUOTED", "a", "2", "[a]"},
            {"PUNCT", "]", "2", "]"}, {"PUNCT", ")", "2", ")"}, {"PUNCT", ";", "2", ";"}, {"QUOTED", "b`c", "5", "`b``c`"}, {"PUNCT", "||", "5", "||"},
            {"NUMBER", ".5", "5", ".5"}, {"NUMBER", "0x1F", "5", "0x1F"},
            {"WORD", "é_$1", "5", "é_$1"}, {"PUNCT", ";", "5", ";"}};
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> want = new ArrayList<>();
        int from = 0;
        for (String[] t : expected) {
            String written = new String(t[3].getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            int at = latin.indexOf(written, from);
            want.add(t[0] + " " + t[1] + " @" + t[2] + ":" + at);
            from = at + written.length();
        }
        assertEquals(want, tokens(file(bytes), 0, 1));
    }

    @Test
    void aBlobIsDecodedAndAWordComparesWithoutCase() throws Exception {
        try (SqlLexer lx = new SqlLexer(file("x'00FF10' insert"), "dump.sql", 0, 1)) {
            assertEquals(SqlLexer.Kind.BLOB, lx.kind);
            assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, lx.blob);
            lx.advance();
            assertTrue(lx.isWord("INSERT"));
            lx.advance();
            assertEquals(SqlLexer.Kind.EOF, lx.kind);
        }
    }

    @Test
    void readingAgainFromATokensOffsetGivesTheSameTokens() throws Exception {
        Path f = file("CREATE TABLE t(a);\nINSERT INTO t VALUES('x\ny');\nINSERT INTO t VALUES(2);\n");
        List<String> all = tokens(f, 0, 1);
        String second = all.stream().filter(t -> t.startsWith("WORD INSERT")).skip(1).findFirst().orElseThrow();
        long offset = Long.parseLong(second.substring(second.lastIndexOf(':') + 1));
        long line = Long.parseLong(second.substring(second.indexOf('@') + 1, second.lastIndexOf(':')));
        assertEquals(4, line, "the string before it spans two lines");
        assertEquals(all.subList(all.indexOf(second), all.size()), tokens(f, offset, line));
    }

    @Test
    void aByteOrderMarkIsSkippedAndTokensCrossTheBufferEdge() throws Exception {
        String longText = "é".repeat(40_000); // 80,000 bytes: longer than the 64 KiB buffer
        byte[] text = ("SELECT '" + longText + "', 7;").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        List<String> t = tokens(file(withBom), 0, 1);
        assertEquals("WORD SELECT @1:3", t.get(0));
        assertEquals("STRING " + longText + " @1:10", t.get(1));
        assertEquals("NUMBER 7 @1:" + (withBom.length - 2), t.get(3));
    }

    @Test
    void errorsNameTheFileTheLineAndTheRule() throws Exception {
        assertMessage("[FILE_CORRUPT] (dump.sql line 2): unterminated string literal: the file ends before its closing quote",
                error("SELECT 1;\nSELECT 'abc;\n\n"));
        assertMessage("[FILE_CORRUPT] (dump.sql line 1): unterminated quoted identifier: the file ends before its closing quote",
                error("SELECT [abc"));
        assertMessage("[FILE_CORRUPT] (dump.sql line 3): unterminated /* comment", error("\n\n/* a\n b"));
        assertMessage("[FILE_CORRUPT] (dump.sql line 1): unterminated blob literal: the file ends before its closing quote",
                error("X'00"));
        assertMessage("[FILE_CORRUPT] (dump.sql line 1): blob literal X'...' has an odd number of hex digits", error("X'0AF'"));
        assertMessage("[FILE_CORRUPT] (dump.sql line 1): blob literal X'...' holds a character that is not a hex digit", error("X'0G'"));
        Path bad = file(new byte[] {'\n', '\'', 'a', (byte) 0xC3, '\'', ';'});
        DecantException e = assertThrows(DecantException.class, () -> tokens(bad, 0, 1));
        assertMessage("[FILE_CORRUPT] (dump.sql line 2): invalid UTF-8 in a string literal", e);
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
    }

    private static void assertMessage(String expected, DecantException e) {
        assertEquals(expected, e.getMessage());
    }
}
