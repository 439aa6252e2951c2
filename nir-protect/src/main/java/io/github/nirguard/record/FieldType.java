package io.github.nirguard.record;

import java.util.Locale;

/**
 * The type of a record field: what its values look like and its default sensitivity.
 *
 * <pre>{@code
 * FieldType t = FieldType.named("birth-date");   // BIRTH_DATE
 * }</pre>
 *
 * @since 0.1.0
 */
public enum FieldType {
  /** A NIR. */
  NIR(Sensitivity.DIRECT_IDENTIFIER),
  /** A last or first name. */
  NAME(Sensitivity.DIRECT_IDENTIFIER),
  /** A phone number. */
  PHONE(Sensitivity.DIRECT_IDENTIFIER),
  /** An e-mail address. */
  EMAIL(Sensitivity.DIRECT_IDENTIFIER),
  /** A postal address. */
  ADDRESS(Sensitivity.DIRECT_IDENTIFIER),
  /** A date of birth: {@code YYYY-MM-DD} or {@code DD/MM/YYYY}. */
  BIRTH_DATE(Sensitivity.QUASI_IDENTIFIER),
  /** Sex: {@code 1}/{@code 2}, {@code M}/{@code F}. */
  SEX(Sensitivity.QUASI_IDENTIFIER),
  /** A French postcode, 5 digits. */
  POSTCODE(Sensitivity.QUASI_IDENTIFIER),
  /** An INSEE commune code, 5 characters ({@code 2A004} in Corsica). */
  COMMUNE(Sensitivity.QUASI_IDENTIFIER),
  /**
   * An age in whole years ({@code 0} to {@code 150}).
   *
   * @since 0.1.0
   */
  AGE(Sensitivity.QUASI_IDENTIFIER),
  /** Whether a treating doctor is declared. */
  DOCTOR_DECLARED(Sensitivity.OTHER),
  /** 100 % coverage for a long-term illness (ALD). */
  ALD(Sensitivity.HEALTH),
  /** Solidarity top-up (complémentaire santé solidaire). */
  C2S(Sensitivity.HEALTH),
  /** Other health data: blood group, lab results. */
  HEALTH(Sensitivity.HEALTH),
  /** Free text. */
  TEXT(Sensitivity.OTHER);

  private final Sensitivity sensitivity;

  FieldType(Sensitivity sensitivity) {
    this.sensitivity = sensitivity;
  }

  /**
   * Returns the default sensitivity of fields of this type.
   *
   * @return the sensitivity
   */
  public Sensitivity sensitivity() {
    return sensitivity;
  }

  /**
   * Returns the lowercase, dashed name used in policy files, e.g. {@code birth-date}.
   *
   * @return the label
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns the type of a label such as {@code birth-date} or {@code BIRTH_DATE}.
   *
   * @param label the label
   * @return the type
   * @throws IllegalArgumentException for an unknown label
   */
  public static FieldType named(String label) {
    String n = label.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FieldType t : values()) {
      if (t.name().equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown field type '" + label + "'");
  }
}
