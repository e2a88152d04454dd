package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.util.JsonMappers;
import io.decant.core.util.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write-ahead journal of strategy {@code http}, beside the mapping file: one JSON object per
 * line, synced to disk before decant goes on, owner-only. Three kinds of line, per table and old id:
 * <pre>{@code
 * {"table":"users","old":"u_1","state":"sending"}                   before the request goes out
 * {"table":"users","old":"u_1","new":"9f..","email":"..","migratedAt":".."}   the service created it
 * {"table":"users","old":"u_1","state":"failed"}                    the service answered no: nothing created
 * }</pre>
 * A rerun sends only rows with no line at all or whose last line is {@code failed}. A row whose
 * last line is {@code sending} was in flight when decant stopped: the service may hold it, so decant
 * stops and says so rather than risk a second user. A last line cut by a crash is ignored.
 */
final class IdJournal implements AutoCloseable {
    private static final ObjectMapper MAPPER = JsonMappers.MAPPER;

    /** What the journal says about one table. */
    record State(Map<String, MappingDocument.Entry> created, Set<String> inFlight) {
    }

    private final Path file;
    private final FileChannel channel;

    private IdJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static IdJournal open(Path file) {
        try {
            FileChannel ch = OwnerOnlyFiles.openAppend(file);
            dropTornTail(file, ch);
            return new IdJournal(file, ch);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY, "cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code table}'s lines; keys are the old ids' JSON text. */
    /**
     * A line cut by a crash would glue itself to the next one. It is safe to drop: its {@code sending}
     * line was synced before, so the row still reads as in flight.
     */
    private static void dropTornTail(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end != all.length) {
            ch.truncate(end);
            ch.force(false);
        }
    }

    static State read(Path file, String table) {
        Map<String, MappingDocument.Entry> created = new LinkedHashMap<>();
        Set<String> inFlight = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return new State(created, inFlight);
        }
        String all;
        try {
            all = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY, "cannot read journal " + file + ": " + e.getMessage(), e);
        }
        String[] lines = all.split("\n", -1);
        // The last element is what follows the last newline: empty, or a line cut short by a crash.
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = MAPPER.readTree(lines[i]);
            } catch (IOException e) {
                throw MappingFile.corrupt(file, i + 1, table, "journal line is not JSON: " + e.getMessage());
            }
            if (!n.isObject() || !n.path("table").isTextual() || !n.hasNonNull("old")) {
                throw MappingFile.corrupt(file, i + 1, table, "journal line needs table and old");
            }
            if (!n.get("table").textValue().equals(table)) {
                continue;
            }
            String old = n.get("old").asText();
            String state = n.path("state").asText("");
            switch (state) {
                case "sending" -> inFlight.add(old);
                case "failed" -> inFlight.remove(old);
                case "" -> {
                    if (!n.hasNonNull("new")) {
                        throw MappingFile.corrupt(file, i + 1, table, "journal line has neither state nor new");
                    }
                    inFlight.remove(old);
                    MappingDocument.Entry earlier = created.get(old);
                    if (earlier != null && !earlier.neu().equals(n.get("new"))) {
                        throw MappingFile.corrupt(file, i + 1, table, "old id " + ErrorContext.preview(old) + " was created twice, as "
                                + earlier.neu() + " (line " + earlier.line() + ") and " + n.get("new"));
                    }
                    created.put(old, entry(n, created.size(), i + 1));
                }
                default -> throw MappingFile.corrupt(file, i + 1, table, "unknown journal state '" + state + "'");
            }
        }
        return new State(created, inFlight);
    }

    private static MappingDocument.Entry entry(JsonNode n, int index, int line) {
        Map<String, String> extras = new LinkedHashMap<>();
        n.path("extras").properties().forEach(f -> extras.put(f.getKey(), f.getValue().asText()));
        Instant at = n.hasNonNull("migratedAt") ? Instant.parse(n.get("migratedAt").asText()) : null;
        return new MappingDocument.Entry(index, line, n.get("old"), n.get("new"), extras, at);
    }

    void sending(String table, Object old) {
        ObjectNode n = base(table, old);
        n.put("state", "sending");
        append(n);
    }

    void failed(String table, Object old) {
        ObjectNode n = base(table, old);
        n.put("state", "failed");
        append(n);
    }

    /** {@code newJson} is the id exactly as the service returned it (string or number). */
    void created(String table, Object old, JsonNode newJson, Map<String, String> extras, Instant at) {
        ObjectNode n = base(table, old);
        n.set("new", newJson);
        ObjectNode x = n.putObject("extras");
        extras.forEach(x::put);
        n.put("migratedAt", at.toString());
        append(n);
    }

    private static ObjectNode base(String table, Object old) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("table", table);
        if (old instanceof Long l) {
            n.put("old", l);
        } else {
            n.put("old", KeyValues.text(old));
        }
        return n;
    }

    private void append(ObjectNode n) {
        try {
            ByteBuffer buf = ByteBuffer.wrap((MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            // Synced per line: the line is the only record that a user now exists in the service.
            channel.force(false);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY, "cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Every line was already forced to disk; a failing close loses nothing.
        }
    }

    /** Called once the mapping file holding every journaled entry is safely written. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY, "cannot delete journal " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> sample(Set<String> olds) {
        return new ArrayList<>(olds).subList(0, Math.min(olds.size(), IdBuildResult.SAMPLE));
    }
}
