package io.github.nirguard.policy;

import java.util.Locale;

/**
 * What to do when a NIR is still found, after protection, in a cell the policy writes from clear
 * text (kept, masked, generalised or scanned columns): the whole-file safety net of {@code
 * on-leak}.
 *
 * <pre>{@code
 * OnLeak.named("reject-row");   // REJECT_ROW
 * }</pre>
 *
 * @since 0.1.0
 */
public enum OnLeak {
  /** Stop the run: nothing is written (the default: fail closed). */
  FAIL("fail"),
  /** Leave the row out of the output and list it in the report ({@code NIR_IN_CLEAR}). */
  REJECT_ROW("reject-row");

  private final String label;

  OnLeak(String label) {
    this.label = label;
  }

  /**
   * Returns the label used in policy files.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns the strategy of a label.
   *
   * @param label {@code fail} or {@code reject-row}
   * @return the strategy
   * @throws IllegalArgumentException for another label
   */
  public static OnLeak named(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (OnLeak o : values()) {
      if (o.label.equals(l)) {
        return o;
      }
    }
    throw new IllegalArgumentException("on-leak must be fail or reject-row");
  }
}
