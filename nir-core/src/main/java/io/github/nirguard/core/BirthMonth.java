package io.github.nirguard.core;

import java.util.OptionalInt;

/**
 * The two-digit month field of a NIR and what it says about the real month of birth.
 *
 * <pre>{@code
 * BirthMonth m = Nir.parse("141330109002285").birthMonth();
 * m.kind();        // PSEUDO_FICTITIOUS
 * m.realMonth();   // OptionalInt[3]
 * }</pre>
 *
 * @param code the field as written, 0–99
 * @since 0.1.0
 */
public record BirthMonth(int code) {

  /**
   * The kinds of month field.
   *
   * <pre>{@code
   * new BirthMonth(8).kind();    // KNOWN
   * new BirthMonth(34).kind();   // PSEUDO_FICTITIOUS: born in April
   * new BirthMonth(15).kind();   // NONSTANDARD: the never-real test NIRs of nir-testkit
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** {@code 01}–{@code 12}: the real month. */
    KNOWN,
    /** {@code 31}–{@code 42}: a pseudo-fictitious number; the real month is the value − 30. */
    PSEUDO_FICTITIOUS,
    /** {@code 20}–{@code 30} and {@code 50}–{@code 99}: month unknown. */
    UNKNOWN,
    /**
     * {@code 00}, {@code 13}–{@code 19}, {@code 43}–{@code 49}: not allowed by the strict rules.
     */
    NONSTANDARD
  }

  /**
   * Validates the range.
   *
   * @param code the field as written, 0–99
   */
  public BirthMonth {
    if (code < 0 || code > 99) {
      throw new IllegalArgumentException("month field out of range 00-99");
    }
  }

  /**
   * Returns the kind of this field.
   *
   * @return the kind
   */
  public Kind kind() {
    return kindOf(code);
  }

  static Kind kindOf(int code) {
    if (code >= 1 && code <= 12) {
      return Kind.KNOWN;
    }
    if (code >= 31 && code <= 42) {
      return Kind.PSEUDO_FICTITIOUS;
    }
    if ((code >= 20 && code <= 30) || code >= 50) {
      return Kind.UNKNOWN;
    }
    return Kind.NONSTANDARD;
  }

  /**
   * Returns the real month of birth, 1–12, when the field tells it.
   *
   * @return the month, or empty when unknown or nonstandard
   */
  public OptionalInt realMonth() {
    switch (kind()) {
      case KNOWN:
        return OptionalInt.of(code);
      case PSEUDO_FICTITIOUS:
        return OptionalInt.of(code - 30);
      default:
        return OptionalInt.empty();
    }
  }

  /**
   * Returns whether a real month of birth is consistent with this field: equal for known and
   * pseudo-fictitious months, always for unknown ones, never for nonstandard ones.
   *
   * @param month a real month, 1–12
   * @return {@code true} if consistent
   */
  public boolean admits(int month) {
    Kind kind = kind();
    if (kind == Kind.UNKNOWN) {
      return true;
    }
    OptionalInt real = realMonth();
    return real.isPresent() && real.getAsInt() == month;
  }

  /**
   * Returns the field with its kind, e.g. {@code BirthMonth[05, KNOWN]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "BirthMonth[" + (code < 10 ? "0" : "") + code + ", " + kind() + "]";
  }
}
