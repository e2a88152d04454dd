package io.decant.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one thing read from an ELF program here: the loader it names (PT_INTERP). */
final class Elf {
    private Elf() {
    }

    static String interpreter(Path program) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(program));
        if (b.limit() < 64 || b.getInt(0) != 0x7f454c46 || b.get(4) != 2) {
            return null; // not a 64-bit ELF file
        }
        b.order(b.get(5) == 1 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) == 3) { // PT_INTERP
                int offset = (int) b.getLong(at + 8);
                int size = (int) b.getLong(at + 32);
                return new String(b.array(), offset, size - 1, StandardCharsets.US_ASCII); // without its NUL
            }
        }
        return null;
    }
}
