package io.github.nirguard.record;

import java.util.Objects;

/**
 * A named, typed field of a record schema, with its sensitivity class.
 *
 * <pre>{@code
 * FieldSpec phone = FieldSpec.of("phone", FieldType.PHONE);   // DIRECT_IDENTIFIER
 * }</pre>
 *
 * @param name the field (column) name
 * @param type the type
 * @param sensitivity the sensitivity class
 * @since 0.1.0
 */
public record FieldSpec(String name, FieldType type, Sensitivity sensitivity) {
  /**
   * Validates the parts.
   *
   * @param name non-blank, without control characters
   * @param type the type
   * @param sensitivity the sensitivity
   */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sensitivity, "sensitivity");
    if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "field names must be non-blank, without control characters");
    }
  }

  /**
   * Returns a field with its type's default sensitivity.
   *
   * @param name the name
   * @param type the type
   * @return the field
   */
  public static FieldSpec of(String name, FieldType type) {
    return new FieldSpec(name, type, type.sensitivity());
  }
}
