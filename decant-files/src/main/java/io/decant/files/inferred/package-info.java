/**
 * JSON row arrays that come without a schema (FreshTrack export folders, D1 backups): column types
 * inferred from one streaming pass over the values ({@link io.decant.files.inferred.Inference}),
 * rows read in a second.
 */
package io.decant.files.inferred;
