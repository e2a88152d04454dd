package io.decant.core.api;

import java.util.Map;

/**
 * Where {@link io.decant.core.Decant} records what it did, one event at a time: the events and their
 * fields are listed in the README ("--audit FILE") and are API. {@link io.decant.core.workflow.AuditLog}
 * writes them to a file as JSON lines; an application may keep them elsewhere. Called from the
 * threads that load tables, so an implementation must be thread-safe. Values may hold URLs:
 * redact them before they leave the process.
 */
@FunctionalInterface
public interface AuditSink {
    void event(String event, Map<String, Object> fields);

    /**
     * An audit log appended to {@code file} as JSON lines, created owner-only if it does not exist.
     * Refused (IO_ERROR, naming the file) when it cannot be opened, before anything else runs.
     */
    static AuditSink toFile(java.nio.file.Path file) {
        return new io.decant.core.workflow.AuditLog(file);
    }
}
