/**
 * Folders for {@code npx convex import} ({@code convex:DIR}): the rules recorded in the manifest,
 * the value encoders and name checks they imply, and import.sh; together the
 * {@link io.decant.files.convex.ConvexFlavour} of an export folder.
 */
package io.decant.files.convex;
