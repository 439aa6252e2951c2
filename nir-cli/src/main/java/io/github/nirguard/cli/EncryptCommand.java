package io.github.nirguard.cli;

import io.github.nirguard.crypto.FileEnvelope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir encrypt}: a whole file into a nirguard envelope (Tink streaming AEAD with the
 * purpose's file keyset), written atomically, never over an existing file unless asked.
 *
 * <pre>{@code
 * nir keys create --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export --kind file
 * nir encrypt --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export export.csv export.csv.nge
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Encrypt a file into a nirguard envelope with the purpose's file keyset (kind 'file').",
      "OUT is written to a temporary file beside it and renamed; it is never IN, and an existing OUT",
      "is kept unless --replace, which replaces a regular file only. Errors name files and the kind of",
      "failure, never contents. IN and OUT are files: '-' (standard input/output) is refused.",
    })
final class EncryptCommand implements Callable<Integer> {
  @Mixin KeyOptions keys;

  @Option(
      names = "--purpose",
      required = true,
      paramLabel = "NAME",
      description = "Purpose of the file keyset.")
  String purpose;

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
    return run(
        spec,
        keys,
        purpose,
        in,
        out,
        envelope -> envelope.encrypt(in, out, type, options(replace)),
        "encrypted");
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

  /** What {@code nir encrypt} and {@code nir decrypt} do with the envelope. */
  interface Action {
    void apply(FileEnvelope envelope) throws IOException, GeneralSecurityException;
  }

  /**
   * Opens the envelope of the purpose and runs the action; reports each failure by file and kind,
   * with its exit code. Messages come from our code (paths, purposes, key ids), never contents.
   */
  static int run(
      CommandLine.Model.CommandSpec spec,
      KeyOptions keys,
      String purpose,
      Path in,
      Path out,
      Action action,
      String done) {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    if (Errors.refusesDash(name, err, in, out)) {
      return ExitCodes.USAGE;
    }
    FileEnvelope envelope;
    try {
      envelope = FileEnvelope.create(keys.ring(), purpose);
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
      action.apply(envelope);
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
