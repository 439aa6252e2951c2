/**
 * Untrusted text to {@link io.github.nirguard.core.Nir}, with precise reasons and cross-checks.
 *
 * <p>{@link io.github.nirguard.validate.NirValidator} applies a named profile and returns a {@link
 * io.github.nirguard.validate.ValidationResult} that never throws: valid or not, the stable reason
 * code, the 0-based position and the leniency flags. {@link io.github.nirguard.validate.CrossCheck}
 * compares a NIR with the sex and birth date recorded beside it.
 *
 * <pre>{@code
 * ValidationResult r = NirValidator.strict().validate("1 85 05 78 006 084 36");
 * r.reason();     // Optional[KEY_MISMATCH]
 * r.position();   // 19
 * }</pre>
 *
 * <p>The rules themselves live in nir-core's {@link io.github.nirguard.core.NirProfile}, so that
 * {@code Nir.parse} and this module can never disagree (see docs/decisions).
 *
 * @since 0.1.0
 */
package io.github.nirguard.validate;
