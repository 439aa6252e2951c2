package io.github.nirguard.cli;

import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.protect.RedactionException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The copies {@code nir scan} writes (redacted with keyed or span tokens, or revealed): one pass
 * from the UTF-8 input into an {@link AtomicFile}, which appears complete or not at all, never over
 * the input.
 *
 * <pre>{@code
 * long n = ScanFiles.write(out, in, redactor::reveal, count -> auditor.record(...));
 * }</pre>
 *
 * @since 0.1.0
 */
final class ScanFiles {
  private ScanFiles() {}

  /** One pass from the input to the output; returns what it counted. */
  interface Pass {
    long run(Reader in, Writer out) throws IOException, RedactionException;
  }

  /** Done after a successful pass, before the copy is renamed into place (the audit record). */
  interface BeforeCommit {
    void run(long count) throws AuditException;
  }

  /**
   * Runs the pass into {@code target} and commits it. Failures of the output are {@link Failure}s
   * (4); of the input, IOExceptions (3); of the audit log, {@link AuditException}s; a refused text,
   * {@link RedactionException}. On any failure nothing is written.
   */
  static long write(Path target, @Nullable Path in, Pass pass, @Nullable BeforeCommit before)
      throws IOException, Failure, RedactionException {
    Preflight.output(target);
    AtomicFile file;
    try {
      file = AtomicFile.create(target, in, false);
    } catch (IOException e) {
      throw new Failure(ExitCodes.UNWRITABLE, "--out " + Errors.io(e));
    }
    try (AtomicFile f = file;
        Reader r = reader(in)) {
      WatchedWriter w =
          new WatchedWriter(
              new BufferedWriter(
                  new OutputStreamWriter(f.stream(), StandardCharsets.UTF_8), 1 << 16));
      long n;
      try {
        n = pass.run(r, w);
        w.flush();
      } catch (IOException e) {
        if (e == w.failure) {
          throw new Failure(
              ExitCodes.UNWRITABLE, target + ": cannot write (" + Errors.cause(e) + ")");
        }
        throw e; // the input
      }
      if (before != null) {
        before.run(n);
      }
      try {
        f.commit();
      } catch (IOException e) {
        throw new Failure(
            ExitCodes.UNWRITABLE, target + ": cannot write (" + Errors.cause(e) + ")");
      }
      return n;
    }
  }

  /** The input as strict UTF-8: a malformed byte is a {@code CharacterCodingException}. */
  static Reader reader(@Nullable Path in) throws IOException {
    InputStream s = in == null ? System.in : Files.newInputStream(in);
    return new InputStreamReader(
        s,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** A writer that remembers its own failure, to tell a full disk from an unreadable input. */
  private static final class WatchedWriter extends Writer {
    private final Writer out;
    @Nullable IOException failure;

    WatchedWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      try {
        out.write(cbuf, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void write(String s) throws IOException {
      try {
        out.write(s);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
