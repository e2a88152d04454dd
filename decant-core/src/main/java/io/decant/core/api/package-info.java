/**
 * What a caller of {@link io.decant.core.Decant} sees besides the existing result records
 * ({@code MigrationResult}, {@code VerifyReport}, {@code IdsResults}): the views of plan, check, status and
 * sample as the command line renders them, the audit sink, and {@link io.decant.core.api.FailedRun}, a
 * failure with the result so far. Everything here is API: its JSON shape is what {@code --output json} prints.
 */
package io.decant.core.api;
