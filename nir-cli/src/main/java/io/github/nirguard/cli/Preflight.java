package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowRevealer;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks made before a file command reads any row, so that each mistake is reported by argument and
 * cause with its exit code: an input that is missing, a directory or not readable (3); an output
 * whose directory does not exist (4); a key ring without the keysets a policy needs (5).
 *
 * <pre>{@code
 * Preflight.input("IN", in);
 * Preflight.output("OUT", out);
 * }</pre>
 *
 * @since 0.1.0
 */
final class Preflight {
  private Preflight() {}

  /** An input file: exists, is not a directory, is readable; {@code -} (standard input) passes. */
  static void input(Path file) throws Failure {
    if (file.toString().equals("-")) {
      return;
    }
    if (!Files.exists(file)) {
      throw new Failure(ExitCodes.UNREADABLE, file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new Failure(ExitCodes.UNREADABLE, file + ": cannot read (is a directory)");
    }
    if (!Files.isReadable(file)) {
      throw new Failure(ExitCodes.UNREADABLE, file + ": cannot read (permission denied)");
    }
  }

  /** An output file: its directory exists (the file itself is checked by the writer). */
  static void output(Path file) throws Failure {
    if (file.toString().equals("-")) {
      return;
    }
    Path dir = directoryOf(file);
    if (!Files.isDirectory(dir)) {
      throw new Failure(
          ExitCodes.UNWRITABLE,
          file
              + ": cannot write ("
              + (Files.exists(dir) ? "not a directory: " : "output directory does not exist: ")
              + dir
              + ")");
    }
  }

  static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return file.getParent() != null ? file.getParent() : parent != null ? parent : file;
  }

  /** Reads a policy file: unreadable is 3, a mistake in it is left to the caller (2). */
  static ProtectionPolicy policy(Path file) throws Failure {
    input(file);
    try {
      return ProtectionPolicy.read(file);
    } catch (CharacterCodingException e) {
      throw new Failure(ExitCodes.UNREADABLE, "--policy " + file + ": not valid UTF-8");
    } catch (NoSuchFileException e) {
      throw new Failure(ExitCodes.UNREADABLE, "--policy " + file + ": no such file");
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.UNREADABLE, "--policy " + file + ": cannot read (" + Errors.cause(e) + ")");
    }
  }

  /**
   * The key ring holds every keyset the policy's rules need (and the file keyset for an envelope),
   * else a key failure naming the policy, the purpose and the missing kinds.
   */
  static void keysFor(
      ProtectionPolicy policy,
      Path policyFile,
      KeyRing ring,
      Path ringFile,
      boolean protect,
      boolean envelope)
      throws Failure {
    Set<KeyKind> needed = EnumSet.noneOf(KeyKind.class);
    needed.addAll(
        protect ? RowProtector.keyKindsNeeded(policy) : RowRevealer.keyKindsNeeded(policy));
    if (envelope) {
      needed.add(KeyKind.FILE);
    }
    StringBuilder missing = new StringBuilder();
    for (KeyKind k : needed) {
      if (!ring.contains(policy.purpose(), k)) {
        missing.append(missing.length() == 0 ? "" : ", ").append(k.label());
      }
    }
    if (missing.length() > 0) {
      throw new Failure(
          ExitCodes.CRYPTO,
          "--keys "
              + ringFile
              + " has no keyset of kind "
              + missing
              + " for purpose '"
              + policy.purpose()
              + "' (needed by --policy "
              + policyFile
              + "; see 'nir keys create')");
    }
  }
}
