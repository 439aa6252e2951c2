/**
 * Not API: the packed status word of {@link io.github.nirguard.core.NirProfile}'s scanner and its
 * decoders, for nir-validate's allocation-free bulk path. Exported (see the module descriptor for
 * why not to nir-validate only), but kept compatible with nothing; an architecture test lets only
 * nir-core and nir-validate use it.
 *
 * <pre>{@code
 * long status = ScanStatus.scan(NirProfile.STRICT, text);   // allocates nothing
 * NirError reason = ScanStatus.isValid(status) ? null : ScanStatus.errorOf(status);
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.core.internal;
