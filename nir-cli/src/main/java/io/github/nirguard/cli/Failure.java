package io.github.nirguard.cli;

/**
 * A failure found by a command before or around its work, already described for stderr (what and
 * where: the argument, the path, the cause; never a value) and with its exit code.
 *
 * <pre>{@code
 * try { KeyRing ring = keys.ring(); ... }
 * catch (Failure f) { err.println(name + ": " + f.getMessage()); return f.code; }
 * }</pre>
 *
 * @since 0.1.0
 */
final class Failure extends Exception {
  private static final long serialVersionUID = 1L;

  /** The exit code, one of {@link ExitCodes}. */
  final int code;

  Failure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }
}
