package io.decant.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script as a source: SQLite runs it into a private temporary database ({@link ScriptDatabase}),
 * which is then read as any SQLite file is, and deleted on close. A position inside a table (for
 * {@code --resume}) is a rowid of that database and the state of the script: the same script run
 * again by SQLite gives the same rowids.
 */
final class ScriptSource extends SqliteSource {
    private final Path script;
    private final String display;
    private final List<String> skipped;

    private ScriptSource(Path script, ScriptDatabase.Built built, String display) {
        super(new SqliteUrl("sqlite:" + built.db(), built.db()));
        this.script = script;
        this.display = display;
        this.skipped = built.notes();
    }

    static ScriptSource open(Path script, String display) {
        ScriptDatabase.Built built = ScriptDatabase.build(script);
        try {
            return new ScriptSource(script, built, display);
        } catch (RuntimeException e) {
            ScriptDatabase.delete(built.db());
            throw e;
        }
    }

    @Override
    public String displayUrl() {
        return display;
    }

    @Override
    public synchronized String serverVersion() {
        return super.serverVersion() + ", running the SQL script " + script.getFileName();
    }

    @Override
    protected List<String> extraNotes() {
        List<String> notes = new ArrayList<>();
        notes.add("the script " + script + " was run by SQLite into a temporary database (" + String.format(java.util.Locale.ROOT,
                "%,d", fileSize()) + " bytes, under java.io.tmpdir, deleted when decant ends); it is read as that database");
        notes.addAll(skipped);
        notes.addAll(super.extraNotes());
        return notes;
    }

    @Override
    protected String origin() {
        return "the SQL script " + script.getFileName();
    }

    @Override
    protected String fingerprint() {
        return state("script", script);
    }

    @Override
    protected io.decant.core.error.ErrorContext context() {
        return io.decant.core.error.ErrorContext.EMPTY.withLocation(script.toString());
    }

    @Override
    public synchronized void close() {
        try {
            super.close();
        } finally {
            ScriptDatabase.delete(file());
        }
    }
}
