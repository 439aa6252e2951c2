package io.github.nirguard.validate;

import io.github.nirguard.core.BirthPlace;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-checks a NIR against the sex and birth date of the record that carries it.
 *
 * <p>Pseudo-fictitious months (31–42) are compared as month − 30; unknown months (20–30, 50–99)
 * match any month; a Corsica code that contradicts the birth year is only a warning.
 *
 * <pre>{@code
 * Set<Mismatch> issues = CrossCheck.of(Nir.parse("2 55 08 14 168 025 38"), Sex.FEMALE, LocalDate.of(1955, 8, 3));
 * issues.isEmpty();   // true
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CrossCheck {
  private CrossCheck() {}

  /**
   * Compares a NIR with a recorded sex and birth date.
   *
   * @param nir the NIR
   * @param sex the recorded sex, or null if not recorded
   * @param birthDate the recorded birth date, or null if not recorded
   * @return the mismatches and warnings, empty when all agree (unmodifiable)
   */
  public static Set<Mismatch> of(Nir nir, Sex sex, LocalDate birthDate) {
    Objects.requireNonNull(nir, "nir");
    EnumSet<Mismatch> found = EnumSet.noneOf(Mismatch.class);
    if (sex != null && sex != Sex.UNSPECIFIED && nir.sex() != sex) {
      found.add(Mismatch.SEX_MISMATCH);
    }
    if (birthDate != null) {
      if (birthDate.getYear() % 100 != nir.birthYear()) {
        found.add(Mismatch.BIRTH_YEAR_MISMATCH);
      }
      if (!nir.birthMonth().admits(birthDate.getMonthValue())) {
        found.add(Mismatch.BIRTH_MONTH_MISMATCH);
      }
      if (nir.birthPlace() instanceof BirthPlace.Corsica) {
        boolean before = ((BirthPlace.Corsica) nir.birthPlace()).beforeDivision();
        if (!before && birthDate.getYear() < 1976) {
          found.add(Mismatch.CORSICA_LETTER_BEFORE_1976);
        } else if (before && birthDate.getYear() >= 1976) {
          found.add(Mismatch.CORSICA_20_FROM_1976);
        }
      }
    }
    return found.isEmpty() ? Set.of() : Collections.unmodifiableSet(found);
  }
}
