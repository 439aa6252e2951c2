package io.github.nirguard.samples.draw;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A synthetic person: a NIR with names, a birth date and a sex; masked when printed.
 *
 * <pre>{@code
 * Person p = NeverReal.person(new SplittableRandom(1L));
 * p.toString();   // Person[nir=2 64 13 •• ••• ••• ••, sex=FEMALE, name=•••, birthDate=•••]
 * }</pre>
 *
 * @param nir the NIR
 * @param lastName the last name
 * @param firstName the first name
 * @param birthDate the birth date
 * @param sex the sex
 * @since 0.1.0
 */
public record Person(Nir nir, String lastName, String firstName, LocalDate birthDate, Sex sex) {

  /**
   * Checks that no field is null.
   *
   * @param nir the NIR
   * @param lastName the last name
   * @param firstName the first name
   * @param birthDate the birth date
   * @param sex the sex
   */
  public Person {
    Objects.requireNonNull(nir, "nir");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(sex, "sex");
  }

  /**
   * Returns a description with the masked NIR and the sex only.
   *
   * @return a description that reveals no name, no birth date and no hidden NIR digit
   */
  @Override
  public String toString() {
    return "Person[nir=" + nir.masked() + ", sex=" + sex + ", name=•••, birthDate=•••]";
  }
}
