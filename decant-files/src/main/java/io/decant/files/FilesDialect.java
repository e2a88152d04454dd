package io.decant.files;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spi.Dialect;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import io.decant.files.convex.ConvexRules;
import io.decant.files.d1.D1BackupSource;
import io.decant.files.folder.FolderSelfCheck;
import io.decant.files.folder.FolderSource;
import io.decant.files.folder.FolderTarget;
import io.decant.files.folder.Manifest;
import io.decant.files.folder.MetadataJson;
import io.decant.files.folder.SecretColumns;
import io.decant.files.inferred.MetadataFolderSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * Export folders and JSON backups as a database. URLs:
 * <ul>
 *   <li>{@code dir:PATH}, {@code jsonl:PATH}, {@code json:PATH}: an export folder (the latter two fix the format);</li>
 *   <li>{@code convex:PATH[?nulls=omit|null]}: a folder for {@code npx convex import} ({@link ConvexRules}):
 *       one {@code <table>.jsonl} per table, import.sh, and a manifest so that decant reads it back;</li>
 *   <li>a plain path: an existing folder, or, to write, a path that does not exist yet and has no
 *       file extension (or ends with {@code /});</li>
 *   <li>{@code d1backup:FILE} or an existing {@code *.json} file: a D1 backup, read only;</li>
 * </ul>
 * URLs with another scheme ({@code postgres://}, {@code sqlite:}, {@code jdbc:}) and database file
 * names ({@code *.db}, {@code *.sqlite}) and SQL scripts ({@code d1sql:}, {@code *.sql}: the SQLite dialect runs
 * them) are left to their dialects.
 *
 * <p>Settings: {@code format} (jsonl|json|convex), {@code nulls} (omit|null, for convex), {@code rowsPerFile}, {@code source} (display URL for
 * the manifest), {@code specHash}, {@code checksum} (false to skip), {@code secretColumns},
 * {@code jsonNullAsSqlNull}, {@code sourceDatabase} (metadata.json), {@code types.<table>.<column>}
 * (inferred sources).
 */
public final class FilesDialect implements Dialect {
    private final Clock clock;

    public FilesDialect() {
        this(Clock.systemUTC());
    }

    FilesDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public List<String> urlForms() {
        return List.of("dir:PATH | jsonl:PATH | json:PATH | PATH/ (export folder)",
                "convex:PATH[?nulls=omit|null] (folder for npx convex import)",
                "d1backup:FILE.json | FILE.json (D1 backup JSON, read only)");
    }

    @Override
    public boolean accepts(String url) {
        return Location.recognize(url) != null;
    }

    /** An existing folder alone checks its files against its manifest ({@link FolderSelfCheck}). */
    @Override
    public io.decant.core.verify.VerifyReport verifyAlone(String location) {
        Path dir = Path.of(location);
        return Files.isDirectory(dir) ? FolderSelfCheck.run(dir) : null;
    }

    @Override
    public SourceDatabase openSource(String url, OpenOptions options) {
        Location loc = location(url);
        return switch (loc.kind()) {
            case FOLDER -> openFolder(url, loc.path(), options);
            case D1_BACKUP -> new D1BackupSource(url, loc.path(), options);
        };
    }

    private static SourceDatabase openFolder(String url, Path dir, OpenOptions options) {
        if (Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
            return new FolderSource(url, dir, SecretColumns.fromSetting(options.settings().get("secretColumns")));
        }
        if (Files.isRegularFile(dir.resolve(MetadataJson.FILE_NAME))) {
            return new MetadataFolderSource(url, dir, options);
        }
        if (!Files.isDirectory(dir)) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withLocation(dir.toString()), "no such folder");
        }
        throw new DecantException(ErrorCode.FILE_CORRUPT, ErrorContext.EMPTY.withLocation(dir.toString()),
                "not an export folder: it has neither " + Manifest.FILE_NAME + " nor " + MetadataJson.FILE_NAME);
    }

    @Override
    public String absentTarget(String url) {
        Location loc = location(url);
        if (loc.kind() != Location.Kind.FOLDER || Files.exists(loc.path())) {
            return null;
        }
        Path p = loc.path();
        return "the folder " + (p.isAbsolute() ? p.toString() : p + " (" + p.toAbsolutePath().normalize() + ")")
                + " does not exist yet; migrate (or export) would create it";
    }

    @Override
    public TargetDatabase openTarget(String url, OpenOptions options) {
        Location loc = location(url);
        return switch (loc.kind()) {
            case FOLDER -> new FolderTarget(url, loc, options, clock);
            case D1_BACKUP -> throw DecantException.usage("'" + url + "' is a backup file, which decant reads but does not "
                    + "write; export into a folder (dir:PATH)");
        };
    }

    private static Location location(String url) {
        Location loc = Location.recognize(url);
        if (loc == null) {
            throw DecantException.usage("'" + url + "' is not an export folder or backup file URL");
        }
        return loc;
    }

    /** decant's version, from the jar's Maven metadata; {@code dev} when run from classes. */
    public static String version() {
        try (InputStream in = FilesDialect.class.getResourceAsStream("/META-INF/maven/io.decant/decant-files/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        return "dev";
    }
}
