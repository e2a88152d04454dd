/**
 * Id mapping (DESIGN.md section 4): for one table's single-column key, old value -> new value, built
 * by a strategy ({@link io.decant.core.spec.IdStrategy}), kept in an owner-only mapping file, and
 * applied by the planner to the key and to every column that references it.
 *
 * <p>Entry points: {@link io.decant.core.ids.IdMapBuilder} builds one {@link io.decant.core.ids.IdMap};
 * {@link io.decant.core.ids.IdsService} runs {@code decant ids build|show|lookup};
 * {@link io.decant.core.ids.MappingFile} reads and writes the file;
 * {@link io.decant.core.ids.ReferenceFinder} lists the columns whose values are remapped ids; and
 * {@link io.decant.core.ids.JsonPathRewriter} rewrites ids inside JSON documents.
 */
package io.decant.core.ids;
