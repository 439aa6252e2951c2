package io.github.nirguard.record;

/**
 * How much a field says about a person, which decides its default protection.
 *
 * <pre>{@code
 * FieldType.NAME.sensitivity();   // DIRECT_IDENTIFIER
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Sensitivity {
  /** Identifies a person on its own: NIR, names, phone, e-mail, address. */
  DIRECT_IDENTIFIER,
  /** Identifies a person in combination: birth date, sex, postcode, commune. */
  QUASI_IDENTIFIER,
  /** Health data: coverage rights (ALD, C2S), blood group, lab results. */
  HEALTH,
  /** Anything else. */
  OTHER
}
