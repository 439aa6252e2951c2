package io.github.nirguard.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * The current exceptions to {@link ArchitectureTest}'s rules: one class each, with the reason and
 * the fix. {@link KnownViolationsTest} fails as soon as an exception is no longer needed: then delete
 * the constant and its use in the rule.
 */
enum KnownViolations {

  /** EnumerationGuard builds its PRF from a Tink keyset itself; moving that into nir-crypto is under way. */
  GUARD_USES_TINK("io.github.nirguard.guard.EnumerationGuard", tink()),

  /** {@code nir demo} generates its lab export with the testkit; being replaced by a main-code generator. */
  CLI_DEMO_USES_TESTKIT("io.github.nirguard.cli.DemoCommand", testkit());

  /** The testkit's packages. */
  static final DescribedPredicate<JavaClass> TESTKIT = testkit();

  private final String originClass;
  private final DescribedPredicate<JavaClass> target;

  KnownViolations(String originClass, DescribedPredicate<JavaClass> target) {
    this.originClass = originClass;
    this.target = target;
  }

  /** The offending class and its nested classes. */
  DescribedPredicate<JavaClass> origin() {
    return DescribedPredicate.describe(
        originClass + " (known violation " + name() + ")",
        c -> c.getName().equals(originClass) || c.getName().startsWith(originClass + "$"));
  }

  String originClass() {
    return originClass;
  }

  /** What the offending class may (for now) depend on. */
  DescribedPredicate<JavaClass> target() {
    return target;
  }

  private static DescribedPredicate<JavaClass> testkit() {
    return JavaClass.Predicates.resideInAPackage("io.github.nirguard.testkit..");
  }

  private static DescribedPredicate<JavaClass> tink() {
    return JavaClass.Predicates.resideInAPackage("com.google.crypto.tink..");
  }
}
