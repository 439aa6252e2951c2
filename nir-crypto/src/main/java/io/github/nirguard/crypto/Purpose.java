package io.github.nirguard.crypto;

import java.util.regex.Pattern;

/**
 * Purpose names: what a key is for, such as {@code research-42} or {@code lab-export}.
 *
 * <pre>{@code
 * Purpose.check("research-42");   // returns it; throws for "Research 42"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Purpose {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private Purpose() {}

  /**
   * Checks a purpose name: 1–64 characters, lowercase letters, digits, {@code .}, {@code _}, {@code
   * -}, starting with a letter or digit.
   *
   * @param purpose the name
   * @return the same name
   * @throws IllegalArgumentException if it is not a valid purpose name
   */
  public static String check(String purpose) {
    if (purpose == null || !NAME.matcher(purpose).matches()) {
      throw new IllegalArgumentException(
          "invalid purpose name (1-64 of a-z 0-9 . _ -, starting with a letter or digit)");
    }
    return purpose;
  }
}
