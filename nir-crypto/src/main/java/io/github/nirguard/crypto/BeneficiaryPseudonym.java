package io.github.nirguard.crypto;

import java.util.Objects;

/**
 * A pseudonym of a person or of a beneficiary, with what a data user must know about it: whether it
 * came from a fictitious NIR (it links nothing) and whether a twin rank went into it.
 *
 * <pre>{@code
 * BeneficiaryPseudonym p = pseudonyms.beneficiary(child);
 * String cell = p.value();                 // nt1.<key id>.<26 chars>, or nf1.<26 chars> if fictitious
 * if (p.kind() == BeneficiaryPseudonym.Kind.FICTITIOUS) { ... }   // never join on it
 * }</pre>
 *
 * <p>Immutable, compared by value (the kind, the rank flag and the value); {@link #toString()}
 * hides the value's random part: a pseudonym is still personal data.
 *
 * @since 0.1.0
 */
public final class BeneficiaryPseudonym {
  /** The prefix of pseudonyms of fictitious NIRs; random, they never repeat. */
  static final String FICTITIOUS_PREFIX = "nf1.";

  /**
   * What a pseudonym stands for.
   *
   * <pre>{@code
   * if (p.kind() == BeneficiaryPseudonym.Kind.FICTITIOUS) skipJoin();
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** A person's own NIR: the individual pseudonym. */
    PERSON,
    /** A beneficiary: the opening-rights NIR, birth date, sex and (optional) twin rank. */
    BENEFICIARY,
    /** A fictitious or provisional NIR: a fresh random value that links to nothing. */
    FICTITIOUS
  }

  private final String value;
  private final Kind kind;
  private final boolean twinRankGiven;

  private BeneficiaryPseudonym(String value, Kind kind, boolean twinRankGiven) {
    this.value = value;
    this.kind = kind;
    this.twinRankGiven = twinRankGiven;
  }

  static BeneficiaryPseudonym of(String value, Kind kind, boolean twinRankGiven) {
    return new BeneficiaryPseudonym(value, kind, twinRankGiven);
  }

  /**
   * Returns the value to store: a keyed token ({@code nt1.…}) or, for a fictitious NIR, {@code
   * nf1.} and 26 random base32 characters.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Returns what the pseudonym stands for.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns whether a twin rank went into a {@link Kind#BENEFICIARY} pseudonym. When it did not,
   * same-sex twins of one insured person share the pseudonym; {@link Crosswalk#collisions()} finds
   * those that a crosswalk can tell apart.
   *
   * @return {@code true} iff a rank 1–9 was given
   */
  public boolean twinRankGiven() {
    return twinRankGiven;
  }

  /**
   * Returns whether the pseudonym may be joined on: {@code false} for a fictitious NIR.
   *
   * @return {@code true} unless {@link Kind#FICTITIOUS}
   */
  public boolean linkable() {
    return kind != Kind.FICTITIOUS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BeneficiaryPseudonym p
        && p.value.equals(value)
        && p.kind == kind
        && p.twinRankGiven == twinRankGiven;
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, kind, twinRankGiven);
  }

  /**
   * Returns the kind and the value's scheme and key id, never its random part.
   *
   * @return e.g. {@code BeneficiaryPseudonym[BENEFICIARY, nt1.0a1b2c3d.…, rank]}
   */
  @Override
  public String toString() {
    int shown = kind == Kind.FICTITIOUS ? FICTITIOUS_PREFIX.length() : Math.min(13, value.length());
    return "BeneficiaryPseudonym["
        + kind
        + ", "
        + value.substring(0, shown)
        + "…"
        + (twinRankGiven ? ", rank" : "")
        + "]";
  }
}
