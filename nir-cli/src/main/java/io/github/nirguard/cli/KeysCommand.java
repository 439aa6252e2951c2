package io.github.nirguard.cli;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir keys}: create, rotate and list the keysets of a key ring; never prints material.
 *
 * <pre>{@code
 * nir keys kek --out dev-kek.json
 * nir keys create --keys keys.ring --kek-file dev-kek.json --purpose research-42 --kind token
 * nir keys list --keys keys.ring --kek-file dev-kek.json
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage the key ring: one Tink keyset per purpose and kind, encrypted by a KEK.",
    subcommands = {KeysCommand.Kek.class, KeysCommand.Create.class, KeysCommand.Rotate.class, KeysCommand.List.class})
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Shared error handling: key errors and I/O errors by type, never with material. */
  abstract static class KeyTask implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract int run(PrintWriter out) throws IOException, GeneralSecurityException;

    @Override
    public Integer call() {
      try {
        return run(spec.commandLine().getOut());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": file exists, not overwritten: " + e.getFile());
        return ExitCodes.UNWRITABLE;
      } catch (java.nio.file.NoSuchFileException e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": no such file: " + e.getFile());
        return ExitCodes.UNREADABLE;
      } catch (IOException e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": I/O error (" + e.getClass().getSimpleName() + ")");
        return ExitCodes.UNWRITABLE;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": key error: " + e.getMessage());
        return ExitCodes.CRYPTO;
      }
    }
  }

  @Command(
      name = "kek",
      mixinStandardHelpOptions = true,
      description = {
        "Create a development KEK: a cleartext Tink AES-256-GCM keyset file.",
        "For development and demos only; in production use --kek-uri (KMS) or --kek-env.",
      })
  static final class Kek extends KeyTask {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (must not exist).")
    Path out;

    @Override
    int run(PrintWriter w) throws IOException, GeneralSecurityException {
      io.github.nirguard.crypto.Kek.insecureCreateCleartextFile(out);
      spec.commandLine().getErr().println("nir keys kek: wrote a CLEARTEXT development KEK (owner-only permissions)");
      return ExitCodes.OK;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Add a new keyset for a purpose and kind (creates the ring if missing).")
  static final class Create extends KeyTask {
    @Mixin KeyOptions keys;

    @Option(names = "--purpose", required = true, paramLabel = "NAME", description = "Purpose, e.g. research-42.")
    String purpose;

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "KIND",
        description = "token, prp-token, siv-token, fpe, record or file.")
    String kind;

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException {
      io.github.nirguard.crypto.Kek kek = keys.kek();
      KeyRing ring = Files.exists(keys.keys) ? KeyRing.read(keys.keys, kek) : KeyRing.empty();
      ring.withNewKeyset(purpose, KeyKind.named(kind)).write(keys.keys, kek);
      out.println("created " + purpose + " " + KeyKind.named(kind).label());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Add a new primary key to a keyset; the old keys stay in it. What that means per kind:",
        "  token      new tokens differ from old ones (they will not join); old tokens name their key id.",
        "  prp-token, siv-token, record, file: old values name their key and stay readable.",
        "  fpe        FPE output names no key. Files protected by 'nir protect' record the key in their",
        "             row seal and stay revealable; values from 'nir fpe encrypt' or Spark need the old",
        "             key's id ('nir fpe decrypt --key-id'): without it decryption is refused, never guessed.",
      })
  static final class Rotate extends KeyTask {
    @Mixin KeyOptions keys;

    @Option(names = "--purpose", required = true, paramLabel = "NAME", description = "Purpose.")
    String purpose;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "Kind of the keyset.")
    String kind;

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException {
      io.github.nirguard.crypto.Kek kek = keys.kek();
      KeyRing.read(keys.keys, kek).rotate(purpose, KeyKind.named(kind)).write(keys.keys, kek);
      out.println("rotated " + purpose + " " + KeyKind.named(kind).label());
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List purposes, kinds, key ids and status (never material).")
  static final class List extends KeyTask {
    @Mixin KeyOptions keys;

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException {
      java.util.List<KeyInfo> all = keys.read().describe();
      out.println("purpose\tkind\tkey\tstatus\tprimary");
      for (KeyInfo k : all) {
        out.println(k.purpose() + "\t" + k.kind().label() + "\t" + k.keyIdHex() + "\t" + k.status() + "\t" + (k.primary() ? "yes" : ""));
      }
      return ExitCodes.OK;
    }
  }
}
