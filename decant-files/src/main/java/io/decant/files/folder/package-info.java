/**
 * decant's export folder: manifest.json (the schema and what was written), the data files and
 * their integrity (size, SHA-256, row count, content checksum), owner-only files, and the folder
 * as a target ({@link io.decant.files.folder.FolderTarget}), a source
 * ({@link io.decant.files.folder.FolderSource}) and a self-check
 * ({@link io.decant.files.folder.FolderCheck}). What differs between an export folder and a folder
 * for Convex is a {@link io.decant.files.folder.FolderFlavour}.
 */
package io.decant.files.folder;
