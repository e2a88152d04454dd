package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names and values show as they are in Markdown: row by row, the input and what the renderers write. */
class MarkdownTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        // input; text; span (outside a table); code (in a table cell)
        "users; users; `users`; `users`",
        "a|b; a\\|b; `a|b`; `a\\|b`",
        "*_ci; \\*\\_ci; `*_ci`; `*_ci`",
        "x`y; x\\`y; `` x`y ``; `` x`y ``",
        "C:\\dir; C:\\\\dir; `C:\\dir`; `C:\\dir`",
        "<b>#1</b>; \\<b\\>\\#1\\</b\\>; `<b>#1</b>`; `<b>#1</b>`",
    })
    void escapes(String input, String text, String span, String code) {
        assertEquals(text, Markdown.text(input));
        assertEquals(span, Markdown.span(input));
        assertEquals(code, Markdown.code(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"'two\nlines'; two lines", "'cr\r\nlf'; cr lf"})
    void lineBreaksDoNotEndARow(String input, String flat) {
        assertEquals(flat, Markdown.text(input));
        assertEquals("`" + flat + "`", Markdown.span(input));
    }
}
