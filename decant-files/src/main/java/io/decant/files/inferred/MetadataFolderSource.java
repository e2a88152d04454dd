package io.decant.files.inferred;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.OpenOptions;
import io.decant.core.util.Jackson;
import io.decant.core.util.JsonMappers;
import io.decant.files.folder.DataFile;
import io.decant.files.folder.MetadataJson;
import io.decant.files.folder.OwnerOnly;
import io.decant.files.json.MalformedUtf8Exception;
import io.decant.files.json.Utf8CheckingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder written by the FreshTrack export script: metadata.json plus one {@code <table>.json}
 * array per table, no types. Tables are those metadata.json lists, in its order; a listed table
 * whose file is missing is an error (the old import script skipped it with a warning, which is
 * how rows went missing). The row counts in metadata.json were taken before each table was read,
 * so a difference to the file is a note, not an error.
 */
public final class MetadataFolderSource extends InferredSource {
    private final Path dir;

    public MetadataFolderSource(String url, Path dir, OpenOptions options) {
        super(url, options);
        this.dir = dir;
    }

    @Override
    public String serverVersion() {
        return "FreshTrack-style export folder (metadata.json, no manifest)";
    }

    @Override
    protected List<Found> scan() {
        Map<String, Long> listed = readMetadata();
        List<Found> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : listed.entrySet()) {
            String table = e.getKey();
            if (table.isEmpty() || table.contains("/") || table.contains("\\") || table.equals(".") || table.equals("..")) {
                throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(MetadataJson.FILE_NAME),
                        "table name '" + table + "' cannot be a file name inside the folder");
            }
            Path file = dir.resolve(table + ".json");
            String name = file.getFileName().toString();
            Inference.Stats stats = scanFile(table, file, name);
            if (e.getValue() != null && e.getValue() != stats.rows) {
                notes.add(table + ": metadata.json says " + e.getValue() + " rows, " + name + " holds " + stats.rows);
            }
            out.add(new Found(Inference.toTable(stats, options), DataFile.whole(file, null)));
        }
        return out;
    }

    private Map<String, Long> readMetadata() {
        JsonNode root;
        try {
            root = JsonMappers.MAPPER.readTree(Files.readAllBytes(dir.resolve(MetadataJson.FILE_NAME)));
        } catch (JsonProcessingException e) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(MetadataJson.FILE_NAME),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + dir.resolve(MetadataJson.FILE_NAME), e);
        }
        JsonNode tables = root == null ? null : root.get("tables");
        if (tables == null || !tables.isObject()) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(MetadataJson.FILE_NAME),
                    "\"tables\" is missing or not an object");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = tables.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode count = e.getValue().get("rowCount");
            out.put(e.getKey(), count != null && count.canConvertToLong() ? count.asLong() : null);
        }
        return out;
    }

    private Inference.Stats scanFile(String table, Path file, String name) {
        try (InputStream raw = Files.newInputStream(file);
             JsonParser p = Jackson.DATA_BYTES.createParser(new Utf8CheckingInputStream(new BufferedInputStream(raw, 1 << 16), 0, 1))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table).withLocation(name),
                        "expected a JSON array of row objects");
            }
            return Inference.scan(p, table, name);
        } catch (NoSuchFileException e) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table).withLocation(name),
                    "file is missing, but " + MetadataJson.FILE_NAME + " lists the table");
        } catch (MalformedUtf8Exception e) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table)
                    .withLocation(name + " line " + e.line()), e.getMessage());
        } catch (JsonProcessingException e) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withTable(table)
                    .withLocation(name + " line " + e.getLocation().getLineNr()), "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + file, e);
        }
    }
}
