package io.github.nirguard.core;

/**
 * Thrown when a text is not a NIR under the profile used; carries a reason code and a position.
 *
 * <p>The message names the rule and the 0-based position in the input, never the input itself.
 *
 * <pre>{@code
 * try {
 *   Nir.parse(userInput);
 * } catch (NirFormatException e) {
 *   log(e.reason() + " at " + e.position());   // e.g. KEY_MISMATCH at 13
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final NirError reason;
  private final int position;

  /**
   * Creates an exception for a reason and a position.
   *
   * @param reason the stable reason code
   * @param position the 0-based position in the input where the problem was found
   */
  public NirFormatException(NirError reason, int position) {
    super(
        "not a valid NIR: "
            + reason.description()
            + " ("
            + reason.name()
            + " at position "
            + position
            + ")");
    this.reason = reason;
    this.position = position;
  }

  /**
   * Returns the stable reason code.
   *
   * @return the reason
   */
  public NirError reason() {
    return reason;
  }

  /**
   * Returns the 0-based position in the input where the problem was found.
   *
   * @return the position (the input's length when something is missing at its end)
   */
  public int position() {
    return position;
  }
}
