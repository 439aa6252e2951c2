/**
 * Internals of nir-crypto: public classes in a package the module does not export, like Tink's
 * {@code internal} packages. Not API: names and signatures change without notice, and on the module
 * path they are not readable at all.
 *
 * <p>Here: the NIR ranking behind {@code NirFpe} ({@link
 * io.github.nirguard.crypto.internal.NirRank}), the precomputed HMAC-SHA-256 of the keyed tokens
 * ({@link io.github.nirguard.crypto.internal.HmacSha256Template}), keys derived from a ring ({@link
 * io.github.nirguard.crypto.internal.DerivedKeys}) and the base32 of tokens ({@link
 * io.github.nirguard.crypto.internal.Base32}).
 *
 * <pre>{@code
 * // nothing to call from outside nir-crypto: use io.github.nirguard.crypto
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.crypto.internal;
