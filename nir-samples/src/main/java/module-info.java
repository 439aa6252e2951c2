/**
 * Never-real synthetic sample data for demos and documentation: a laboratory export whose NIRs have
 * a correct key and a month of birth (13–19) that no NIR can ever have. JDK and nir-core only.
 *
 * <p>This module holds no generator of fully valid NIRs, so it can ship with the command-line
 * distribution; seeded generators of valid and invalid NIRs for tests live in nir-testkit. The
 * package {@code io.github.nirguard.samples.draw} holds the building blocks nir-testkit shares
 * (place fields, names, birth dates, row layout): it is exported to nir-testkit only.
 *
 * @since 0.1.0
 */
@SuppressWarnings("module") // nir-testkit, the target of the qualified export, is built after us
module io.github.nirguard.samples {
  requires transitive io.github.nirguard.core;

  exports io.github.nirguard.samples;
  exports io.github.nirguard.samples.draw to
      io.github.nirguard.testkit;
}
