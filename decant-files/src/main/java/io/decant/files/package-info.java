/**
 * Export folders and JSON backups as a database ({@link io.decant.files.FilesDialect}): the URL
 * forms ({@link io.decant.files.Location}) and the choice of source or target. The subsystems:
 * <ul>
 *   <li>{@link io.decant.files.folder}: decant's export folder (manifest.json, data files, checks);</li>
 *   <li>{@link io.decant.files.convex}: the folder flavour for {@code npx convex import};</li>
 *   <li>{@link io.decant.files.json}: reading and writing rows of JSON and JSONL files, value by value;</li>
 *   <li>{@link io.decant.files.inferred}: JSON without a schema, typed from its values (FreshTrack folders);</li>
 *   <li>{@link io.decant.files.d1}: Cloudflare D1 backups.</li>
 * </ul>
 */
package io.decant.files;
