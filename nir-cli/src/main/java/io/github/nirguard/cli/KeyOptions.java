package io.github.nirguard.cli;

import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.MalformedKeyRingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The key ring file, its KEK and its version anchor, shared by every command that uses keys. Key
 * material is never accepted on the command line: only paths, KMS URIs and environment variable
 * names.
 *
 * <pre>{@code
 * nir tokenize --keys keys.ring --insecure-kek-file dev-kek.json --purpose research-42 nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
final class KeyOptions {
  @Option(names = "--keys", required = true, paramLabel = "FILE", description = "Key ring file.")
  Path keys;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  KekSource kek = new KekSource();

  @Option(
      names = "--min-version",
      paramLabel = "N",
      description =
          "Refuse a key ring older than version N (the version you recorded: a rolled-back ring"
              + " is otherwise valid).")
  long minVersion;

  @Option(
      names = "--version-file",
      paramLabel = "FILE",
      description =
          "Version anchor: refuse a key ring older than the number in FILE; 'nir keys' commands"
              + " that write the ring raise it. Keep it where the ring's writers cannot write.")
  @Nullable Path versionFile;

  /** The command this mixin belongs to (null when built by hand, as {@code nir scan} does). */
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  /** Whether the KEK-file warnings were printed already (once per run). */
  private boolean warned;

  /**
   * Whether to warn of a cleartext KEK in the ring's directory: set by the {@code nir keys}
   * commands, where custody is arranged; data commands in pipelines stay quiet.
   */
  boolean adviseCustody;

  static final class KekSource {
    @Option(
        names = "--insecure-kek-file",
        paramLabel = "FILE",
        description =
            "DEVELOPMENT ONLY: a cleartext Tink AEAD keyset file (owner-only permissions"
                + " required; kept away from the ring).")
    Path file;

    /** The name of {@code --insecure-kek-file} before the key lifecycle: still accepted. */
    @Option(names = "--kek-file", hidden = true, paramLabel = "FILE")
    Path oldFile;

    @Option(
        names = "--kek-uri",
        paramLabel = "URI",
        description =
            "KMS key URI: gcp-kms://projects/P/locations/L/keyRings/R/cryptoKeys/K (Google Cloud"
                + " KMS, application default credentials), aws-kms://arn:aws:kms:… (AWS KMS, the"
                + " SDK's default credential chain), or a KmsProvider's prefix (see docs/keys.md).")
    String uri;

    @Option(
        names = "--kek-env",
        paramLabel = "VAR",
        description = "Environment variable holding the KEK keyset (default: NIRGUARD_KEK).")
    String env;

    @Nullable Path cleartextFile() {
      return file != null ? file : oldFile;
    }

    /** The option naming the cleartext KEK file, as the user typed it. */
    String fileOption() {
      return file != null ? "--insecure-kek-file" : "--kek-file";
    }
  }

  /** The KEK file is open to group or others: refused, in the CLI's words. */
  static final class KekFileOpen extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    KekFileOpen(String message) {
      super(message);
    }
  }

  Kek kek() throws IOException, GeneralSecurityException {
    Path file = kek.cleartextFile();
    if (file != null) {
      String opt = kek.fileOption();
      if (Kek.openToOthers(file)) {
        throw new KekFileOpen(
            opt + " " + file + ": readable or writable by group or others: refused (chmod 600 it)");
      }
      warnAboutKekFile(file, opt);
      return Kek.insecureFromCleartextFile(file);
    }
    if (kek.uri != null) {
      warnAboutKmsEndpoint(kek.uri);
      return Kek.fromKms(kek.uri);
    }
    return Kek.fromEnvironment(kek.env != null ? kek.env : "NIRGUARD_KEK");
  }

  /** The KMS endpoint overrides of module nir-kms, by URI prefix. */
  private static final Map<String, String> KMS_ENDPOINT_VARIABLES =
      Map.of("gcp-kms://", "NIRGUARD_GCP_KMS_ENDPOINT", "aws-kms://", "NIRGUARD_AWS_KMS_ENDPOINT");

  /**
   * Warns, once, when a KMS endpoint override is set: every key the ring wraps goes to that
   * endpoint, so it must be the user's choice, and seen.
   */
  private void warnAboutKmsEndpoint(String uri) {
    if (warned || mixee == null) {
      return;
    }
    for (Map.Entry<String, String> e : KMS_ENDPOINT_VARIABLES.entrySet()) {
      String value = System.getenv(e.getValue());
      if (uri.regionMatches(true, 0, e.getKey(), 0, e.getKey().length())
          && value != null
          && !value.isBlank()) {
        warned = true;
        mixee
            .commandLine()
            .getErr()
            .println(
                mixee.qualifiedName()
                    + ": warning: "
                    + e.getValue()
                    + " sends the KMS requests to "
                    + value.strip()
                    + ", not to the cloud's endpoint");
      }
    }
  }

  /** Warns, once, of a deprecated option name and of a KEK file in the ring's directory. */
  private void warnAboutKekFile(Path file, String opt) {
    if (warned || mixee == null) {
      return;
    }
    warned = true;
    PrintWriter err = mixee.commandLine().getErr();
    String name = mixee.qualifiedName();
    if (opt.equals("--kek-file")) {
      err.println(
          name
              + ": warning: --kek-file is now --insecure-kek-file (a cleartext KEK is for"
              + " development only)");
    }
    Path kekDir = file.toAbsolutePath().normalize().getParent();
    Path ringDir = keys == null ? null : keys.toAbsolutePath().normalize().getParent();
    if (adviseCustody && kekDir != null && kekDir.equals(ringDir)) {
      err.println(
          name
              + ": warning: the cleartext KEK sits in the key ring's directory: whoever copies"
              + " one copies both (development only; see docs/keys.md)");
    }
  }

  /** The file arguments by option name ({@code --keys}, the KEK file if given). */
  Map<String, Path> files() {
    Map<String, Path> m = new LinkedHashMap<>();
    m.put("--keys", keys);
    Path file = kek.cleartextFile();
    if (file != null) {
      m.put(kek.fileOption(), file);
    }
    if (versionFile != null) {
      m.put("--version-file", versionFile);
    }
    return m;
  }

  /**
   * The lowest ring version accepted: {@code --min-version}, or the number in {@code
   * --version-file} if higher. A missing version file is an error unless {@code mayBeMissing} (the
   * {@code nir keys} commands that write the ring create it).
   */
  long minVersion(boolean mayBeMissing) throws IOException {
    long min = minVersion;
    if (versionFile != null) {
      if (!Files.exists(versionFile) && mayBeMissing) {
        return min;
      }
      String text = Files.readString(versionFile, StandardCharsets.UTF_8).strip();
      try {
        min = Math.max(min, Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw new MalformedKeyRingException(
            "--version-file " + versionFile + ": not a version number");
      }
    }
    return min;
  }

  /** Raises the {@code --version-file} anchor to a ring's version (never lowers it). */
  void recordVersion(long version) throws IOException {
    if (versionFile != null && version > minVersion(true)) {
      AtomicFile.write(versionFile, (version + "\n").getBytes(StandardCharsets.UTF_8), true);
    }
  }

  KeyRing read() throws IOException, GeneralSecurityException {
    return KeyRing.read(keys, kek(), minVersion(false));
  }

  /**
   * Reads the KEK and the key ring, each failure described by its argument and cause: a file that
   * cannot be read is 3; a malformed ring, a KEK that is not one or that does not open the ring, a
   * ring older than the version anchor is 5.
   */
  KeyRing ring() throws Failure {
    Kek k;
    String kekArg = kek.fileOption() + " " + kek.cleartextFile();
    try {
      k = kek();
    } catch (KekFileOpen e) {
      throw new Failure(ExitCodes.CRYPTO, String.valueOf(e.getMessage()));
    } catch (CharacterCodingException e) {
      throw new Failure(ExitCodes.CRYPTO, kekArg + ": not a Tink AEAD keyset");
    } catch (IOException e) {
      throw new Failure(ExitCodes.UNREADABLE, kekArg + ": " + unreadable(e));
    } catch (GeneralSecurityException e) {
      // a file's parse error could quote its content: the file case gets our own words only
      throw new Failure(
          ExitCodes.CRYPTO,
          kek.cleartextFile() != null
              ? kekArg + ": not a Tink AEAD keyset"
              : "key error: " + e.getMessage());
    }
    long min;
    try {
      min = minVersion(false);
    } catch (MalformedKeyRingException e) {
      throw new Failure(ExitCodes.CRYPTO, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.UNREADABLE, "--version-file " + versionFile + ": " + unreadable(e));
    }
    try {
      return KeyRing.read(keys, k, min);
    } catch (MalformedKeyRingException e) {
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    } catch (IOException e) {
      throw new Failure(ExitCodes.UNREADABLE, "--keys " + keys + ": " + unreadable(e));
    } catch (GeneralSecurityException e) {
      // messages from KeyRing name a line or a version, never material
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    }
  }

  private static String unreadable(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file"
        : "cannot read (" + Errors.cause(e) + ")";
  }
}
