package io.decant.core.spec;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and validated spec: what differs from "copy every table as it is". Immutable. Built by
 * {@link SpecLoader}; checked against a source schema by {@link SpecCheck}.
 *
 * @param source               the source URL with {@code ${ENV}} expanded, or {@code null}; may hold a password
 * @param target               the target URL, likewise
 * @param exclude              source tables that are not migrated
 * @param naming               how names of tables and columns are converted (explicit renames excepted)
 * @param orphans              what happens to rows whose parent is missing
 * @param zone                 the zone of naive timestamps when they must become instants (default UTC)
 * @param tables               per source table, in the order of the spec
 * @param ids                  per source table whose key is remapped, in the order of the spec
 * @param mappingRetentionDays how long an id mapping file is meant to be kept ({@code retainUntil})
 * @param locations            YAML path -> place in the file, for messages; see {@link #locate}
 * @param zeroDates            what MySQL's zero dates become in every column of the source
 *                             ({@link ZeroDates#NULL} or a date), unless a column says otherwise; null: refused
 */
public record Spec(String source, String target, List<String> exclude, Naming naming, OrphanPolicy orphans,
                   ZoneId zone, Map<String, TableSpec> tables, Map<String, IdSpec> ids, int mappingRetentionDays,
                   Map<String, SpecLocation> locations, String zeroDates) {

    public Spec(String source, String target, List<String> exclude, Naming naming, OrphanPolicy orphans,
                ZoneId zone, Map<String, TableSpec> tables, Map<String, IdSpec> ids, int mappingRetentionDays,
                Map<String, SpecLocation> locations) {
        this(source, target, exclude, naming, orphans, zone, tables, ids, mappingRetentionDays, locations, null);
    }

    /** The settings a source is opened with that come from this spec (see {@link ZeroDates#settings}). */
    public Map<String, String> sourceSettings() {
        return ZeroDates.settings(this);
    }

    public static final int DEFAULT_MAPPING_RETENTION_DAYS = 90;
    public static final String NO_FILE = "(no spec)";

    public Spec {
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(orphans, "orphans");
        Objects.requireNonNull(zone, "zone");
        tables = Immutables.map(tables);
        ids = Immutables.map(ids);
        locations = Immutables.map(locations);
    }

    /** The spec of a run without a spec file: everything copied as it is. */
    public static Spec empty() {
        return new Spec(null, null, List.of(), Naming.PRESERVE, OrphanPolicy.FAIL, ZoneOffset.UTC, Map.of(), Map.of(),
                DEFAULT_MAPPING_RETENTION_DAYS, Map.of());
    }

    public Optional<String> sourceUrl() {
        return Optional.ofNullable(source);
    }

    public Optional<String> targetUrl() {
        return Optional.ofNullable(target);
    }

    public boolean isExcluded(String table) {
        return exclude.contains(table);
    }

    /** The spec of a table, or {@link TableSpec#NONE}. */
    public TableSpec table(String name) {
        return tables.getOrDefault(name, TableSpec.NONE);
    }

    /**
     * The spec of {@code table}: written under its schema-qualified name ({@code auth.users}), or under its
     * bare name where that is unambiguous ({@code sessions} for auth.sessions when no other source table of
     * {@code all} is named sessions).
     */
    public TableSpec table(io.decant.core.schema.Table table, java.util.Collection<io.decant.core.schema.Table> all) {
        String display = table.id().display();
        if (tables.containsKey(display) || display.equals(table.name())) {
            return table(display);
        }
        long sameName = all.stream().filter(t -> t.name().equals(table.name())).count();
        return sameName == 1 ? table(table.name()) : TableSpec.NONE;
    }

    public Optional<IdSpec> idsOf(String table) {
        return Optional.ofNullable(ids.get(table));
    }

    /**
     * Where a YAML path is written, for messages: {@code tables.users.columns.id.cast}. A path that is
     * not in the file falls back to its nearest written parent, and finally to the file itself.
     */
    public SpecLocation locate(String path) {
        String p = path;
        while (true) {
            SpecLocation at = locations.get(p);
            if (at != null) {
                return at.withPath(path);
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                SpecLocation root = locations.get("");
                return root != null ? new SpecLocation(root.file(), 0, 0, path) : new SpecLocation(NO_FILE, 0, 0, path);
            }
            p = p.substring(0, cut);
        }
    }

    /** Locations are for messages only: two specs that say the same are equal wherever it is written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Spec s && Objects.equals(source, s.source) && Objects.equals(target, s.target)
                && exclude.equals(s.exclude) && naming == s.naming && orphans == s.orphans && zone.equals(s.zone)
                && tables.equals(s.tables) && ids.equals(s.ids) && mappingRetentionDays == s.mappingRetentionDays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, target, exclude, naming, orphans, zone, tables, ids, mappingRetentionDays);
    }

    /** URLs are shown without passwords; the locations are left out. */
    @Override
    public String toString() {
        return "Spec[source=" + io.decant.core.util.Redactor.global().redact(String.valueOf(source))
                + ", target=" + io.decant.core.util.Redactor.global().redact(String.valueOf(target))
                + ", exclude=" + exclude + ", naming=" + naming + ", orphans=" + orphans + ", zone=" + zone
                + ", tables=" + tables + ", ids=" + ids + ", mappingRetentionDays=" + mappingRetentionDays + "]";
    }
}
