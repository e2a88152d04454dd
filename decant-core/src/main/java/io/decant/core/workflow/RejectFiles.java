package io.decant.core.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.run.Rejects;
import io.decant.core.type.Bytes;
import io.decant.core.util.Jackson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --on-error reject}: each rejected row goes to {@code <dir>/<table>.jsonl} as one JSON object
 * with the reason (code, column, rule, message) and the row as read. Files are owner-only: rows may
 * hold personal data. Values are written as text; the message names the rule they broke.
 */
public final class RejectFiles implements Rejects, AutoCloseable {
    private static final JsonFactory JSON = Jackson.DATA;
    private final Path dir;
    private final Map<String, Writer> writers = new ConcurrentHashMap<>();

    /** Whether a file an earlier (interrupted) run left is kept aside rather than replaced: on --resume. */
    private final boolean keepEarlier;

    public RejectFiles(Path dir) {
        this(dir, false);
    }

    public RejectFiles(Path dir, boolean keepEarlier) {
        this.dir = dir;
        this.keepEarlier = keepEarlier;
    }

    private static final class Writer {
        final OutputStream out;
        final AtomicLong count = new AtomicLong();

        Writer(OutputStream out) {
            this.out = out;
        }
    }

    @Override
    public void reject(String table, long ordinal, DecantException reason, List<String> columns, Object[] row) {
        append(table, line(table, ordinal, reason, columns, row));
    }

    /**
     * One rejected row as its file holds it (one JSON object, no newline): for an engine whose rows are rejected
     * in other processes and written here by {@link #append} (decant on Spark).
     */
    public static String line(String table, long ordinal, DecantException reason, List<String> columns, Object[] row) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("table", table);
            g.writeNumberField("row", ordinal);
            g.writeStringField("key", reason.context().rowKey());
            g.writeStringField("code", reason.code().name());
            g.writeStringField("column", reason.context().column());
            g.writeStringField("rule", reason.context().rule());
            g.writeStringField("error", reason.getMessage());
            g.writeObjectFieldStart("values");
            for (int i = 0; i < columns.size(); i++) {
                Object v = row[i];
                g.writeStringField(columns.get(i), v == null ? null : v instanceof Bytes b ? b.base64() : v.toString());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory", e);
        }
        return out.toString();
    }

    /** Writes a rejected row of {@code table} made by {@link #line}, and counts it. */
    public void append(String table, String line) {
        Writer w = writers.computeIfAbsent(table, this::open);
        synchronized (w) {
            try {
                w.out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                w.out.flush();
                w.count.incrementAndGet();
            } catch (IOException e) {
                throw new DecantException(ErrorCode.IO_ERROR, "could not write a rejected row of " + table + " to " + dir
                        + ": " + e.getMessage());
            }
        }
    }

    private Writer open(String table) {
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Path file = file(table);
            if (keepEarlier && Files.exists(file)) {
                // A resumed run: the interrupted run's rejects stay, beside this run's, under another name.
                String base = file.getFileName().toString();
                Files.move(file, file.resolveSibling(base.substring(0, base.length() - ".jsonl".length())
                        + ".before-resume-" + System.currentTimeMillis() + ".jsonl"));
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new Writer(new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE)));
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not create " + dir + " for rejected rows: " + e.getMessage());
        }
    }

    @Override
    public long count(String table) {
        Writer w = writers.get(table);
        return w == null ? 0 : w.count.get();
    }

    private Path file(String table) {
        return dir.resolve(table.replaceAll("[^A-Za-z0-9_.-]", "_") + ".jsonl");
    }

    @Override
    public String place(String table) {
        return writers.containsKey(table) ? file(table).toAbsolutePath().toString() : null;
    }

    public long total() {
        return writers.values().stream().mapToLong(w -> w.count.get()).sum();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (Writer w : writers.values()) {
            try {
                w.out.close();
            } catch (IOException ignored) {
                // the rows were flushed as they were written
            }
        }
    }
}
