package io.decant.files.folder;

import io.decant.core.error.DecantException;
import java.util.Locale;

/** How rows are laid out in an export folder's data files. */
public enum Format {
    /** One JSON object per line: {@code users.jsonl}. The default, because it streams both ways. */
    JSONL("jsonl"),
    /** One JSON array of objects per file, {@code users.json}, as the FreshTrack scripts wrote them. */
    JSON("json");

    private final String extension;

    Format(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static Format parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson" -> JSONL;
            case "json" -> JSON;
            default -> throw DecantException.usage("unknown export format '" + text + "'; use jsonl or json");
        };
    }
}
