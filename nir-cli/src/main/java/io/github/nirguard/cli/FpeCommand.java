package io.github.nirguard.cli;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.validate.NirValidator;
import java.io.IOException;
import java.security.GeneralSecurityException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir fpe encrypt|decrypt}: format-preserving encryption of NIRs, line by line.
 *
 * <pre>{@code
 * nir fpe encrypt --keys keys.ring --kek-file dev-kek.json --purpose lab-export nirs.txt
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

    @Option(names = "--purpose", required = true, paramLabel = "NAME", description = "Purpose of the FPE keyset.")
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

    NirFpe fpe;

    @Override
    void open() throws IOException, GeneralSecurityException, Failure {
      NirFpe.Mode m;
      if (mode.equals("marked")) {
        m = NirFpe.Mode.MARKED;
      } else if (mode.equals("format-valid")) {
        m = NirFpe.Mode.FORMAT_VALID;
      } else {
        throw new IllegalArgumentException("unknown --mode (expected marked or format-valid)");
      }
      fpe = NirFpe.create(keys.ring(), purpose, m);
    }
  }

  @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt one NIR per line.")
  static final class Encrypt extends Base {
    @Override
    String apply(String line) throws Rejected {
      try {
        return fpe.encrypt(TokenizeCommand.parse(NirValidator.strict(), line));
      } catch (IllegalArgumentException e) {
        throw new Rejected("NOT_IN_FPE_DOMAIN", -1);
      }
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt one FPE ciphertext per line.")
  static final class Decrypt extends Base {
    @Override
    String apply(String line) throws Rejected {
      try {
        return fpe.decrypt(line).compact();
      } catch (GeneralSecurityException e) {
        throw new Rejected("NOT_A_CIPHERTEXT", -1);
      }
    }
  }
}
