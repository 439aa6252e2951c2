package io.github.nirguard.crypto;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A beneficiary as health-insurance data names them: the NIR of the insured person who opens the
 * rights (the <i>ouvrant droit</i>), the beneficiary's birth date and sex, and, for twins, their
 * rank. The input of {@link BeneficiaryPseudonyms#beneficiary(Beneficiary)}.
 *
 * <p>A child covered by a parent shares the parent's NIR here: only the birth date, the sex and the
 * twin rank tell two children of one insured person apart. Twins of the same sex born the same day
 * are told apart by the rank alone, which is why {@link BeneficiaryPseudonym#twinRankGiven()} is
 * reported.
 *
 * <p>A NIR that is not strictly valid (a provisional number with sex digit 7 or 8, a never-real
 * test NIR) or that the source system marks as fictitious ({@link #withFictitiousNir()}) never
 * links anyone: its pseudonym comes from a separate, random domain.
 *
 * <pre>{@code
 * Beneficiary child = Beneficiary.of(parentNir, LocalDate.of(2014, 3, 2), Sex.FEMALE).withTwinRank(2);
 * BeneficiaryPseudonym p = pseudonyms.beneficiary(child);
 * }</pre>
 *
 * <p>Immutable, compared by value; {@link #toString()} masks the NIR and hides the birth date.
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class Beneficiary {
  private final Nir openingRightsNir;
  private final LocalDate birthDate;
  private final Sex sex;
  private final int twinRank;
  private final boolean declaredFictitious;

  private Beneficiary(
      Nir openingRightsNir, LocalDate birthDate, Sex sex, int twinRank, boolean fictitious) {
    this.openingRightsNir = Objects.requireNonNull(openingRightsNir, "openingRightsNir");
    this.birthDate = Objects.requireNonNull(birthDate, "birthDate");
    this.sex = Objects.requireNonNull(sex, "sex");
    if (twinRank < 0 || twinRank > 9) {
      throw new IllegalArgumentException("twin rank must be 0 (none) or 1 to 9");
    }
    this.twinRank = twinRank;
    this.declaredFictitious = fictitious;
  }

  /**
   * Creates a beneficiary without a twin rank.
   *
   * @param openingRightsNir the NIR of the insured person who opens the rights (the beneficiary's
   *     own NIR when they are insured themselves)
   * @param birthDate the beneficiary's birth date
   * @param sex the beneficiary's sex
   * @return the beneficiary
   */
  public static Beneficiary of(Nir openingRightsNir, LocalDate birthDate, Sex sex) {
    return new Beneficiary(openingRightsNir, birthDate, sex, 0, false);
  }

  /**
   * Returns this beneficiary with a twin rank (the order of birth among twins of one birth).
   *
   * @param rank 1 to 9, or 0 for none
   * @return the beneficiary with that rank
   * @throws IllegalArgumentException if the rank is out of range
   */
  public Beneficiary withTwinRank(int rank) {
    return new Beneficiary(openingRightsNir, birthDate, sex, rank, declaredFictitious);
  }

  /**
   * Returns this beneficiary with its NIR marked fictitious or provisional by the source system
   * (e.g. a code beside the NIR), whatever the NIR looks like.
   *
   * @return the beneficiary, marked
   */
  public Beneficiary withFictitiousNir() {
    return new Beneficiary(openingRightsNir, birthDate, sex, twinRank, true);
  }

  /**
   * Returns the NIR of the insured person who opens the rights.
   *
   * @return the NIR
   */
  public Nir openingRightsNir() {
    return openingRightsNir;
  }

  /**
   * Returns the beneficiary's birth date.
   *
   * @return the date
   */
  public LocalDate birthDate() {
    return birthDate;
  }

  /**
   * Returns the beneficiary's sex.
   *
   * @return the sex
   */
  public Sex sex() {
    return sex;
  }

  /**
   * Returns the twin rank, {@code 0} when none is given.
   *
   * @return 0 to 9
   */
  public int twinRank() {
    return twinRank;
  }

  /**
   * Returns whether the NIR must never link: marked fictitious, or not a strictly valid NIR.
   *
   * @return {@code true} for a fictitious or provisional NIR
   */
  public boolean fictitious() {
    return declaredFictitious || isFictitious(openingRightsNir);
  }

  /** Whether a NIR, unmarked, still never links: anything the strict rules refuse. */
  static boolean isFictitious(Nir nir) {
    return !NirProfile.STRICT.test(nir.compact());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Beneficiary b
        && b.openingRightsNir.equals(openingRightsNir)
        && b.birthDate.equals(birthDate)
        && b.sex == sex
        && b.twinRank == twinRank
        && b.declaredFictitious == declaredFictitious;
  }

  @Override
  public int hashCode() {
    return Objects.hash(openingRightsNir, birthDate, sex, twinRank, declaredFictitious);
  }

  /**
   * Returns the masked NIR, the sex and the rank; never the birth date.
   *
   * @return e.g. {@code Beneficiary[1 85 05 •• ••• ••• ••, FEMALE, rank 2]}
   */
  @Override
  public String toString() {
    return "Beneficiary["
        + openingRightsNir.masked()
        + ", "
        + sex
        + (twinRank == 0 ? "" : ", rank " + twinRank)
        + (declaredFictitious ? ", marked fictitious" : "")
        + "]";
  }
}
