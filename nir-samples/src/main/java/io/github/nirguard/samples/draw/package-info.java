/**
 * Building blocks of the synthetic data shared with nir-testkit: random draws, place-of-birth
 * fields, names and birth dates, the lab-export row layout, and never-real people.
 *
 * <p>Exported to {@code io.github.nirguard.testkit} only. Nothing here assembles a fully valid NIR:
 * {@link io.github.nirguard.samples.draw.NeverReal} gives every NIR a month 13–19.
 *
 * <pre>{@code
 * Person p = NeverReal.person(new SplittableRandom(2026L));   // never a real person's NIR
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.samples.draw;
