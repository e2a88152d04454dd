package io.decant.core.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.api.ProgressListener;
import io.decant.core.api.TableResult;
import io.decant.core.api.TableTask;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.JsonMappers;
import io.decant.core.util.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An audit log file ({@code --audit FILE}): JSON lines with a timestamp each, appended, owner-only,
 * secrets redacted. The command line writes {@code command-start} and {@code command-end} around a
 * command; between them {@link io.decant.core.Decant} writes what it did: the tables a run loaded
 * ({@link #listener}), the endpoints check saw, the tables verify compared, the ids built. The
 * events and their fields are listed in the README; they are API.
 */
public final class AuditLog implements io.decant.core.api.AuditSink {
    private static final ObjectMapper JSON = JsonMappers.MAPPER;
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not create the audit log " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void event(String event, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("event", event);
        line.putAll(fields);
        try {
            String text = Redactor.global().redact(JSON.writeValueAsString(line)) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, "could not write the audit log " + file + ": " + e.getMessage());
        }
    }

    /** A listener that writes {@code table-start}, {@code table-end} and {@code message} events to {@code audit}, then tells {@code next}. */
    public static ProgressListener listener(io.decant.core.api.AuditSink audit, ProgressListener next) {
        return new ProgressListener() {
            @Override
            public void tableStarted(TableTask table) {
                audit.event("table-start", Map.of("table", table.name(), "target", table.target()));
                next.tableStarted(table);
            }

            @Override
            public void rowsWritten(TableTask table, long rows) {
                next.rowsWritten(table, rows);
            }

            @Override
            public void tableCommitting(TableTask table, long rows) {
                next.tableCommitting(table, rows);
            }

            @Override
            public void tableFinished(TableTask table, TableResult r) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("table", r.source());
                f.put("target", r.target());
                f.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                f.put("rows", r.rows());
                f.put("seconds", r.seconds());
                if (r.error() != null) {
                    f.put("error", r.error());
                }
                if (!r.notes().isEmpty()) {
                    f.put("warnings", r.notes());
                }
                audit.event("table-end", f);
                next.tableFinished(table, r);
            }

            @Override
            public void message(String text) {
                audit.event("message", Map.of("text", text));
                next.message(text);
            }

            @Override
            public void phaseStarted(String what) {
                audit.event("message", Map.of("text", what));
                next.phaseStarted(what);
            }

            @Override
            public void phaseFinished(String what, double seconds, boolean ok) {
                next.phaseFinished(what, seconds, ok);
            }
        };
    }
}
