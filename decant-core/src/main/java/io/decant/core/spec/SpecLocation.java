package io.decant.core.spec;

/**
 * Where something is in a spec file: the file name, a 1-based line and column (0 when unknown, for
 * example for a problem that concerns the whole file), and the YAML path such as
 * {@code tables.users.columns.approved.cast}.
 */
public record SpecLocation(String file, int line, int column, String path) {

    public static SpecLocation root(String file) {
        return new SpecLocation(file, 0, 0, "");
    }

    public SpecLocation withPath(String newPath) {
        return new SpecLocation(file, line, column, newPath);
    }

    /** {@code decant.yaml:12:5}, or just the file name when the line is unknown. */
    public String position() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }

    /** {@code decant.yaml:12:5 tables.users}: the prefix of a problem message. */
    @Override
    public String toString() {
        return path.isEmpty() ? position() : position() + " " + path;
    }
}
