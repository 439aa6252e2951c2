package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.RecipientPublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nir keys export-public}: the public half of a recipient keyset, for producers. */
final class RecipientCommands {
  private RecipientCommands() {}

  @Command(
      name = "export-public",
      mixinStandardHelpOptions = true,
      description = {
        "Write the public key of a purpose's recipient keyset (its primary key), as Tink's JSON",
        "public keyset: no secret, safe to mail. Producers encrypt for it with",
        "'nir encrypt --to FILE' or 'nir protect --to FILE'; only this ring decrypts",
        "('nir decrypt --purpose NAME'). Make the keyset with 'nir keys create --kind recipient'."
      })
  static final class ExportPublic extends KeysCommand.KeyTask {
    @Mixin KeyOptions keys;

    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "NAME",
        description = "Purpose of the recipient keyset.")
    String purpose;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The public key file to write (must not exist).")
    Path out;

    @Override
    Map<String, Path> files() {
      Map<String, Path> m = new LinkedHashMap<>(keys.files());
      m.put("--out", out);
      return m;
    }

    @Override
    @Nullable String written() {
      return "--out";
    }

    @Override
    int run(PrintWriter w) throws IOException, GeneralSecurityException {
      if (Errors.refusesDash(spec.qualifiedName(), spec.commandLine().getErr(), out)) {
        return ExitCodes.USAGE;
      }
      keys.adviseCustody = true;
      KeyRing ring = keys.read();
      RecipientPublicKey key = RecipientPublicKey.fromRing(ring, purpose);
      key.write(out);
      w.println("exported the public key " + key.keyIdHex() + " of " + purpose + " to " + out);
      return ExitCodes.OK;
    }
  }
}
