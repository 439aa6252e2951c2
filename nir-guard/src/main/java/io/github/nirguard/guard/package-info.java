/**
 * An enumeration guard for services that answer queries by NIR: it stops the robot that walks the
 * number space, or replays a list, through a compromised account.
 *
 * <p>In March 2022 attackers logged in to a patient-lookup service with the stolen credentials of
 * 19 pharmacists and had a robot query it "in chain", NIR after NIR, until 510,000 beneficiaries
 * were exposed; only the abnormal traffic gave them away. {@link
 * io.github.nirguard.guard.EnumerationGuard} is the check such a service makes before answering:
 *
 * <pre>{@code
 * EnumerationGuard guard = EnumerationGuard.builder().build();   // documented safe defaults
 *
 * Decision d = guard.check(account, nir, Instant.now());
 * if (d.verdict() == Verdict.DENY) {
 *   return refuse(d.delay());
 * }
 * if (d.verdict() == Verdict.SLOW_DOWN) {
 *   pause(d.delay());
 * }
 * Optional<Patient> patient = registry.find(nir);
 * if (patient.isEmpty()) {
 *   guard.recordUnknown(account, nir, Instant.now());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.github.nirguard.guard.EnumerationGuard}, built by a {@link
 *       io.github.nirguard.guard.GuardBuilder}: the checks; its {@link
 *       io.github.nirguard.guard.GuardSettings}: every threshold, each a {@link
 *       io.github.nirguard.guard.Limit} (SLOW_DOWN and DENY stages).
 *   <li>{@link io.github.nirguard.guard.Decision}: a {@link io.github.nirguard.guard.Verdict},
 *       stable {@link io.github.nirguard.guard.Reason} codes and a suggested delay.
 *   <li>{@link io.github.nirguard.guard.GuardStore}: where the state lives — in memory by default
 *       ({@link io.github.nirguard.guard.InMemoryGuardStore}, bounded, LRU), or a shared store
 *       holding serialized {@link io.github.nirguard.guard.GuardRecord}s.
 *   <li>{@link io.github.nirguard.guard.PrincipalSnapshot}: what the guard holds about a principal,
 *       in counts.
 *   <li>{@link io.github.nirguard.guard.Principal}: an account, optionally a client within it, a
 *       tenant ({@code inTenant}) and a client fingerprint ({@code withClientFingerprint}) for the
 *       signals across a tenant's accounts.
 * </ul>
 *
 * <p>The guard keeps keyed fingerprints and coarse features of NIRs (department and decade of
 * birth, order number), never a NIR or a principal name; decisions, snapshots, records and
 * exceptions print codes and counts only. See {@code docs/guard.md} for the signals, their defaults
 * and why, the simulation that tunes them, and the limits.
 *
 * @since 0.1.0
 */
package io.github.nirguard.guard;
