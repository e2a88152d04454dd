package io.decant.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The image's file system in a folder: layers applied in order, links resolved inside it, never outside. */
final class ImageFiles {
    private final Path root;

    ImageFiles(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** The host path of {@code path} as the image sees it, every symbolic link followed inside the image. */
    Path resolve(String path) {
        return resolve(path, 0);
    }

    private Path resolve(String path, int depth) {
        assertTrue(depth < 40, "too many links resolving " + path);
        Path at = root;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                at = at.equals(root) ? root : at.getParent();
                continue;
            }
            Path next = at.resolve(part);
            if (Files.isSymbolicLink(next)) {
                String target;
                try {
                    target = Files.readSymbolicLink(next).toString();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                String base = target.startsWith("/") ? target : "/" + root.relativize(at) + "/" + target;
                return resolve(base + "/" + rest, depth + 1);
            }
            at = next;
        }
        return at;
    }

    /** The folders the image's libraries are in, for its loader. */
    List<String> libraryDirs() {
        List<String> out = new ArrayList<>();
        for (String d : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/lib64", "/lib", "/usr/lib")) {
            Path p = resolve(d);
            if (Files.isDirectory(p) && !out.contains(p.toString())) {
                out.add(p.toString());
            }
        }
        return out;
    }

    void addLayer(Path layer) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(layer));
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                if (name.equals("/")) {
                    continue;
                }
                int slash = name.lastIndexOf('/');
                Path parent = Files.createDirectories(resolve(name.substring(0, Math.max(slash, 1))));
                String file = name.substring(slash + 1);
                if (file.startsWith(".wh.")) { // a whiteout: the layer removes what a lower layer had
                    delete(file.equals(".wh..wh..opq") ? null : parent.resolve(file.substring(4)), parent);
                    continue;
                }
                Path target = parent.resolve(file);
                if (e.isDirectory()) {
                    if (!Files.isDirectory(target)) {
                        Files.createDirectories(target);
                    }
                } else if (e.isSymbolicLink()) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.deleteIfExists(target);
                    Files.copy(resolve("/" + e.getLinkName().replaceFirst("^\\./", "").replaceFirst("^/", "")), target);
                } else if (e.isFile()) {
                    Files.deleteIfExists(target);
                    Files.copy(tar, target);
                    if ((e.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    /** {@code path}, or everything in {@code dir} when path is null (an opaque whiteout). */
    private static void delete(Path path, Path dir) throws IOException {
        List<Path> doomed = new ArrayList<>();
        if (path != null) {
            doomed.add(path);
        } else {
            try (var files = Files.list(dir)) {
                files.forEach(doomed::add);
            }
        }
        for (Path p : doomed) {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var all = Files.walk(p)) {
                    for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}
