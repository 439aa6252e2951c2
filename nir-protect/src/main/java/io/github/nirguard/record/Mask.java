package io.github.nirguard.record;

import io.github.nirguard.core.Nir;

/**
 * Masking of single values, what the {@code mask} policy action writes: enough left to recognise a
 * value by eye, not to identify anyone.
 *
 * <pre>{@code
 * Mask.mask("Durand", FieldType.NAME);                 // "D•••"
 * Mask.mask("06 39 98 12 34", FieldType.PHONE);        // "•• •• •• •• 34"
 * Mask.mask("255081416802538", FieldType.NIR);         // "2 55 08 •• ••• ••• ••"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Mask {
  private Mask() {}

  /**
   * Masks a value of a type.
   *
   * @param s the value
   * @param type its type
   * @return the masked value ({@code •••} for types without a partial mask); empty stays empty
   */
  public static String mask(String s, FieldType type) {
    if (s.isEmpty()) {
      return s;
    }
    switch (type) {
      case NIR:
        return Nir.tryParse(s).map(Nir::masked).orElse("•••");
      case NAME:
        return s.substring(0, s.offsetByCodePoints(0, 1)) + "•••";
      case PHONE:
        String digits = s.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? "•••" : "•• •• •• •• " + digits.substring(digits.length() - 2);
      case EMAIL:
        int at = s.indexOf('@');
        return at <= 0
            ? "•••"
            : s.substring(0, s.offsetByCodePoints(0, 1)) + "•••" + s.substring(at);
      default:
        return "•••";
    }
  }
}
