package io.github.nirguard.policy;

import java.util.Locale;

/**
 * What to do with a row whose NIR (or other typed value) is invalid.
 *
 * <pre>{@code
 * OnInvalid.named("drop-value");   // DROP_VALUE
 * }</pre>
 *
 * @since 0.1.0
 */
public enum OnInvalid {
  /** Leave the row out of the output and list it in the report (row number and reason only). */
  REJECT_ROW("reject"),
  /** Keep the row with the invalid value emptied. */
  DROP_VALUE("drop-value"),
  /** Stop at the first invalid value; nothing is written. */
  STOP("stop");

  private final String label;

  OnInvalid(String label) {
    this.label = label;
  }

  /**
   * Returns the label used in policy files and on the command line.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns the strategy of a label ({@code drop-nir} is accepted for {@code drop-value}).
   *
   * @param label the label
   * @return the strategy
   */
  public static OnInvalid named(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    if (l.equals("drop-nir")) {
      return DROP_VALUE;
    }
    for (OnInvalid o : values()) {
      if (o.label.equals(l)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy '" + label + "' (expected reject, drop-value or stop)");
  }
}
