/**
 * Never-real synthetic sample data, safe to show and share.
 *
 * <p>{@link io.github.nirguard.samples.NeverRealLabExport} writes a seeded laboratory export whose
 * NIRs can never be anyone's: the key is correct, the month of birth is 13–19. The phones are in
 * the range reserved for fiction (06 39 98 xx xx) and the names come from short lists of common
 * French names.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("lab-export.csv"))) {
 *   NeverRealLabExport.write(w, 10_000, 2026L);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.samples;
