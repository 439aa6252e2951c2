package io.github.nirguard.policy;

/**
 * A policy that is wrong, or does not fit its input: raised before any row is read.
 *
 * <p>Messages name the policy line and the column — never a data value.
 *
 * <pre>{@code
 * try { RowProtector.bind(policy, header, ring); }
 * catch (PolicyException e) { System.err.println(e.getMessage()); }   // e.g. line 7: unknown action 'hash'
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * Creates an exception.
   *
   * @param line the policy file line (1-based), or 0 if not tied to a line
   * @param message what is wrong
   */
  public PolicyException(int line, String message) {
    super(line > 0 ? "policy line " + line + ": " + message : message);
    this.line = line;
  }

  /**
   * Returns the policy file line, or 0.
   *
   * @return the line
   */
  public int line() {
    return line;
  }
}
