package io.decant.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The editor schema a spec written by {@code init} points at: docs/decant.schema.json of the decant
 * that runs, found by walking up from its jar (or classes folder), as a path relative to the spec's
 * folder so that the line keeps working when the repository moves (an absolute path for a spec
 * outside the repository). Where decant runs without its
 * repository, the spec points at decant.schema.json beside itself, and init says so.
 */
final class SchemaRef {
    static final String FILE = "docs/decant.schema.json";
    static final String BESIDE = "decant.schema.json";

    private SchemaRef() {
    }

    static String from(Path spec) {
        Path schema = find();
        if (schema == null) {
            return BESIDE;
        }
        Path folder = spec.toAbsolutePath().normalize().getParent();
        Path repository = schema.getParent().getParent();
        // a spec outside the repository gets the absolute path: ../../../ up to the root says nothing
        return (folder.startsWith(repository) ? folder.relativize(schema) : schema).toString().replace('\\', '/');
    }

    private static Path find() {
        try {
            var source = SchemaRef.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            for (; p != null; p = p.getParent()) {
                Path candidate = p.resolve(FILE);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
