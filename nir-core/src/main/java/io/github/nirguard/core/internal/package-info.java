/**
 * Not API: the packed status word of {@link io.github.nirguard.core.NirProfile}'s scanner and its
 * decoders, for nir-validate's allocation-free bulk path. Exported to {@code
 * io.github.nirguard.validate} only; on the class path nothing stops a caller, but nothing here is
 * kept compatible.
 *
 * @since 0.4.0
 */
package io.github.nirguard.core.internal;
