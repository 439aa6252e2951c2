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
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A command's text input, line by line: a file, or standard input for {@code -}; strict UTF-8, with
 * the exact line of an encoding error; a leading byte-order mark skipped; lines of at most {@link
 * #MAX_LINE} bytes, so that a file without line breaks cannot exhaust memory.
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

  /** An input line longer than the limit: it is not buffered, the command stops. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;
    final int limit;

    LineTooLongException(long line, int limit) {
      super(null, null);
      this.line = line;
      this.limit = limit;
    }

    @Override
    public String getMessage() {
      return "line " + line + " is longer than " + limit + " bytes";
    }
  }

  /**
   * The longest line accepted, in bytes without its terminator: a NIR, a token or a ciphertext is
   * far shorter.
   */
  static final int MAX_LINE = 1 << 16;

  private final InputStream in;
  private final int maxLine;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[256];
  private long line;
  private long bytes;

  Input(InputStream in, int maxLine) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.maxLine = maxLine;
  }

  static Input open(String name) throws IOException {
    if (name == null || name.equals("-")) {
      return new Input(System.in, MAX_LINE);
    }
    Path p = Path.of(name);
    if (Files.isDirectory(p)) {
      throw new FileSystemException(name, null, "Is a directory");
    }
    return new Input(Files.newInputStream(p), MAX_LINE);
  }

  /**
   * Returns the next line without its terminator ({@code \n} or {@code \r\n}) or, on the first
   * line, a UTF-8 byte-order mark; null at the end.
   *
   * @throws LineTooLongException once a line passes the limit, without reading the rest of it
   */
  @Nullable String readLine() throws IOException {
    int n = 0;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      bytes++;
      if (n > maxLine) {
        throw new LineTooLongException(line + 1, maxLine);
      }
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = (byte) b;
    }
    if (b == -1 && n == 0) {
      return null;
    }
    if (b == '\n') {
      bytes++;
    }
    line++;
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    if (n > maxLine) {
      throw new LineTooLongException(line, maxLine);
    }
    int from = 0;
    if (line == 1
        && n >= 3
        && (buf[0] & 0xFF) == 0xEF
        && (buf[1] & 0xFF) == 0xBB
        && (buf[2] & 0xFF) == 0xBF) {
      from = 3;
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buf, from, n - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new NotUtf8Exception(line);
    }
  }

  /** Returns the number of bytes read so far (for progress). */
  long bytesRead() {
    return bytes;
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

  /**
   * Describes a failure to read the input without any data: the input (path or standard input) and
   * the cause, e.g. {@code in.txt: cannot read (is a directory)} or {@code in.txt: line 3 is longer
   * than 65536 bytes}.
   */
  static String describe(IOException e, String name) {
    String what = name == null || name.equals("-") ? "standard input" : name;
    if (e instanceof NotUtf8Exception || e instanceof LineTooLongException) {
      return what + ": " + e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return what + ": no such file";
    }
    return what + ": cannot read (" + Errors.cause(e) + ")";
  }
}
