package io.decant.files.folder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.util.Jackson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a data file against its manifest entry, reading each byte once and decoding nothing:
 * existence, size, SHA-256 and row count (non-blank lines of a JSONL file; elements of a JSON array).
 */
final class FileVerifier {
    private FileVerifier() {
    }

    static FileCheck check(String table, Path dir, ManifestFile f, Format format) {
        Path path = dir.resolve(f.name());
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return new FileCheck(table, f.name(), false, false, false, false, -1, "file is missing");
        } catch (IOException e) {
            return new FileCheck(table, f.name(), false, false, false, false, -1, "cannot read: " + e.getMessage());
        }
        long rows;
        String sha;
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(path))) {
            rows = format == Format.JSONL ? countLines(in) : countElements(in);
            drain(in);
            sha = in.sha256();
        } catch (JsonProcessingException e) {
            return new FileCheck(table, f.name(), true, sizeOk(size, f), false, false, -1,
                    "not a JSON array of rows: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new FileCheck(table, f.name(), true, sizeOk(size, f), false, false, -1, "cannot read: " + e.getMessage());
        }
        boolean sizeOk = sizeOk(size, f);
        boolean shaOk = sha.equals(f.sha256());
        boolean rowsOk = rows == f.rows();
        String problem = null;
        if (!rowsOk) {
            problem = "holds " + rows + " rows, the manifest says " + f.rows();
        } else if (!sizeOk) {
            problem = "size is " + size + " bytes, the manifest says " + f.bytes();
        } else if (!shaOk) {
            problem = "sha256 is " + sha + ", the manifest says " + f.sha256();
        }
        return new FileCheck(table, f.name(), true, sizeOk, shaOk, rowsOk, rows, problem);
    }

    /** Existence and size only, reading nothing: what {@code import} checks of every file before it loads one. */
    static FileCheck size(String table, Path dir, ManifestFile f) {
        long size;
        try {
            size = Files.size(dir.resolve(f.name()));
        } catch (NoSuchFileException e) {
            return new FileCheck(table, f.name(), false, false, false, false, -1, "file is missing");
        } catch (IOException e) {
            return new FileCheck(table, f.name(), false, false, false, false, -1, "cannot read: " + e.getMessage());
        }
        if (!sizeOk(size, f)) {
            return new FileCheck(table, f.name(), true, false, true, true, -1,
                    "size is " + size + " bytes, the manifest says " + f.bytes());
        }
        return new FileCheck(table, f.name(), true, true, true, true, f.rows(), null);
    }

    private static boolean sizeOk(long size, ManifestFile f) {
        return !f.sizeKnown() || size == f.bytes();
    }

    /** Lines holding anything but whitespace; the same rule the reader applies. */
    private static long countLines(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long rows = 0;
        boolean content = false;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (content) {
                        rows++;
                    }
                    content = false;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    content = true;
                }
            }
        }
        return content ? rows + 1 : rows;
    }

    private static long countElements(InputStream in) throws IOException {
        try (JsonParser p = Jackson.DATA_BYTES.createParser(new BufferedInputStream(in, 1 << 16))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the file is not a JSON array");
            }
            long rows = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("the file ends inside the array");
                }
                p.skipChildren();
                rows++;
            }
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return rows;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // hashing the rest
        }
    }
}
