package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NoSuchKeysetException;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import io.github.nirguard.protect.RedactionException;
import io.github.nirguard.protect.ReversibleRedactor;
import io.github.nirguard.validate.scan.NirMatch;
import io.github.nirguard.validate.scan.NirScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir scan}: where NIRs are in a text file (line, column, kind; never the value), or a
 * redacted copy with each NIR replaced by its keyed token (or, with {@code --reversible}, its span
 * token, the copy ending with a document seal that {@code --reveal} checks). Exit 1 when any NIR is
 * found: a check for CI pipelines and before publishing.
 *
 * <pre>{@code
 * nir scan --format csv notes.txt
 * nir scan --redact --keys keys.ring --insecure-kek-file dev-kek.json --purpose research-42 --out notes.safe.txt notes.txt
 * nir scan --redact --reversible --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-notes --out notes.red.txt notes.txt
 * nir scan --reveal --reason "ticket 4521" --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-notes --out notes.back.txt notes.red.txt
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Find NIRs in free text (compact, spaced, dotted, dashed, key apart,",
      "13-character bodies after a NIR label): line, column and kind of each,",
      "never the value. Exit 1 when any is found, 0 when none.",
      "With --redact, also write a copy where each NIR is replaced by its",
      "keyed token (--out, a new file; the input is never overwritten);",
      "with --redact --reversible, by a span token that --reveal turns back",
      "into the original text, byte for byte (audited, --reason required).",
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
      names = "--reversible",
      description = {
        "With --redact: replace each NIR by a reversible span token [nr1.…] (AES-SIV,",
        "the purpose's siv-token keyset) holding the NIR as written, and end the copy",
        "with a seal line [nr1.seal.…] over the whole text; --reveal restores the text",
        "byte for byte. Text already holding '[nr1.' is refused (exit 1)."
      })
  boolean reversible;

  @Option(
      names = "--reveal",
      description = {
        "Write a copy of a --reversible redacted text with every span token back to the",
        "text it replaced (--keys, --purpose, --out, --reason). Any malformed or refused",
        "token, a missing seal or one that does not match the text (a token swapped,",
        "moved, duplicated or deleted, the text edited or cut short) refuses the whole",
        "text (exit 5, reason and character position); nothing is written."
      })
  boolean reveal;

  @Option(
      names = "--insecure-unsealed",
      description = {
        "With --reveal: do not require nor check the seal (each token is still checked).",
        "A token swapped, moved, duplicated or deleted then passes: the copy may name",
        "the wrong person. Only for a text edited on purpose or held intact otherwise."
      })
  boolean insecureUnsealed;

  @Mixin AuditOptions audit;

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
    if ((redact || reveal) && Errors.refusesDash(name, err, out)) {
      return ExitCodes.USAGE;
    }
    if (reveal) {
      return reveal(scanner, err);
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
        try (Reader r = ScanFiles.reader(in)) {
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
    } catch (RedactionException e) { // --reversible: the input already holds a token's shape
      stdout.flush();
      err.println(name + ": " + file + ": " + e.getMessage() + "; nothing written");
      return ExitCodes.INVALID;
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
          redact
              ? ", each replaced by its "
                  + (reversible ? "span " : "")
                  + "token in "
                  + out
                  + (reversible ? ", sealed" : "")
              : "");
    }
    return found == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /**
   * --keys, --purpose and --out come with --redact or --reveal, and only with them; --reversible
   * with --redact; --reason, --actor and --audit-log with --reveal; one KEK source at most.
   */
  private void checkRedactOptions() {
    boolean any = keys != null || purpose != null || out != null || kekFile != null;
    any |= oldKekFile != null;
    any |= kekUri != null || kekEnv != null;
    int keks = (kekFile != null ? 1 : 0) + (kekUri != null ? 1 : 0) + (kekEnv != null ? 1 : 0);
    keks += oldKekFile != null ? 1 : 0;
    boolean audited = audit.reason != null || audit.actor != null || audit.log != null;
    String problem = null;
    if (redact && reveal) {
      problem = "--redact and --reveal are mutually exclusive";
    } else if ((redact || reveal) && (keys == null || purpose == null || out == null)) {
      problem = (redact ? "--redact" : "--reveal") + " needs --keys, --purpose and --out";
    } else if (!redact && !reveal && any) {
      problem = "--keys, --kek-*, --purpose and --out go with --redact or --reveal";
    } else if (reversible && !redact) {
      problem = "--reversible goes with --redact";
    } else if (insecureUnsealed && !reveal) {
      problem = "--insecure-unsealed goes with --reveal";
    } else if (audited && !reveal) {
      problem = "--reason, --actor and --audit-log go with --reveal";
    } else if (keks > 1) {
      problem = "--insecure-kek-file, --kek-uri and --kek-env are mutually exclusive";
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), problem);
    }
  }

  /** The key ring of --keys and the KEK options. */
  private KeyRing ring() throws Failure {
    KeyOptions keyOptions = new KeyOptions();
    keyOptions.keys = keys;
    keyOptions.kek.file = kekFile;
    keyOptions.kek.oldFile = oldKekFile;
    keyOptions.mixee = spec;
    keyOptions.kek.uri = kekUri;
    keyOptions.kek.env = kekEnv;
    return keyOptions.ring();
  }

  /** The purpose's span tokens over the scanner (--reversible and --reveal). */
  private ReversibleRedactor redactor(KeyRing ring, NirScanner scanner) throws Failure {
    try {
      return ReversibleRedactor.create(ring, purpose, scanner);
    } catch (NoSuchKeysetException e) {
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new Failure(ExitCodes.CRYPTO, "key error: " + e.getMessage());
    }
  }

  /**
   * Scans and writes the redacted copy (keyed tokens, or span tokens with --reversible) through
   * {@link ScanFiles}: the copy appears complete or not at all.
   */
  private long redact(NirScanner scanner, @Nullable Path in, Consumer<NirMatch> report)
      throws IOException, Failure, RedactionException {
    KeyRing ring = ring();
    if (reversible) {
      ReversibleRedactor redactor = redactor(ring, scanner);
      return ScanFiles.write(out, in, (r, w) -> redactor.redact(r, w, report), null);
    }
    KeyedTokenizer tokenizer;
    try {
      tokenizer = KeyedTokenizer.create(ring, purpose);
    } catch (NoSuchKeysetException e) {
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new Failure(ExitCodes.CRYPTO, "key error: " + e.getMessage());
    }
    return ScanFiles.write(
        out,
        in,
        (r, w) ->
            scanner.redactMatches(
                r,
                w,
                m -> {
                  report.accept(m);
                  return tokenizer.tokenize(m.nir()).value();
                }),
        null);
  }

  /**
   * --reveal: every span token of the input back to the text it replaced, into --out; one
   * DETOKENIZE record (who, why, purpose, how many tokens) before the copy is renamed into place,
   * DETOKENIZE_UNSEALED under --insecure-unsealed (the seal was not checked).
   */
  private int reveal(NirScanner scanner, PrintWriter err) {
    String name = "nir scan --reveal";
    Path in = file.equals("-") ? null : Path.of(file);
    try {
      Auditor auditor = audit.auditor(keys, true);
      if (in != null) {
        Preflight.input(in);
      }
      ReversibleRedactor redactor = redactor(ring(), scanner);
      Preflight.output(out);
      audit.ready(auditor, keys);
      long n =
          ScanFiles.write(
              out,
              in,
              insecureUnsealed ? redactor::revealInsecureUnsealed : redactor::reveal,
              count ->
                  auditor.record(
                      insecureUnsealed
                          ? AuditOperation.DETOKENIZE_UNSEALED
                          : AuditOperation.DETOKENIZE,
                      purpose,
                      count,
                      null));
      err.printf(
          Locale.ROOT,
          "%s: %,d token(s) revealed into %s%s%n",
          name,
          n,
          out,
          insecureUnsealed ? " (INSECURE: the seal was not checked)" : ", the seal checked");
      return ExitCodes.OK;
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (RedactionException e) {
      err.println(name + ": " + file + ": " + e.getMessage() + "; nothing written");
      return ExitCodes.CRYPTO;
    } catch (AuditException e) {
      err.println(name + ": " + audit.failure(e, keys).getMessage() + " (nothing written)");
      return ExitCodes.UNWRITABLE;
    } catch (CharacterCodingException e) {
      err.println(name + ": " + file + ": input is not valid UTF-8");
      return ExitCodes.UNREADABLE;
    } catch (IOException e) {
      err.println(name + ": " + file + ": cannot read (" + Errors.cause(e) + ")");
      return ExitCodes.UNREADABLE;
    }
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
