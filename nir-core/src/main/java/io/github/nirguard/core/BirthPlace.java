package io.github.nirguard.core;

/**
 * The place-of-birth field of a NIR (indexes 5–9), as a closed set of kinds.
 *
 * <pre>{@code
 * switch (nir.birthPlace()) {   // with pattern matching, or instanceof before Java 21
 *   case BirthPlace.Abroad a -> a.country();
 *   ...
 * }
 * if (nir.birthPlace() instanceof BirthPlace.Overseas o) { o.department(); }   // "973"
 * }</pre>
 *
 * <p>{@code toString()} masks the commune: with the birth date it narrows a person down.
 *
 * @since 0.1.0
 */
public sealed interface BirthPlace
    permits BirthPlace.Mainland,
        BirthPlace.Corsica,
        BirthPlace.Overseas,
        BirthPlace.Abroad,
        BirthPlace.Unrecognized {

  /**
   * Returns the five characters of the field as written in the NIR (e.g. {@code 2A073}).
   *
   * @return the code
   */
  String code();

  /**
   * Born in mainland France (or, for 91–96, in Algeria, Morocco or Tunisia before independence).
   *
   * <pre>{@code
   * Nir.parse("2 55 08 14 168 025 38").birthPlace();   // Mainland[department=14, commune=•••]
   * }</pre>
   *
   * @param department two digits, {@code 01}–{@code 96} except {@code 20}
   * @param commune three digits
   * @since 0.1.0
   */
  record Mainland(String department, String commune) implements BirthPlace {
    @Override
    public String code() {
      return department + commune;
    }

    @Override
    public String toString() {
      return "Mainland[department=" + department + ", commune=•••]";
    }
  }

  /**
   * Born in Corsica: {@code 2A} or {@code 2B} from 1976, {@code 20} before.
   *
   * <pre>{@code
   * if (nir.birthPlace() instanceof BirthPlace.Corsica c && c.beforeDivision()) { ... }   // "20"
   * }</pre>
   *
   * @param department {@code 2A}, {@code 2B} or {@code 20}
   * @param commune three digits
   * @since 0.1.0
   */
  record Corsica(String department, String commune) implements BirthPlace {
    @Override
    public String code() {
      return department + commune;
    }

    /**
     * Returns whether the department is the pre-1976 {@code 20}.
     *
     * @return {@code true} for {@code 20}
     */
    public boolean beforeDivision() {
      return department.equals("20");
    }

    @Override
    public String toString() {
      return "Corsica[department=" + department + ", commune=•••]";
    }
  }

  /**
   * Born overseas: a three-digit department {@code 971}–{@code 978} or {@code 984}–{@code 988}.
   *
   * <pre>{@code
   * if (nir.birthPlace() instanceof BirthPlace.Overseas o) { o.department(); }   // e.g. "973"
   * }</pre>
   *
   * @param department three digits
   * @param commune two digits
   * @since 0.1.0
   */
  record Overseas(String department, String commune) implements BirthPlace {
    @Override
    public String code() {
      return department + commune;
    }

    @Override
    public String toString() {
      return "Overseas[department=" + department + ", commune=••]";
    }
  }

  /**
   * Born abroad: {@code 99} then the INSEE country code.
   *
   * <pre>{@code
   * if (nir.birthPlace() instanceof BirthPlace.Abroad a) { a.country(); }   // e.g. "109"
   * }</pre>
   *
   * @param country three digits, e.g. {@code 109} for Germany
   * @since 0.1.0
   */
  record Abroad(String country) implements BirthPlace {
    @Override
    public String code() {
      return "99" + country;
    }

    @Override
    public String toString() {
      return "Abroad[country=" + country + "]";
    }
  }

  /**
   * A field no structural rule accepts (department {@code 00}, {@code 970}, …); only a {@link
   * NirProfile#CHECKSUM_ONLY} parse yields it.
   *
   * <pre>{@code
   * Nir n = NirProfile.CHECKSUM_ONLY.parse(text);
   * if (n.birthPlace() instanceof BirthPlace.Unrecognized u) { u.code(); }   // e.g. department 00
   * }</pre>
   *
   * @param code the five characters
   * @since 0.1.0
   */
  record Unrecognized(String code) implements BirthPlace {
    @Override
    public String toString() {
      return "Unrecognized[•••••]";
    }
  }
}
