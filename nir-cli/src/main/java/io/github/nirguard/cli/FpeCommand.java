package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.validate.NirValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir fpe encrypt|decrypt}: format-preserving encryption of NIRs, line by line.
 *
 * <pre>{@code
 * nir fpe encrypt --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "fpe",
    mixinStandardHelpOptions = true,
    description = "Format-preserving encryption (FF1) of whole NIRs.",
    subcommands = {FpeCommand.Encrypt.class, FpeCommand.Decrypt.class})
final class FpeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Base extends LineCommand {
    @Mixin KeyOptions keys;

    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "NAME",
        description = "Purpose of the FPE keyset.")
    String purpose;

    @Option(
        names = "--mode",
        defaultValue = "marked",
        paramLabel = "MODE",
        description = {
          "marked (default): a deliberately wrong key, never a valid NIR;",
          "format-valid: passes validation, and may equal a real person's NIR.",
        })
    String mode;

    NirFpe.Mode mode() {
      try {
        return NirFpe.Mode.named(mode);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown --mode (expected marked or format-valid)");
      }
    }
  }

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypt one NIR per line with the purpose's primary FPE key.",
        "FPE output carries no key id: the key's id is printed on stderr;",
        "keep it with the output and decrypt with --key-id after a rotation.",
      })
  static final class Encrypt extends Base {
    @Override
    Mapper open() throws IOException, GeneralSecurityException, Failure {
      NirFpe.Mode m = mode();
      NirFpe fpe = NirFpe.create(keys.ring(), purpose, m);
      String id = String.format(java.util.Locale.ROOT, "%08x", fpe.keyId());
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName() + ": fpe key " + id + " (decrypt with --key-id " + id + ")");
      NirValidator strict = NirValidator.strict();
      return line -> {
        try {
          return fpe.encrypt(TokenizeCommand.parse(strict, line));
        } catch (IllegalArgumentException e) {
          throw new Rejected("NOT_IN_FPE_DOMAIN", -1);
        }
      };
    }
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Decrypt one FPE ciphertext per line, with the key that encrypted it.",
        "Without --key-id, the purpose's FPE keyset must hold a single key:",
        "after a rotation the key cannot be told from the ciphertext, and",
        "another key would give another person's NIR, so the command refuses",
        "(exit 5) rather than guess.",
        "Requires --reason; one record (who, why, purpose, key, how many NIRs) is",
        "appended to the audit log, which must be writable before any NIR is printed.",
      })
  static final class Decrypt extends Base {
    @Mixin AuditOptions audit;

    @Override
    AuditOptions auditOptions() {
      return audit;
    }

    @Override
    Path auditRing() {
      return keys.keys;
    }

    @Override
    AuditOperation auditOperation() {
      return AuditOperation.FPE_DECRYPT;
    }

    @Option(
        names = "--key-id",
        paramLabel = "HEX",
        description =
            "Id of the FPE key that encrypted the input (8 hex digits, as 'nir fpe encrypt' and 'nir keys list' print it).")
    String keyId;

    @Override
    Mapper open() throws IOException, GeneralSecurityException, Failure {
      NirFpe.Mode m = mode();
      io.github.nirguard.crypto.Purpose.check(purpose);
      auditPurpose = purpose;
      KeyRing ring = keys.ring();
      if (keyId != null) {
        int id;
        try {
          id = Integer.parseUnsignedInt(keyId, 16);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--key-id takes 8 hex digits, as 'nir keys list' prints it");
        }
        try {
          return decrypting(NirFpe.forKey(ring, purpose, m, id));
        } catch (GeneralSecurityException e) {
          throw new GeneralSecurityException(
              "the fpe keyset of purpose '"
                  + purpose
                  + "' has no key "
                  + keyId.toLowerCase(java.util.Locale.ROOT));
        }
      }
      long n =
          ring.describe().stream()
              .filter(k -> k.purpose().equals(purpose) && k.kind() == KeyKind.FPE)
              .count();
      if (n > 1) {
        throw new GeneralSecurityException(
            "the fpe keyset of purpose '"
                + purpose
                + "' holds "
                + n
                + " keys (rotated): which one encrypted the input"
                + " cannot be told from FPE output; name it with --key-id (see 'nir keys list')");
      }
      return decrypting(NirFpe.create(ring, purpose, m));
    }

    private Mapper decrypting(NirFpe fpe) {
      auditKeyId = fpe.keyId();
      return line -> {
        try {
          return fpe.decrypt(line).compact();
        } catch (GeneralSecurityException e) {
          throw new Rejected("NOT_A_CIPHERTEXT", -1);
        }
      };
    }
  }
}
