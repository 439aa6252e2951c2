package io.github.nirguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.nirguard.policy.Action;

/**
 * The module arrows, as rules over the main classes of every library module (tests excluded): a
 * change that breaks one fails the build, not a review.
 *
 * <p>No exceptions: the guard's fingerprint key comes from nir-crypto's {@code Fingerprinter}, and
 * {@code nir demo}'s data from nir-samples (never-real NIRs only), not from the testkit.
 *
 * <p>nir-spark and benchmarks are not imported (not on this module's class path).
 */
@AnalyzeClasses(
    packages = "io.github.nirguard",
    importOptions = {ImportOption.DoNotIncludeTests.class})
class ArchitectureTest {

  /**
   * Arrows point down: core ← validate ← policy ← protect ← csv ← cli; crypto on core only; kms on
   * crypto only (nothing names it: the ServiceLoader finds it); guard on crypto and validate;
   * samples on core only; testkit beside, on core and samples. The three packages of nir-protect
   * are layered too: record ← policy ← protect.
   */
  @ArchTest
  static final ArchRule modules_only_depend_downwards =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("core")
          .definedBy("io.github.nirguard.core..")
          .layer("validate")
          .definedBy("io.github.nirguard.validate..")
          .layer("samples")
          .definedBy("io.github.nirguard.samples..")
          .layer("testkit")
          .definedBy("io.github.nirguard.testkit..")
          .layer("crypto")
          .definedBy("io.github.nirguard.crypto..")
          .layer("kms")
          .definedBy("io.github.nirguard.kms..")
          .layer("record")
          .definedBy("io.github.nirguard.record..")
          .layer("policy")
          .definedBy("io.github.nirguard.policy..")
          .layer("protect")
          .definedBy("io.github.nirguard.protect..")
          .layer("risk")
          .definedBy("io.github.nirguard.risk..")
          .layer("csv")
          .definedBy("io.github.nirguard.csv..")
          .layer("guard")
          .definedBy("io.github.nirguard.guard..")
          .layer("cli")
          .definedBy("io.github.nirguard.cli..")
          .whereLayer("core")
          .mayNotAccessAnyLayer()
          .whereLayer("validate")
          .mayOnlyAccessLayers("core")
          .whereLayer("samples")
          .mayOnlyAccessLayers("core")
          .whereLayer("testkit")
          .mayOnlyAccessLayers("samples", "core")
          .whereLayer("crypto")
          .mayOnlyAccessLayers("core")
          .whereLayer("kms")
          .mayOnlyAccessLayers("crypto", "core")
          .whereLayer("record")
          .mayOnlyAccessLayers("core")
          .whereLayer("policy")
          .mayOnlyAccessLayers("record", "crypto", "validate", "core")
          .whereLayer("protect")
          .mayOnlyAccessLayers("policy", "record", "crypto", "validate", "core")
          .whereLayer("risk")
          .mayOnlyAccessLayers("policy", "record", "core")
          .whereLayer("csv")
          .mayOnlyAccessLayers("risk", "protect", "policy", "record", "crypto", "validate", "core")
          .whereLayer("guard")
          .mayOnlyAccessLayers("crypto", "validate", "core")
          .whereLayer("cli")
          .mayOnlyAccessLayers(
              "csv",
              "risk",
              "protect",
              "policy",
              "record",
              "crypto",
              "validate",
              "samples",
              "core");

  /** Also within a module: no package cycles (crypto → crypto.fpe, never back). */
  /**
   * No package cycles, but one on purpose: nir-core's API package lends {@code core.internal} its
   * scanner and the {@code Nir} constructor ({@code NirProfile} installs {@code ScanStatus.Door}),
   * so that neither is public, and uses its status word in return. That edge, from {@code core} to
   * {@code core.internal}, is the only one not counted.
   */
  @ArchTest
  static final ArchRule no_package_cycles =
      slices()
          .matching("io.github.nirguard.(**)")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage("io.github.nirguard.core"),
              JavaClass.Predicates.resideInAPackage("io.github.nirguard.core.internal"));

  /**
   * Tink is nir-crypto's implementation detail: other modules go through nir-crypto's API. nir-kms
   * is the exception by design: it plugs Tink's KMS integrations (their {@code Aead}s) into
   * nir-crypto's {@code KmsProvider}.
   */
  @ArchTest
  static final ArchRule only_crypto_uses_tink =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.github.nirguard.crypto..", "io.github.nirguard.kms..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.google.crypto.tink..")
          .because("nir-crypto wraps Tink");

  /** What a policy does with a column is the row engine's business and its consumers'. */
  @ArchTest
  static final ArchRule only_policy_consumers_know_actions =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.github.nirguard.policy",
              "io.github.nirguard.protect",
              "io.github.nirguard.risk",
              "io.github.nirguard.csv",
              "io.github.nirguard.cli")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Action.class);

  /** The testkit (synthetic NIRs, lab exports) is a test dependency, never a main one. */
  @ArchTest
  static final ArchRule main_code_does_not_use_the_testkit =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.github.nirguard.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.github.nirguard.testkit..")
          .because("the testkit is test scope; demo data comes from nir-samples");

  /** nir-crypto's internals stay inside nir-crypto (the module does not export the package). */
  @ArchTest
  static final ArchRule crypto_internals_stay_in_crypto =
      classes()
          .that()
          .resideInAPackage("io.github.nirguard.crypto.internal..")
          .should()
          .onlyHaveDependentClassesThat()
          .resideInAPackage("io.github.nirguard.crypto..")
          .allowEmptyShould(true);

  /**
   * nir-core's status word stays between nir-core and nir-validate's bulk path (the module exports
   * the package to nir-validate only).
   */
  @ArchTest
  static final ArchRule core_internals_stay_in_core_and_validate =
      classes()
          .that()
          .resideInAPackage("io.github.nirguard.core.internal..")
          .should()
          .onlyHaveDependentClassesThat()
          .resideInAnyPackage("io.github.nirguard.core..", "io.github.nirguard.validate..");
}
