package io.github.nirguard.cli;

import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.RecipientEnvelope;
import io.github.nirguard.crypto.RecipientPublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir encrypt}: a whole file into a nirguard envelope (Tink streaming AEAD with the
 * purpose's file keyset), written atomically, never over an existing file unless asked.
 *
 * <pre>{@code
 * nir keys create --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export --kind file
 * nir encrypt --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export export.csv export.csv.nge
 * nir encrypt --to lab-a.pub.json --to lab-b.pub.json export.csv export.csv.nge   # no key ring
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Encrypt a file into a nirguard envelope with the purpose's file keyset (kind 'file'),",
      "or, with --to, for recipients' public keys: a recipient envelope that only they open",
      "('nir decrypt' with their own ring), needing no key ring and leaving the producer nothing",
      "that opens it.",
      "OUT is written to a temporary file beside it and renamed; it is never IN, and an existing OUT",
      "is kept unless --replace, which replaces a regular file only. Errors name files and the kind of",
      "failure, never contents. IN and OUT are files: '-' (standard input/output) is refused.",
    })
final class EncryptCommand implements Callable<Integer> {
  // the key ring options, declared here rather than as KeyOptions' mixin: --to needs no ring
  @Option(names = "--keys", paramLabel = "FILE", description = "Key ring file (not with --to).")
  @Nullable Path keys;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  KeyOptions.KekSource kek = new KeyOptions.KekSource();

  @Option(
      names = "--min-version",
      paramLabel = "N",
      description = "Refuse a key ring older than version N.")
  long minVersion;

  @Option(
      names = "--version-file",
      paramLabel = "FILE",
      description = "Version anchor: refuse a key ring older than the number in FILE.")
  @Nullable Path versionFile;

  @Option(
      names = "--purpose",
      paramLabel = "NAME",
      description = "Purpose of the file keyset (with --keys).")
  @Nullable String purpose;

  @Option(
      names = "--to",
      paramLabel = "PUBLIC-KEY",
      description =
          "A recipient's public key file ('nir keys export-public'); repeat for several"
              + " recipients. Instead of --keys and --purpose.")
  List<Path> to = new ArrayList<>();

  @Option(
      names = "--content-type",
      paramLabel = "TYPE",
      description =
          "Content type kept in the header, e.g. text/csv (default: from IN's extension: .csv, .tsv, .txt, .json; else application/octet-stream).")
  String contentType;

  @Option(names = "--replace", description = "Replace OUT if it exists.")
  boolean replace;

  @Parameters(index = "0", paramLabel = "IN", description = "The file to encrypt.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The envelope to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String type = contentType != null ? contentType : contentTypeOf(in);
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    boolean ringGiven =
        keys != null
            || purpose != null
            || kek.cleartextFile() != null
            || kek.uri != null
            || kek.env != null;
    if (!to.isEmpty()) {
      if (ringGiven) {
        err.println(name + ": --to takes no key ring: --keys, --kek-* and --purpose are refused");
        return ExitCodes.USAGE;
      }
      return run(
          spec,
          in,
          out,
          () -> {
            RecipientEnvelope envelope = RecipientEnvelope.to(publicKeys(to));
            return () -> envelope.encrypt(in, out, type, options(replace));
          },
          "encrypted for " + to.size() + (to.size() == 1 ? " recipient" : " recipients"));
    }
    if (keys == null || purpose == null) {
      err.println(name + ": --keys and --purpose are required (or --to PUBLIC-KEY)");
      return ExitCodes.USAGE;
    }
    KeyOptions ring = keyOptions(keys);
    String p = purpose;
    return run(
        spec,
        in,
        out,
        () -> {
          FileEnvelope envelope = FileEnvelope.create(ring.ring(), p);
          return () -> envelope.encrypt(in, out, type, options(replace));
        },
        "encrypted");
  }

  private KeyOptions keyOptions(Path ringFile) {
    KeyOptions k = new KeyOptions();
    k.keys = ringFile;
    k.kek = kek;
    k.minVersion = minVersion;
    k.versionFile = versionFile;
    return k;
  }

  /**
   * Reads the recipients' public key files: an unreadable file is 3, one that is not a public key
   * is 5, each naming {@code --to} and the file, never its content.
   */
  static List<RecipientPublicKey> publicKeys(List<Path> files) throws Failure {
    List<RecipientPublicKey> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(RecipientPublicKey.read(f));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new Failure(ExitCodes.UNREADABLE, "--to " + f + ": no such file");
      } catch (IOException e) {
        throw new Failure(
            ExitCodes.UNREADABLE, "--to " + f + ": cannot read (" + Errors.cause(e) + ")");
      } catch (GeneralSecurityException e) {
        throw new Failure(ExitCodes.CRYPTO, "--to " + f + ": " + e.getMessage());
      }
    }
    if (new java.util.HashSet<>(out).size() != out.size()) {
      throw new Failure(ExitCodes.USAGE, "--to: a recipient's public key is given twice");
    }
    return out;
  }

  static String contentTypeOf(Path file) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "text/csv";
    } else if (name.endsWith(".tsv")) {
      return "text/tab-separated-values";
    } else if (name.endsWith(".txt")) {
      return "text/plain";
    } else if (name.endsWith(".json")) {
      return "application/json";
    }
    return "application/octet-stream";
  }

  static CopyOption[] options(boolean replace) {
    return replace ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new CopyOption[0];
  }

  /** What {@code nir encrypt} and {@code nir decrypt} do, once the keys are ready. */
  interface Action {
    void apply() throws IOException, GeneralSecurityException;
  }

  /** Reads the keys (ring or public keys) and returns the action. */
  interface Setup {
    Action prepare() throws Failure, GeneralSecurityException;
  }

  /**
   * Reads the keys and runs the action; reports each failure by file and kind, with its exit code.
   * Messages come from our code (paths, purposes, key ids), never contents.
   */
  static int run(CommandLine.Model.CommandSpec spec, Path in, Path out, Setup setup, String done) {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    if (Errors.refusesDash(name, err, in, out)) {
      return ExitCodes.USAGE;
    }
    Action action;
    try {
      action = setup.prepare();
      Preflight.input(in);
      Preflight.output(out);
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      err.println(name + ": key error: " + e.getMessage());
      return ExitCodes.CRYPTO;
    }
    try {
      action.apply();
    } catch (IllegalArgumentException e) {
      err.println(name + ": " + e.getMessage() + " (" + in + ", " + out + ")");
      return ExitCodes.USAGE;
    } catch (FileAlreadyExistsException e) {
      err.println(name + ": " + out + ": exists, not replaced (use --replace)");
      return ExitCodes.UNWRITABLE;
    } catch (GeneralSecurityException e) {
      err.println(name + ": " + in + ": refused: " + e.getMessage());
      return ExitCodes.CRYPTO;
    } catch (IOException e) {
      boolean reading =
          e instanceof FileSystemException
              && in.toString().equals(((FileSystemException) e).getFile());
      String why = Errors.cause(e);
      err.println(
          name + ": " + (reading ? in + ": cannot read: " : out + ": cannot write: ") + why);
      return reading ? ExitCodes.UNREADABLE : ExitCodes.UNWRITABLE;
    }
    err.println(
        name + ": " + done + " " + in + " -> " + out); // status on stderr: stdout is for data only
    return ExitCodes.OK;
  }
}
