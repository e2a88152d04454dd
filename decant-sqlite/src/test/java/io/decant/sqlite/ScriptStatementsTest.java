package io.decant.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a script's statements end, and the line each starts on. */
class ScriptStatementsTest {
    private static List<String> split(String script) throws IOException {
        ScriptStatements s = new ScriptStatements(new StringReader(script));
        List<String> out = new ArrayList<>();
        for (ScriptStatements.Statement st = s.next(); st != null; st = s.next()) {
            out.add(st.line() + ":" + st.sql().strip());
        }
        return out;
    }

    @Test
    void semicolonsInsideQuotesIdentifiersAndCommentsDoNotEndAStatement() throws IOException {
        assertEquals(List.of(
                "1:INSERT INTO t VALUES('a;b', 'it''s;');",
                "2:CREATE TABLE \"x;\"([c;] TEXT, `d;``e` INT);",
                "4:-- note; with a semicolon\nSELECT 1 /* ; */ ;"),
                split("INSERT INTO t VALUES('a;b', 'it''s;');\nCREATE TABLE \"x;\"([c;] TEXT, `d;``e` INT);\n"
                        + "-- note; with a semicolon\nSELECT 1 /* ; */ ;\n"));
    }

    @Test
    void aTriggerBodyEndsAtSemicolonEndSemicolon() throws IOException {
        String trigger = "CREATE TEMP TRIGGER t AFTER INSERT ON p BEGIN\n  UPDATE p SET s = CASE WHEN 1 THEN 'x' END;\n"
                + "  DELETE FROM q;\nEND;";
        assertEquals(List.of("1:" + trigger, "5:SELECT 2;"), split(trigger + "\nSELECT 2;"));
        assertEquals(List.of("1:EXPLAIN CREATE TRIGGER t BEFORE DELETE ON p BEGIN SELECT 1; END;"),
                split("EXPLAIN CREATE TRIGGER t BEFORE DELETE ON p BEGIN SELECT 1; END;"));
    }

    @Test
    void aWordNamedTriggerElsewhereIsAPlainStatement() throws IOException {
        assertEquals(List.of("1:CREATE TABLE trigger_log(\"trigger\" TEXT);", "1:INSERT INTO t VALUES('END');"),
                split("CREATE TABLE trigger_log(\"trigger\" TEXT);INSERT INTO t VALUES('END');"));
    }

    @Test
    void emptyStatementsAndTrailingCommentsAreNotStatements() throws IOException {
        assertEquals(List.of("3:SELECT 1;", "4:SELECT 2\n-- end"), split(";\n-- only a comment;\n ; SELECT 1;\nSELECT 2\n-- end\n"));
        assertEquals(List.of(), split("\n\n-- nothing\n/* at all */\n"));
    }

    @Test
    void aStatementStartsOnTheLineOfItsFirstTokenAndLinesCountInsideStringsAndComments() throws IOException {
        assertEquals(List.of("1:INSERT INTO t VALUES('two\nlines');", "5:/* a\n*/\nSELECT 3;"),
                split("INSERT INTO t VALUES('two\nlines');\n/* a\n*/\nSELECT 3;"));
    }

    @Test
    void anUnterminatedStringRunsToTheEndForSqliteToRefuse() throws IOException {
        assertEquals(List.of("1:SELECT 1;", "2:INSERT INTO t VALUES('open;\nSELECT 2;"),
                split("SELECT 1;\nINSERT INTO t VALUES('open;\nSELECT 2;"));
    }

    @Test
    void theFirstKeywordSkipsCommentsAndIsUpperCased() throws IOException {
        ScriptStatements s = new ScriptStatements(new StringReader("/* c */ -- d\n begin transaction; .mode csv"));
        assertEquals("BEGIN", s.next().keyword());
        assertEquals("", s.next().keyword());
    }
}
