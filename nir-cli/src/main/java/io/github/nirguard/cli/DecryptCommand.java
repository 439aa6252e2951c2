package io.github.nirguard.cli;

import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.RecipientEnvelope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir decrypt}: a nirguard envelope back to its file, only if the whole envelope verifies
 * (nothing is written for a truncated, extended or edited file), atomically, never over an existing
 * file unless asked. A file envelope ({@code nir encrypt --purpose}) opens with the purpose's file
 * keyset, a recipient envelope ({@code nir encrypt --to}) with its recipient keyset: the header
 * says which.
 *
 * <pre>{@code
 * nir decrypt --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export export.csv.nge export.csv
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Decrypt a nirguard envelope made by 'nir encrypt', with any key of the purpose's file keyset,",
      "or, for a recipient envelope ('nir encrypt --to', 'nir protect --to'; told by its header),",
      "with the purpose's recipient keyset (kind 'recipient') if the file names one of its keys.",
      "The whole envelope is verified before anything is written: a truncated, extended or edited",
      "file is refused (exit 5) and leaves no OUT. OUT is never IN, and an existing OUT is kept",
      "unless --replace, which replaces a regular file only. IN and OUT are files: '-' (standard",
      "input/output) is refused, as the plaintext is released only once the whole file verified.",
    })
final class DecryptCommand implements Callable<Integer> {
  @Mixin KeyOptions keys;

  @Option(
      names = "--purpose",
      required = true,
      paramLabel = "NAME",
      description = "Purpose of the file keyset, or of the recipient keyset.")
  String purpose;

  @Option(names = "--replace", description = "Replace OUT if it exists.")
  boolean replace;

  @Parameters(index = "0", paramLabel = "IN", description = "The envelope to decrypt.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return EncryptCommand.run(
        spec,
        in,
        out,
        () -> {
          if (isRecipientEnvelope(in)) {
            RecipientEnvelope.Reader reader = RecipientEnvelope.forRing(keys.ring(), purpose);
            return () -> reader.decrypt(in, out, EncryptCommand.options(replace));
          }
          FileEnvelope envelope = FileEnvelope.create(keys.ring(), purpose);
          return () -> envelope.decrypt(in, out, EncryptCommand.options(replace));
        },
        "decrypted");
  }

  /** An unreadable IN is not one: Preflight and the decryption report it. */
  private static boolean isRecipientEnvelope(Path in) {
    try {
      return RecipientEnvelope.isRecipientEnvelope(in);
    } catch (IOException e) {
      return false;
    }
  }
}
