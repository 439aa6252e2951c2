package io.github.nirguard.cli;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command's text input, line by line: a file, or standard input for {@code -}; strict UTF-8,
 * with the exact line of an encoding error.
 *
 * <pre>{@code
 * try (Input in = Input.open("-")) { for (String l; (l = in.readLine()) != null; ) use(l); }
 * }</pre>
 *
 * @since 0.1.0
 */
final class Input implements Closeable {
  /** An input line that is not valid UTF-8. */
  static final class NotUtf8Exception extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    final long line;

    NotUtf8Exception(long line) {
      this.line = line;
    }

    @Override
    public String getMessage() {
      return "input is not valid UTF-8 (line " + line + ")";
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[256];
  private long line;

  private Input(InputStream in) {
    this.in = new BufferedInputStream(in, 1 << 16);
  }

  static Input open(String name) throws IOException {
    return new Input(name == null || name.equals("-") ? System.in : Files.newInputStream(Path.of(name)));
  }

  /** Returns the next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
  String readLine() throws IOException {
    int n = 0;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = (byte) b;
    }
    if (b == -1 && n == 0) {
      return null;
    }
    line++;
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buf, 0, n));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new NotUtf8Exception(line);
    }
  }

  /** Returns the number of lines read so far. */
  long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }

  /** Describes an I/O failure without any data: the exception type and, for files, the path. */
  static String describe(IOException e, String name) {
    if (e instanceof NotUtf8Exception) {
      return e.getMessage();
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
