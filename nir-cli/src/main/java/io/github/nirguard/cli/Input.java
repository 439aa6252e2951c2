package io.github.nirguard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a command's text input: a file, or standard input for {@code -}; strict UTF-8.
 *
 * <pre>{@code
 * try (BufferedReader r = Input.open("-")) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
final class Input {
  private Input() {}

  static BufferedReader open(String name) throws IOException {
    InputStream in = name == null || name.equals("-") ? System.in : Files.newInputStream(Path.of(name));
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }

  /** Describes an I/O failure without any data: the exception type and, for files, the path. */
  static String describe(IOException e, String name, long line) {
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "input is not valid UTF-8 (line " + line + ")";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + name;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + name;
    }
    return "cannot read input (" + e.getClass().getSimpleName() + ")";
  }
}
