package io.github.nirguard.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/**
 * Standard output that remembers why a write failed. A {@link PrintWriter} (picocli's out) and
 * {@code System.out} swallow write errors: a full disk or a closed pipe would give exit 0 and a
 * truncated file. Commands check {@link #failure} once done and exit 4 with the cause.
 *
 * <pre>{@code
 * String failed = Stdout.failure(out);   // flushes; null when every byte was written
 * if (failed != null) { err.println("nir validate: " + failed); return ExitCodes.UNWRITABLE; }
 * }</pre>
 *
 * @since 0.1.0
 */
final class Stdout extends PrintWriter {
  /** Passes writes through and keeps the first failure. */
  private static final class Recording extends Writer {
    private final Writer out;
    private @Nullable IOException failure;

    Recording(Writer out) {
      this.out = out;
    }

    private IOException keep(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      try {
        out.write(cbuf, off, len);
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      try {
        out.write(s, off, len);
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw keep(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw keep(e);
      }
    }
  }

  private final Recording recording;

  /** Wraps a writer (tests give one that fails). */
  Stdout(Writer out) {
    this(new Recording(out));
  }

  private Stdout(Recording recording) {
    super(recording, true);
    this.recording = recording;
  }

  /** The process's standard output, unbuffered by {@code System.out}, in the console's charset. */
  static Stdout system() {
    String enc = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
    Charset cs =
        enc != null && Charset.isSupported(enc) ? Charset.forName(enc) : Charset.defaultCharset();
    return new Stdout(
        new BufferedWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), cs), 1 << 16));
  }

  /** True once a write to {@code out} has failed (cheap: no flush); false for other writers. */
  static boolean failed(PrintWriter out) {
    return out instanceof Stdout && ((Stdout) out).recording.failure != null;
  }

  /**
   * Flushes {@code out} and describes a failed write, e.g. {@code cannot write standard output (no
   * space left on device)}; null if every write succeeded.
   */
  static @Nullable String failure(PrintWriter out) {
    if (!out.checkError()) {
      return null;
    }
    IOException e = out instanceof Stdout ? ((Stdout) out).recording.failure : null;
    return "cannot write standard output (" + (e == null ? "I/O error" : Errors.cause(e)) + ")";
  }
}
