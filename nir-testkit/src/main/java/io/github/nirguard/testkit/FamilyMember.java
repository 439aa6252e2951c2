package io.github.nirguard.testkit;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One member of a synthetic {@link Family}: who opens their rights, their own NIR if they have one,
 * their birth date, sex and twin rank. Immutable, compared by value; {@link #toString()} masks the
 * NIRs and hides the birth date.
 *
 * <pre>{@code
 * FamilyMember m = family.members().get(2);
 * m.openingRightsNir();   // the insured parent's NIR for a child
 * m.ownNir();             // present once the child has moved to their own NIR
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FamilyMember {

  /**
   * The member's place in the family.
   *
   * <pre>{@code
   * boolean child = member.role() == FamilyMember.Role.CHILD;
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Role {
    /** The insured person who opens the rights. */
    INSURED,
    /** The insured person's spouse (covered on their own NIR or on the insured's). */
    SPOUSE,
    /** A child, covered on the insured person's NIR. */
    CHILD
  }

  private final Role role;
  private final Nir openingRightsNir;
  private final @Nullable Nir ownNir;
  private final LocalDate birthDate;
  private final Sex sex;
  private final int twinRank;
  private final boolean provisional;

  FamilyMember(
      Role role,
      Nir openingRightsNir,
      @Nullable Nir ownNir,
      LocalDate birthDate,
      Sex sex,
      int twinRank,
      boolean provisional) {
    this.role = Objects.requireNonNull(role, "role");
    this.openingRightsNir = Objects.requireNonNull(openingRightsNir, "openingRightsNir");
    this.ownNir = ownNir;
    this.birthDate = Objects.requireNonNull(birthDate, "birthDate");
    this.sex = Objects.requireNonNull(sex, "sex");
    this.twinRank = twinRank;
    this.provisional = provisional;
  }

  /**
   * Returns the member's role.
   *
   * @return the role
   */
  public Role role() {
    return role;
  }

  /**
   * Returns the NIR the member's rights are opened on (the insured person's for a child).
   *
   * @return the NIR
   */
  public Nir openingRightsNir() {
    return openingRightsNir;
  }

  /**
   * Returns the member's own NIR: always for the insured person and the spouse, for a child only
   * once they have moved to it.
   *
   * @return the NIR, or empty
   */
  public Optional<Nir> ownNir() {
    return Optional.ofNullable(ownNir);
  }

  /**
   * Returns the birth date.
   *
   * @return the date
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
   * Returns the twin rank: 1 or 2 for twins, 0 otherwise.
   *
   * @return the rank
   */
  public int twinRank() {
    return twinRank;
  }

  /**
   * Returns whether the opening-rights NIR is a provisional number (sex digit 7 or 8, valid only
   * under lenient rules): such a NIR must never link anyone.
   *
   * @return {@code true} for a provisional NIR
   */
  public boolean provisional() {
    return provisional;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FamilyMember m
        && m.role == role
        && m.openingRightsNir.equals(openingRightsNir)
        && Objects.equals(m.ownNir, ownNir)
        && m.birthDate.equals(birthDate)
        && m.sex == sex
        && m.twinRank == twinRank
        && m.provisional == provisional;
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, openingRightsNir, ownNir, birthDate, sex, twinRank, provisional);
  }

  /**
   * Returns the role, masked NIRs, sex and rank; never the birth date.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "FamilyMember["
        + role
        + ", rights on "
        + openingRightsNir.masked()
        + (ownNir == null ? "" : ", own " + ownNir.masked())
        + ", "
        + sex
        + (twinRank == 0 ? "" : ", twin " + twinRank)
        + (provisional ? ", provisional" : "")
        + "]";
  }
}
