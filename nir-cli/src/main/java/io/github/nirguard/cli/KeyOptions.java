package io.github.nirguard.cli;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.MalformedKeyRingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The key ring file and its KEK, shared by every command that uses keys. Key material is never
 * accepted on the command line: only paths, KMS URIs and environment variable names.
 *
 * <pre>{@code
 * nir tokenize --keys keys.ring --kek-file dev-kek.json --purpose research-42 nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
final class KeyOptions {
  @Option(names = "--keys", required = true, paramLabel = "FILE", description = "Key ring file.")
  Path keys;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  KekSource kek = new KekSource();

  static final class KekSource {
    @Option(
        names = "--kek-file",
        paramLabel = "FILE",
        description = "Cleartext Tink AEAD keyset file (development only).")
    Path file;

    @Option(
        names = "--kek-uri",
        paramLabel = "URI",
        description = "KMS key URI, through a registered Tink KmsClient.")
    String uri;

    @Option(
        names = "--kek-env",
        paramLabel = "VAR",
        description = "Environment variable holding the KEK keyset (default: NIRGUARD_KEK).")
    String env;
  }

  Kek kek() throws IOException, GeneralSecurityException {
    if (kek.file != null) {
      return Kek.insecureFromCleartextFile(kek.file);
    }
    if (kek.uri != null) {
      return Kek.fromKms(kek.uri);
    }
    return Kek.fromEnvironment(kek.env != null ? kek.env : "NIRGUARD_KEK");
  }

  /** The file arguments by option name ({@code --keys}, {@code --kek-file} if given). */
  Map<String, Path> files() {
    Map<String, Path> m = new LinkedHashMap<>();
    m.put("--keys", keys);
    if (kek.file != null) {
      m.put("--kek-file", kek.file);
    }
    return m;
  }

  KeyRing read() throws IOException, GeneralSecurityException {
    return KeyRing.read(keys, kek());
  }

  /**
   * Reads the KEK and the key ring, each failure described by its argument and cause: a file that
   * cannot be read is 3; a malformed ring, a KEK that is not one or that does not open the ring is
   * 5.
   */
  KeyRing ring() throws Failure {
    Kek k;
    try {
      k = kek();
    } catch (CharacterCodingException e) {
      throw new Failure(ExitCodes.CRYPTO, "--kek-file " + kek.file + ": not a Tink AEAD keyset");
    } catch (IOException e) {
      throw new Failure(ExitCodes.UNREADABLE, "--kek-file " + kek.file + ": " + unreadable(e));
    } catch (GeneralSecurityException e) {
      // a file's parse error could quote its content: the file case gets our own words only
      throw new Failure(
          ExitCodes.CRYPTO,
          kek.file != null
              ? "--kek-file " + kek.file + ": not a Tink AEAD keyset"
              : "key error: " + e.getMessage());
    }
    try {
      return KeyRing.read(keys, k);
    } catch (MalformedKeyRingException e) {
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    } catch (IOException e) {
      throw new Failure(ExitCodes.UNREADABLE, "--keys " + keys + ": " + unreadable(e));
    } catch (GeneralSecurityException e) {
      // messages from KeyRing name a line, never material
      throw new Failure(ExitCodes.CRYPTO, "--keys " + keys + ": " + e.getMessage());
    }
  }

  private static String unreadable(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file"
        : "cannot read (" + Errors.cause(e) + ")";
  }
}
