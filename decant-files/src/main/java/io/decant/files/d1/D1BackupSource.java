package io.decant.files.d1;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.OpenOptions;
import io.decant.core.util.Jackson;
import io.decant.files.folder.DataFile;
import io.decant.files.folder.OwnerOnly;
import io.decant.files.inferred.Inference;
import io.decant.files.inferred.InferredSource;
import io.decant.files.json.MalformedUtf8Exception;
import io.decant.files.json.Utf8CheckingInputStream;
import io.decant.files.json.ValueDecoders;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Cloudflare D1 backup as an app's admin endpoint returns it: one JSON object mapping table names
 * to arrays of row objects, {@code {"users": [{...}, ...], "posts": [...]}}. Read in two streaming
 * passes and never held in memory: the first infers every table's columns and remembers the byte
 * offset where its array starts; each table's read then seeks there and stream-parses only that
 * array. Members that are not arrays (an {@code "exportedAt"} stamp, say) are skipped and named in
 * {@code check}'s notes. The whole file is checked to be UTF-8 in the first pass.
 */
public final class D1BackupSource extends InferredSource {
    private final Path file;

    public D1BackupSource(String url, Path file, OpenOptions options) {
        super(url, options);
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(file.toString()),
                    "no such backup file");
        }
    }

    @Override
    public String serverVersion() {
        return "D1 backup JSON (" + file.getFileName() + ")";
    }

    @Override
    protected List<Found> scan() {
        String name = file.getFileName().toString();
        List<Found> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (InputStream raw = Files.newInputStream(file);
             JsonParser p = Jackson.DATA_BYTES.createParser(new Utf8CheckingInputStream(new BufferedInputStream(raw, 1 << 16), 0, 1))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(name, p.currentTokenLocation(), "a D1 backup is one JSON object mapping table names to arrays of rows");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String table = p.currentName();
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_ARRAY) {
                    notes.add("skipped member \"" + table + "\": " + ValueDecoders.describe(t) + ", not an array of rows");
                    p.skipChildren();
                    continue;
                }
                if (!seen.add(table)) {
                    throw corrupt(name, p.currentTokenLocation(), "table \"" + table + "\" appears twice");
                }
                JsonLocation at = p.currentTokenLocation();
                Inference.Stats stats = Inference.scan(p, table, name);
                out.add(new Found(Inference.toTable(stats, options),
                        new DataFile(file, name, null, at.getByteOffset(), at.getLineNr())));
            }
            if (p.nextToken() != null) {
                throw corrupt(name, p.currentTokenLocation(), "text after the backup's object");
            }
        } catch (MalformedUtf8Exception e) {
            throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(name + " line " + e.line()),
                    e.getMessage());
        } catch (JsonProcessingException e) {
            throw corrupt(name, e.getLocation(), "invalid JSON: " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(name), "no such backup file");
        } catch (IOException e) {
            throw OwnerOnly.io("cannot read " + file, e);
        }
        return out;
    }

    private static DecantException corrupt(String name, JsonLocation at, String detail) {
        String where = at == null ? name : name + " line " + at.getLineNr();
        return new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(where), detail);
    }
}
