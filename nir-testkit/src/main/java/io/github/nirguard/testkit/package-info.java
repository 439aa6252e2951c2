/**
 * Seeded, reproducible generators of NIRs and synthetic records, for tests in any framework.
 *
 * <p><strong>Warning: a fully valid generated NIR may be a real person's.</strong> The generators
 * of {@link io.github.nirguard.testkit.Nirs#valid()} and friends draw from the whole space of
 * well-formed numbers, and most of that space is assigned: any value they produce can belong to a
 * living person. Never publish, log, commit or share such values. For demos, documentation,
 * screenshots and shared data sets use {@link io.github.nirguard.testkit.Nirs#neverReal()} and
 * {@link io.github.nirguard.testkit.Records#neverReal()}: their month of birth is 13–19, which no
 * NIR can ever have, while their key is correct.
 *
 * <ul>
 *   <li>{@link io.github.nirguard.testkit.Gen}: a seeded generator ({@code
 *       next(SplittableRandom)}); the same seed always gives the same sequence;
 *   <li>{@link io.github.nirguard.testkit.Nirs}: valid NIRs by category and month kind, never-real
 *       NIRs, lenient-only NIRs, invalid inputs by {@link io.github.nirguard.core.NirError} reason,
 *       and noisy pasted text;
 *   <li>{@link io.github.nirguard.testkit.Records}: synthetic identity records (name, birth date,
 *       sex) that agree with their NIR;
 *   <li>{@link io.github.nirguard.testkit.ForAll}: a property runner that reports the seed and the
 *       case index of a failure, never the generated value.
 * </ul>
 *
 * <pre>{@code
 * ForAll.check("strict accepts valid NIRs", Nirs.valid(),
 *     nir -> assertTrue(NirProfile.STRICT.test(nir.compact())));
 *
 * List<Nir> demo = Nirs.neverReal().sample(42L, 10);   // safe to show: can never be assigned
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.testkit;
