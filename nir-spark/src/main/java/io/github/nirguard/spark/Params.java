package io.github.nirguard.spark;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.record.Generalize;
import io.github.nirguard.validate.NirValidator;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of the Spark functions, read by the library's own parsers. Unlike data, a missing
 * or unknown purpose, scheme, mode, profile, granularity or FPE key id fails the query, with a
 * message naming the parameter (never a value), because silently nulling a billion rows is worse.
 */
final class Params {
  private Params() {}

  static NirValidator profile(@Nullable String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the profile is missing");
    }
    try {
      return NirValidator.named(name); // the one parser of profile names
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nirguard: " + e.getMessage());
    }
  }

  static NirFpe.Mode mode(@Nullable String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the FPE mode is missing");
    }
    try {
      return NirFpe.Mode.named(name); // the one parser of FPE mode names
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nirguard: " + e.getMessage());
    }
  }

  static Token.Scheme scheme(@Nullable String name) {
    if (name == null) {
      throw new IllegalArgumentException("nirguard: the scheme is missing");
    }
    Token.Scheme scheme;
    try {
      scheme = Token.Scheme.named(name); // the one parser of scheme names
    } catch (IllegalArgumentException e) {
      scheme = Token.Scheme.KEYED;
    }
    if (scheme == Token.Scheme.KEYED) {
      throw new IllegalArgumentException(
          "nirguard: unknown reversible token scheme (expected prp or siv)");
    }
    return scheme;
  }

  static boolean yearOnly(@Nullable String granularity) {
    if (granularity == null) {
      throw new IllegalArgumentException("nirguard: the granularity is missing");
    }
    Generalize.Granularity g;
    try {
      g = Generalize.Granularity.named(granularity); // the one parser of granularity names
    } catch (IllegalArgumentException e) {
      g = Generalize.Granularity.DEPARTMENT;
    }
    if (g != Generalize.Granularity.YEAR && g != Generalize.Granularity.YEAR_MONTH) {
      throw new IllegalArgumentException(
          "nirguard: unknown granularity (expected year or year-month)");
    }
    return g == Generalize.Granularity.YEAR;
  }

  static String purpose(String purpose) {
    return Purpose.check(purpose);
  }

  /**
   * A key id as {@code nir keys list} and {@code nir_fpe_key_id} print it: exactly 8 hex digits.
   * The message never repeats the text: a key id column could hold anything.
   */
  static int keyId(@Nullable String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("nirguard: the FPE key id is missing");
    }
    if (hex.length() != 8
        || !hex.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) { // ASCII only
      throw new IllegalArgumentException(
          "nirguard: malformed FPE key id (expected 8 hex digits, as nir keys list and nir_fpe_key_id give it)");
    }
    return Integer.parseUnsignedInt(hex, 16);
  }
}
