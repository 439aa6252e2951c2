package io.github.nirguard.crypto;

import java.io.IOException;

/**
 * The bytes read are not a well-formed key ring file: not UTF-8, no header, a malformed or
 * duplicate line. The file could be read; its content is wrong. The message names the line, never
 * its content.
 *
 * <pre>{@code
 * try { KeyRing.read(file, kek); }
 * catch (MalformedKeyRingException e) { System.err.println(file + ": " + e.getMessage()); }   // malformed key ring line 3
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MalformedKeyRingException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is wrong and where (a line number), never content
   */
  public MalformedKeyRingException(String message) {
    super(message);
  }
}
