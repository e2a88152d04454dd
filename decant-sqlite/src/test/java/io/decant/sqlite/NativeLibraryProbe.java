package io.decant.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/** Run in a child JVM by {@link NativeLibraryCacheTest}: opens a SQLite file, then prints which sqlitejdbc library the process mapped. */
public final class NativeLibraryProbe {
    private NativeLibraryProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = SqliteConnector.openReadWrite(Path.of(args[0]))) {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("sqlitejdbc")) {
                    System.out.println("mapped " + line.substring(line.indexOf('/')));
                    return;
                }
            }
            System.out.println("mapped nothing");
        }
    }
}
