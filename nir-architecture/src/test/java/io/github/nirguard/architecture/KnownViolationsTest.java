package io.github.nirguard.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each exception in {@link KnownViolations} must still be needed: a fixed violation loses its pass. */
class KnownViolationsTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.nirguard");
  }

  @ParameterizedTest
  @EnumSource(KnownViolations.class)
  void exceptionIsStillNeeded(KnownViolations violation) {
    boolean stillViolates =
        classes.stream()
            .filter(violation.origin())
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .map(Dependency::getTargetClass)
            .anyMatch(violation.target());
    assertTrue(
        stillViolates,
        () ->
            violation.originClass()
                + " no longer depends on "
                + violation.target().getDescription()
                + ": delete KnownViolations."
                + violation.name()
                + " and its use in ArchitectureTest");
  }
}
