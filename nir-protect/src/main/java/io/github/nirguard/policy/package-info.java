/**
 * Protection policies: which action each field of a record gets, checked before any row is read.
 *
 * <p>A {@link io.github.nirguard.policy.ProtectionPolicy} maps each column to an {@link
 * io.github.nirguard.policy.Action} — keep, drop, keyed token, reversible token, FPE, seal,
 * generalize, mask — with defaults by sensitivity class. The row engine of {@code
 * io.github.nirguard.protect} applies it to rows and reverses what can be reversed.
 *
 * <pre>{@code
 * ProtectionPolicy policy = ProtectionPolicy.read(Path.of("lab-export.policy"));
 * ProtectionPolicy strict = policy.withOnInvalid(OnInvalid.STOP);
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.policy;
