package io.github.nirguard.testkit;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A synthetic identity record: a NIR with a name, a birth date and a sex; immutable, compared by
 * value, masked when printed.
 *
 * <p>{@link Records} generates records whose sex and birth date agree with the NIR; the {@code
 * with...} methods derive records that disagree, to test cross-checks. {@link #toString()} shows no
 * name, no birth date and no NIR digits beyond {@link Nir#masked()}.
 *
 * <pre>{@code
 * SyntheticRecord r = Records.synthetic().sample(7L, 1).get(0);
 * r.nir().sex() == r.sex();                                  // true
 * SyntheticRecord wrong = r.withBirthDate(r.birthDate().plusYears(1));   // disagrees
 * r.toString();
 * // SyntheticRecord[nir=2 55 08 •• ••• ••• ••, sex=FEMALE, name=•••, birthDate=•••]
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SyntheticRecord {
  private final Nir nir;
  private final String lastName;
  private final String firstName;
  private final LocalDate birthDate;
  private final Sex sex;

  /**
   * Creates a record; nothing is cross-checked, so a test may build a deliberately inconsistent
   * one.
   *
   * @param nir the NIR
   * @param lastName the last name
   * @param firstName the first name
   * @param birthDate the birth date
   * @param sex the sex
   * @throws NullPointerException if any argument is null
   */
  public SyntheticRecord(Nir nir, String lastName, String firstName, LocalDate birthDate, Sex sex) {
    this.nir = Objects.requireNonNull(nir, "nir");
    this.lastName = Objects.requireNonNull(lastName, "lastName");
    this.firstName = Objects.requireNonNull(firstName, "firstName");
    this.birthDate = Objects.requireNonNull(birthDate, "birthDate");
    this.sex = Objects.requireNonNull(sex, "sex");
  }

  /**
   * Returns the NIR.
   *
   * @return the NIR
   */
  public Nir nir() {
    return nir;
  }

  /**
   * Returns the last name.
   *
   * @return the last name
   */
  public String lastName() {
    return lastName;
  }

  /**
   * Returns the first name.
   *
   * @return the first name
   */
  public String firstName() {
    return firstName;
  }

  /**
   * Returns the birth date.
   *
   * @return the birth date
   */
  public LocalDate birthDate() {
    return birthDate;
  }

  /**
   * Returns the sex.
   *
   * @return the sex
   */
  public Sex sex() {
    return sex;
  }

  /**
   * Returns a copy with another NIR.
   *
   * @param other the NIR
   * @return the new record
   */
  public SyntheticRecord withNir(Nir other) {
    return new SyntheticRecord(other, lastName, firstName, birthDate, sex);
  }

  /**
   * Returns a copy with another birth date.
   *
   * @param other the birth date
   * @return the new record
   */
  public SyntheticRecord withBirthDate(LocalDate other) {
    return new SyntheticRecord(nir, lastName, firstName, other, sex);
  }

  /**
   * Returns a copy with another sex.
   *
   * @param other the sex
   * @return the new record
   */
  public SyntheticRecord withSex(Sex other) {
    return new SyntheticRecord(nir, lastName, firstName, birthDate, other);
  }

  /**
   * Compares all five fields.
   *
   * @param o another object
   * @return {@code true} if it is a record with equal fields
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SyntheticRecord)) {
      return false;
    }
    SyntheticRecord r = (SyntheticRecord) o;
    return nir.equals(r.nir)
        && lastName.equals(r.lastName)
        && firstName.equals(r.firstName)
        && birthDate.equals(r.birthDate)
        && sex == r.sex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nir, lastName, firstName, birthDate, sex);
  }

  /**
   * Returns a description with the masked NIR and the sex only, e.g. {@code SyntheticRecord[nir=2
   * 55 08 •• ••• ••• ••, sex=FEMALE, name=•••, birthDate=•••]}.
   *
   * @return a description that reveals no name, no birth date and no hidden NIR digit
   */
  @Override
  public String toString() {
    return "SyntheticRecord[nir=" + nir.masked() + ", sex=" + sex + ", name=•••, birthDate=•••]";
  }
}
