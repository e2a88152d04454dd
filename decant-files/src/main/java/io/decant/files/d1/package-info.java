/** Cloudflare D1 backups: one JSON object of table arrays, read as an inferred source. */
package io.decant.files.d1;
