package io.github.nirguard.cli;

import java.io.IOException;

/**
 * Describes failures for stderr without data: our own messages (which never carry values) or
 * the exception type.
 *
 * <pre>{@code
 * err.println("nir protect: " + Errors.io(e));
 * }</pre>
 *
 * @since 0.1.0
 */
final class Errors {
  private Errors() {}

  static String io(IOException e) {
    String m = e.getMessage();
    if (m != null && m.startsWith("refusing to overwrite the input")) {
      return m;
    }
    return "I/O error (" + e.getClass().getSimpleName() + ")";
  }
}
