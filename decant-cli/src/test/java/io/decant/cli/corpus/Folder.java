package io.decant.cli.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A copy of a good export folder, edited to be bad. {@link #edit} changes a data file and, unless
 * told otherwise, reseals the manifest (bytes and SHA-256 of that file) so that decant gets past
 * the file checks and meets the bad content itself; {@link #manifest} edits the manifest to lie.
 */
final class Folder {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;

    private Folder(Path dir) {
        this.dir = dir;
    }

    static Folder copyOf(Path good, Path into) {
        try {
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(good)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, into.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Folder(into);
    }

    /** Edits {@code file} as UTF-8 text and reseals the manifest. */
    Folder text(String file, UnaryOperator<String> change) {
        return bytes(file, b -> change.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), true);
    }

    /** Replaces the first occurrence of {@code from} in {@code file} and reseals the manifest. */
    Folder replace(String file, String from, String to) {
        return text(file, s -> {
            if (!s.contains(from)) {
                throw new IllegalStateException(file + " has no " + from + ":\n" + s);
            }
            return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        });
    }

    /** Replaces the first occurrence of the bytes of {@code from} with raw bytes, and reseals. */
    Folder replaceBytes(String file, String from, byte[] to) {
        return bytes(file, b -> {
            byte[] f = from.getBytes(StandardCharsets.UTF_8);
            int at = indexOf(b, f);
            if (at < 0) {
                throw new IllegalStateException(file + " has no " + from);
            }
            byte[] out = new byte[b.length - f.length + to.length];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(to, 0, out, at, to.length);
            System.arraycopy(b, at + f.length, out, at + to.length, b.length - at - f.length);
            return out;
        }, true);
    }

    Folder bytes(String file, UnaryOperator<byte[]> change, boolean reseal) {
        try {
            Path p = dir.resolve(file);
            byte[] b = change.apply(Files.readAllBytes(p));
            Files.write(p, b);
            if (reseal) {
                manifest(m -> {
                    for (JsonNode t : m.get("tables")) {
                        for (JsonNode f : t.get("files")) {
                            if (f.get("name").asText().equals(file)) {
                                ((ObjectNode) f).put("bytes", b.length);
                                ((ObjectNode) f).put("sha256", Guard.sha256(b));
                            }
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Edits manifest.json as a tree. */
    Folder manifest(Consumer<ObjectNode> change) {
        try {
            Path p = dir.resolve("manifest.json");
            ObjectNode root = (ObjectNode) JSON.readTree(p.toFile());
            change.accept(root);
            Files.write(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The manifest entry of {@code table}'s first file. */
    static ObjectNode firstFile(ObjectNode manifest, String table) {
        return (ObjectNode) manifest.get("tables").get(table).get("files").get(0);
    }

    static ObjectNode table(ObjectNode manifest, String table) {
        return (ObjectNode) manifest.get("tables").get(table);
    }

    Folder delete(String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
