/**
 * The NIR vocabulary, with no dependency beyond the JDK.
 *
 * <p>{@link io.github.nirguard.core.Nir} is the immutable value type of a French social-security
 * number (numéro d'inscription au répertoire). Text becomes a {@code Nir} only through a {@link
 * io.github.nirguard.core.NirProfile}: the default, {@link
 * io.github.nirguard.core.NirProfile#STRICT}, implements every structural rule; bad input is
 * reported by a stable {@link io.github.nirguard.core.NirError} code and a position, never by
 * echoing the input.
 *
 * <pre>{@code
 * Nir nir = Nir.parse("2 55 08 14 168 025 38");
 * nir.birthPlace();   // Mainland[department=14, commune=•••]
 * nir.toString();     // Nir[2 55 08 •• ••• ••• ••]
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.core;
