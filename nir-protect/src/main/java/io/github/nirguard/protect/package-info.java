/**
 * The row engine: applies a {@link io.github.nirguard.policy.ProtectionPolicy} to rows and, for key
 * holders, reverses what it made reversible — every reversible row carrying a row seal that makes a
 * reveal return the original row or refuse it.
 *
 * <pre>{@code
 * RowProtector p = RowProtector.bind(policy, header, ring);   // PolicyException before any row
 * RowResult r = p.protect(row, 1);
 * RowResult back = RowRevealer.bind(policy, p.outputHeader(), ring).reveal(r.row().orElseThrow(), 1);
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.protect;
