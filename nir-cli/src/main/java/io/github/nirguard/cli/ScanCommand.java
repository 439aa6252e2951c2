package io.github.nirguard.cli;

import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NoSuchKeysetException;
import io.github.nirguard.validate.scan.NirMatch;
import io.github.nirguard.validate.scan.NirScanner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir scan}: where NIRs are in a text file (line, column, kind; never the value), or a
 * redacted copy with each NIR replaced by its keyed token. Exit 1 when any NIR is found: a check
 * for CI pipelines and before publishing.
 *
 * <pre>{@code
 * nir scan --format csv notes.txt
 * nir scan --redact --keys keys.ring --insecure-kek-file dev-kek.json --purpose research-42 --out notes.safe.txt notes.txt
 * }</pre>
 *
 * @since 0.4.0
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Find NIRs in free text (compact, spaced, dotted, dashed, key apart,",
      "13-character bodies after a NIR label): line, column and kind of each,",
      "never the value. Exit 1 when any is found, 0 when none.",
      "With --redact, also write a copy where each NIR is replaced by its",
      "keyed token (--out, a new file; the input is never overwritten).",
    })
final class ScanCommand implements Callable<Integer> {

  enum Format {
    text,
    csv,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default: LINE:COLUMN KIND), csv (line,column,kind) or json.")
  Format format;

  @Option(
      names = "--lenient",
      description = "Also report NIRs only the lenient profile accepts (LENIENT_ONLY).")
  boolean lenient;

  @Option(
      names = "--never-real",
      description = "Also report never-real test NIRs (month 13-19; NEVER_REAL).")
  boolean neverReal;

  @Option(
      names = "--redact",
      description = "Write a copy with each NIR replaced by its keyed token.")
  boolean redact;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description = "With --redact: key ring file of the token keyset.")
  Path keys;

  @Option(
      names = "--insecure-kek-file",
      paramLabel = "FILE",
      description =
          "DEVELOPMENT ONLY: a cleartext Tink AEAD keyset file (owner-only permissions"
              + " required).")
  Path kekFile;

  /** The name of {@code --insecure-kek-file} before the key lifecycle: still accepted. */
  @Option(names = "--kek-file", hidden = true, paramLabel = "FILE")
  Path oldKekFile;

  @Option(
      names = "--kek-uri",
      paramLabel = "URI",
      description = "KMS key URI (gcp-kms://…, aws-kms://…, or a KmsProvider's; see docs/keys.md).")
  String kekUri;

  @Option(
      names = "--kek-env",
      paramLabel = "VAR",
      description = "Environment variable holding the KEK keyset (default: NIRGUARD_KEK).")
  String kekEnv;

  @Option(
      names = "--purpose",
      paramLabel = "NAME",
      description = "With --redact: purpose of the token keyset.")
  String purpose;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "With --redact: the redacted copy (must not exist; '-' is refused).")
  Path out;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "-",
      paramLabel = "FILE",
      description = "Input text file (UTF-8), or - for standard input (default).")
  String file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String name = "nir scan";
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NirScanner scanner = NirScanner.builder().lenient(lenient).neverReal(neverReal).build();
    checkRedactOptions();
    if (redact && Errors.refusesDash(name, err, out)) {
      return ExitCodes.USAGE;
    }
    boolean stdin = file.equals("-");
    Path in = stdin ? null : Path.of(file);
    long found;
    try {
      if (in != null) {
        Preflight.input(in);
      }
      long[] count = new long[1];
      Consumer<NirMatch> report = m -> write(stdout, m, count[0]++);
      if (format == Format.csv) {
        stdout.print("line,column,kind\n");
      } else if (format == Format.json) {
        stdout.print("[");
      }
      if (!redact) {
        try (Reader r = reader(in)) {
          found = scanner.scan(r, report);
        }
      } else {
        found = redact(scanner, in, report);
      }
      if (format == Format.json) {
        stdout.print(found == 0 ? "]\n" : "\n]\n");
      }
    } catch (Failure f) {
      stdout.flush();
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (CharacterCodingException e) {
      stdout.flush();
      err.println(name + ": " + file + ": input is not valid UTF-8");
      return ExitCodes.UNREADABLE;
    } catch (IOException e) {
      stdout.flush();
      err.println(name + ": " + file + ": cannot read (" + Errors.cause(e) + ")");
      return ExitCodes.UNREADABLE;
    }
    String failed = Stdout.failure(stdout);
    if (failed != null) {
      err.println(name + ": " + failed);
      return ExitCodes.UNWRITABLE;
    }
    if (format == Format.text) {
      err.printf(
          Locale.ROOT,
          "%s: %,d NIR(s) found%s%n",
          name,
          found,
          redact ? ", each replaced by its token in " + out : "");
    }
    return found == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /** --keys, --purpose and --out come with --redact, and only with it; one KEK source at most. */
  private void checkRedactOptions() {
    boolean any = keys != null || purpose != null || out != null || kekFile != null;
    any |= oldKekFile != null;
    any |= kekUri != null || kekEnv != null;
    int keks = (kekFile != null ? 1 : 0) + (kekUri != null ? 1 : 0) + (kekEnv != null ? 1 : 0);
    keks += oldKekFile != null ? 1 : 0;
    String problem = null;
    if (redact && (keys == null || purpose == null || out == null)) {
      problem = "--redact needs --keys, --purpose and --out";
    } else if (!redact && any) {
      problem = "--keys, --kek-*, --purpose and --out go with --redact";
    } else if (keks > 1) {
      problem = "--insecure-kek-file, --kek-uri and --kek-env are mutually exclusive";
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), problem);
    }
  }

  /**
   * Scans and writes the redacted copy through an {@link AtomicFile}: the copy appears complete or
   * not at all. Failures of the output are {@link Failure}s (4); of the input, IOExceptions (3).
   */
  private long redact(NirScanner scanner, @Nullable Path in, Consumer<NirMatch> report)
      throws IOException, Failure {
    Path target = out;
    KeyOptions keyOptions = new KeyOptions();
    keyOptions.keys = keys;
    keyOptions.kek.file = kekFile;
    keyOptions.kek.oldFile = oldKekFile;
    keyOptions.mixee = spec;
    keyOptions.kek.uri = kekUri;
    keyOptions.kek.env = kekEnv;
    KeyRing ring = keyOptions.ring();
    KeyedTokenizer tokenizer;
    try {
      tokenizer = KeyedTokenizer.create(ring, purpose);
    } catch (NoSuchKeysetException e) {
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new Failure(ExitCodes.CRYPTO, "key error: " + e.getMessage());
    }
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
        n =
            scanner.redactMatches(
                r,
                w,
                m -> {
                  report.accept(m);
                  return tokenizer.tokenize(m.nir()).value();
                });
      } catch (IOException e) {
        if (e == w.failure) {
          throw new Failure(
              ExitCodes.UNWRITABLE, target + ": cannot write (" + Errors.cause(e) + ")");
        }
        throw e; // the input
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

  private static Reader reader(@Nullable Path in) throws IOException {
    InputStream s = in == null ? System.in : Files.newInputStream(in);
    return new InputStreamReader(
        s,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private void write(PrintWriter out, NirMatch m, long index) {
    String kind = m.kind().name();
    switch (format) {
      case csv:
        out.print(m.line() + "," + m.column() + "," + kind + "\n");
        break;
      case json:
        out.print(index == 0 ? "\n" : ",\n");
        out.print(
            "  {\"line\":"
                + m.line()
                + ",\"column\":"
                + m.column()
                + ",\"kind\":\""
                + kind
                + "\"}");
        break;
      default:
        out.print(m.line() + ":" + m.column() + " " + kind + "\n");
    }
  }
}
