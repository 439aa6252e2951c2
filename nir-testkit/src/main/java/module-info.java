/**
 * Seeded, framework-neutral generators of valid, invalid and never-real NIRs and of synthetic
 * records, with a tiny property runner. JDK only.
 *
 * <p><strong>Warning:</strong> a fully valid generated NIR may be a real person's; use {@code
 * Nirs.neverReal()} for demos and shared data.
 *
 * @since 0.1.0
 */
module io.github.nirguard.testkit {
  requires transitive io.github.nirguard.core;
  requires io.github.nirguard.samples;
  requires static org.jspecify;

  exports io.github.nirguard.testkit;
}
