/**
 * Streaming CSV protection on FastCSV: a protection policy applied to named columns, in constant
 * memory, with precise errors and nothing half-written.
 *
 * <pre>{@code
 * CsvProtector p = CsvProtector.create(ProtectionPolicy.read(policyFile), ring);
 * CsvSummary s = p.protect(Path.of("export.csv"), Path.of("export.protected.csv"));
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.csv;
