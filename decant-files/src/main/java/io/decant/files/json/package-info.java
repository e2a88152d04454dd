/**
 * Rows of JSON files: JSONL and JSON-array readers, the strict value decoders and the byte-level
 * fast path that must agree with them, the value encoders, UTF-8 checking, and ISO text for
 * temporal values (parsed by core's {@link io.decant.core.transform.FastTemporal}). Knows nothing of
 * folders or manifests.
 */
package io.decant.files.json;
