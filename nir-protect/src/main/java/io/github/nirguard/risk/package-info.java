/**
 * Re-identification risk of a protected table: equivalence classes on quasi-identifiers, counted
 * per person, and the figures ARX and sdcMicro define on them (k, l-diversity, prosecutor,
 * journalist and marketer risk).
 *
 * <p>A {@link io.github.nirguard.risk.RiskMeter} is fed rows one by one, in memory bounded by the
 * number of distinct classes (plus a fixed spill buffer when rows are grouped by person), and
 * yields an immutable {@link io.github.nirguard.risk.RiskReport} that holds counts and column names
 * only, never a value.
 *
 * <pre>{@code
 * try (RiskMeter m = RiskMeter.builder(header).defaultsFrom(policy).build()) {
 *   rows.forEach(m::add);
 *   RiskReport r = m.report();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.risk;
