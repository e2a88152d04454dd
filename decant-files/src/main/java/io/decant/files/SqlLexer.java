package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A hand-written tokenizer for the SQL that {@code sqlite3 .dump} and {@code wrangler d1 export} write.
 * It works on bytes, so that every token knows its byte offset (a table's INSERTs are found again by
 * seeking there) and its line. Strings and identifiers are decoded as strict UTF-8: a malformed byte
 * is an error, never a U+FFFD. The current token is held in mutable fields, so the row loop
 * allocates nothing per token beyond its text.
 *
 * <p>Tokens: bare words (keywords and identifiers), quoted identifiers ({@code "x"} with {@code ""},
 * {@code `x`} with {@code ``}, {@code [x]}), strings ({@code 'x'} with {@code ''}; newlines and
 * semicolons are ordinary characters inside), blobs ({@code X'0aff'}), numbers (as written: the
 * value's meaning is {@link SqlValues}'), {@code ||}, and single-character punctuation. {@code --}
 * and {@code /* *}{@code /} comments are skipped.
 */
final class SqlLexer implements Closeable {
    enum Kind { WORD, QUOTED, STRING, BLOB, NUMBER, PUNCT, EOF }

    private final FileChannel channel;
    private final String fileName;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long bufStart;
    private long line;
    private boolean eof;
    private byte[] scratch = new byte[256];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The current token. */
    Kind kind;
    /** Its text: the word, the decoded string or identifier, the number as written, or the punctuation. */
    String text;
    /** A blob's bytes. */
    byte[] blob;
    /** Its first line (a string may span several) and byte offset. */
    long tokenLine;
    long tokenOffset;

    /** Opens {@code file} at {@code offset}, which is on line {@code startLine}; reads the first token. */
    SqlLexer(Path file, String fileName, long offset, long startLine) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.fileName = fileName;
        this.line = startLine;
        channel.position(offset);
        bufStart = offset;
        if (offset == 0 && peek(0) == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF) {
            pos = 3; // a UTF-8 byte order mark
        }
        advance();
    }

    String fileName() {
        return fileName;
    }

    boolean isPunct(String p) {
        return kind == Kind.PUNCT && text.equals(p);
    }

    /** Whether the current token is the bare word {@code w} (upper case), compared without regard to case. */
    boolean isWord(String w) {
        return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    /** A FILE_CORRUPT error at the current token's line. */
    DecantException error(String detail) {
        return error(tokenLine, detail);
    }

    DecantException error(long atLine, String detail) {
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(fileName + " line " + atLine), detail);
    }

    /** The current token as it may appear in a message. */
    String describe() {
        return switch (kind) {
            case EOF -> "the end of the file";
            case STRING -> "a string";
            case BLOB -> "a blob";
            case QUOTED -> "\"" + text + "\"";
            case WORD, NUMBER, PUNCT -> "'" + text + "'";
        };
    }

    void expectPunct(String p, String what) {
        if (!isPunct(p)) {
            throw error("expected '" + p + "' " + what + ", found " + describe());
        }
        advance();
    }

    void advance() {
        skipSpaceAndComments();
        tokenLine = line;
        tokenOffset = bufStart + pos;
        blob = null;
        int b = next();
        if (b < 0) {
            kind = Kind.EOF;
            text = "";
            return;
        }
        if ((b == 'x' || b == 'X') && peek(0) == '\'') {
            next();
            blob();
        } else if (isWordStart(b)) {
            int n = 0;
            scratch = put(scratch, n++, b);
            while (isWordPart(peek(0))) {
                scratch = put(scratch, n++, next());
            }
            kind = Kind.WORD;
            text = decode(n, "a word");
        } else if (b >= '0' && b <= '9' || b == '.' && isDigit(peek(0))) {
            number(b);
        } else if (b == '\'') {
            kind = Kind.STRING;
            text = quoted('\'', "string literal");
        } else if (b == '"' || b == '`') {
            kind = Kind.QUOTED;
            text = quoted(b, "quoted identifier");
        } else if (b == '[') {
            kind = Kind.QUOTED;
            text = quoted(']', "quoted identifier");
        } else if (b == '|' && peek(0) == '|') {
            next();
            kind = Kind.PUNCT;
            text = "||";
        } else {
            kind = Kind.PUNCT;
            text = b < 0x80 ? String.valueOf((char) b) : "\\x" + Integer.toHexString(b);
        }
    }

    private void number(int first) {
        int n = 0;
        scratch = put(scratch, n++, first);
        if (first == '0' && (peek(0) == 'x' || peek(0) == 'X')) {
            scratch = put(scratch, n++, next());
            while (isWordPart(peek(0))) {
                scratch = put(scratch, n++, next());
            }
        } else {
            while (isDigit(peek(0)) || peek(0) == '.') {
                scratch = put(scratch, n++, next());
            }
            if (peek(0) == 'e' || peek(0) == 'E') {
                scratch = put(scratch, n++, next());
                if (peek(0) == '+' || peek(0) == '-') {
                    scratch = put(scratch, n++, next());
                }
                while (isDigit(peek(0))) {
                    scratch = put(scratch, n++, next());
                }
            }
            if (isWordStart(peek(0))) {
                scratch = put(scratch, n++, next()); // 12abc: a malformed number, reported by whoever reads it
            }
        }
        kind = Kind.NUMBER;
        text = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void blob() {
        int n = 0;
        int b;
        while ((b = next()) != '\'') {
            if (b < 0) {
                throw error(tokenLine, "unterminated blob literal: the file ends before its closing quote");
            }
            scratch = put(scratch, n++, b);
        }
        if (n % 2 != 0) {
            throw error(tokenLine, "blob literal X'...' has an odd number of hex digits");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = Character.digit(scratch[i], 16);
            int lo = Character.digit(scratch[i + 1], 16);
            if (hi < 0 || lo < 0) {
                throw error(tokenLine, "blob literal X'...' holds a character that is not a hex digit");
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        kind = Kind.BLOB;
        blob = out;
        text = "X'...'";
    }

    /** Reads up to the closing {@code close}; a doubled closing character (but not ]) stands for itself. */
    private String quoted(int close, String what) {
        int n = 0;
        while (true) {
            int b = next();
            if (b < 0) {
                throw error(tokenLine, "unterminated " + what + ": the file ends before its closing quote");
            }
            if (b == close) {
                if (close != ']' && peek(0) == close) {
                    next();
                } else {
                    break;
                }
            }
            scratch = put(scratch, n++, b);
        }
        return decode(n, "a " + what);
    }

    private String decode(int n, String what) {
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = scratch[i] >= 0;
        }
        if (ascii) {
            return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(scratch, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(tokenLine, "invalid UTF-8 in " + what);
        }
    }

    private void skipSpaceAndComments() {
        while (true) {
            int b = peek(0);
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f') {
                next();
            } else if (b == '-' && peek(1) == '-') {
                while ((b = next()) >= 0 && b != '\n') {
                    // a line comment
                }
            } else if (b == '/' && peek(1) == '*') {
                long start = line;
                next();
                next();
                while (!(peek(0) == '*' && peek(1) == '/')) {
                    if (next() < 0) {
                        throw error(start, "unterminated /* comment");
                    }
                }
                next();
                next();
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isWordStart(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b >= 0x80;
    }

    private static boolean isWordPart(int b) {
        return isWordStart(b) || isDigit(b) || b == '$';
    }

    private static byte[] put(byte[] a, int i, int b) {
        byte[] out = i < a.length ? a : Arrays.copyOf(a, a.length * 2);
        out[i] = (byte) b;
        return out;
    }

    private int next() {
        if (pos == lim && !fill()) {
            return -1;
        }
        int b = buf[pos++] & 0xff;
        if (b == '\n') {
            line++;
        }
        return b;
    }

    /** The byte {@code ahead} positions on, without consuming it, or -1 past the end. */
    private int peek(int ahead) {
        while (pos + ahead >= lim) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos + ahead] & 0xff;
    }

    /** Keeps the unread bytes, reads more after them; false when nothing more could be read. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        try {
            int r = channel.read(ByteBuffer.wrap(buf, lim, buf.length - lim));
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
            return r > 0 || fill();
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + fileName, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // a file that was only read loses nothing
        }
    }
}
