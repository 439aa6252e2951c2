package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir keys}: create, rotate, list, disable, enable, destroy, promote, upgrade and export the
 * keysets of a key ring; never prints material.
 *
 * <p>Every command that changes the ring is a {@link KeyUpdate}: one read-change-write under the
 * ring's lock, in {@link KeyUpdate#run}, and one line on stdout saying what was done.
 *
 * <pre>{@code
 * nir keys kek --out dev/kek.json
 * nir keys create --keys keys.ring --insecure-kek-file dev/kek.json --purpose research-42 --kind token
 * nir keys list --keys keys.ring --insecure-kek-file dev/kek.json
 * nir keys disable --keys keys.ring --insecure-kek-file dev/kek.json --key 1a2b3c4d
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the key ring: one Tink keyset per purpose and kind, encrypted and sealed by a KEK.",
      "Key errors (unknown key id, the primary key disabled or destroyed, a destroyed key",
      "enabled, a ring that does not verify or is older than --min-version) exit 5."
    },
    subcommands = {
      KeysCommand.Kek.class,
      KeysCommand.Create.class,
      KeysCommand.Rotate.class,
      RingCommands.List.class,
      KeyByIdCommands.Disable.class,
      KeyByIdCommands.Enable.class,
      KeyByIdCommands.Destroy.class,
      KeyByIdCommands.Promote.class,
      RingCommands.Upgrade.class,
      RingCommands.Export.class,
      RecipientCommands.ExportPublic.class
    })
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Shared error handling: key errors and I/O errors by type, never with material. */
  abstract static class KeyTask implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract int run(PrintWriter out) throws IOException, GeneralSecurityException, Failure;

    /** The file arguments, by option name: errors name the argument with the file. */
    abstract Map<String, Path> files();

    /** The option whose file this task writes, or null. */
    abstract @Nullable String written();

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        return run(spec.commandLine().getOut());
      } catch (Failure f) { // audit: no --actor/--reason, or the audit log cannot take a record
        err.println(spec.qualifiedName() + ": " + f.getMessage());
        return f.code;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        err.println(
            spec.qualifiedName() + ": " + where(e.getFile()) + ": file exists, not overwritten");
        return ExitCodes.UNWRITABLE;
      } catch (java.nio.file.NoSuchFileException e) {
        err.println(
            spec.qualifiedName() + ": " + where(e.getFile()) + ": no such file or directory");
        return ExitCodes.UNREADABLE;
      } catch (io.github.nirguard.crypto.MalformedKeyRingException e) {
        err.println(spec.qualifiedName() + ": key error: " + e.getMessage());
        return ExitCodes.CRYPTO;
      } catch (IOException e) {
        String file = Errors.fileOf(e);
        String at =
            file != null
                ? where(file)
                : written() != null ? written() + " " + files().get(written()) : null;
        err.println(spec.qualifiedName() + ": " + (at == null ? "" : at + ": ") + Errors.cause(e));
        return ExitCodes.UNWRITABLE;
      } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
        err.println(spec.qualifiedName() + ": key error: " + e.getMessage());
        return ExitCodes.CRYPTO;
      }
    }

    /** {@code --keys keys.ring}, or the file alone if no argument names it. */
    private String where(String file) {
      for (Map.Entry<String, Path> f : files().entrySet()) {
        if (f.getValue() != null && f.getValue().toString().equals(file)) {
          return f.getKey() + " " + file;
        }
      }
      return file;
    }
  }

  /**
   * Runs a read-modify-write of a key ring under an exclusive lock of its sibling {@code
   * <ring>.lock} (created owner-only, kept), so that concurrent {@code nir keys create} or {@code
   * rotate} runs wait for each other instead of losing each other's keysets.
   */
  static void locked(Path ring, LockedUpdate update) throws IOException, GeneralSecurityException {
    Path lockFile = ring.toAbsolutePath().resolveSibling(ring.getFileName() + ".lock");
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileChannel ch;
    try {
      ch =
          lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")
              ? FileChannel.open(
                  lockFile,
                  options,
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : FileChannel.open(lockFile, options);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(ring.toString()); // errors name --keys, not its lock file
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(ring.toString());
    } catch (FileSystemException e) {
      throw new FileSystemException(ring.toString(), null, e.getReason());
    }
    try (ch;
        FileLock lock = ch.lock()) {
      update.run();
    }
  }

  /** The work done under the ring's lock. */
  interface LockedUpdate {
    void run() throws IOException, GeneralSecurityException;
  }

  @Command(
      name = "kek",
      mixinStandardHelpOptions = true,
      description = {
        "Create a development KEK: a cleartext Tink AES-256-GCM keyset file.",
        "For development and demos only; in production use --kek-uri (KMS) or --kek-env.",
        "Commands take it with --insecure-kek-file; keep it outside the ring's directory.",
      })
  static final class Kek extends KeyTask {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write it (must not exist).")
    Path out;

    @Override
    Map<String, Path> files() {
      return Map.of("--out", out);
    }

    @Override
    @Nullable String written() {
      return "--out";
    }

    @Override
    int run(PrintWriter w) throws IOException, GeneralSecurityException {
      if (Errors.refusesDash(spec.qualifiedName(), spec.commandLine().getErr(), out)) {
        return ExitCodes
            .USAGE; // a cleartext KEK on standard output, or in a file named '-': neither
      }
      io.github.nirguard.crypto.Kek.insecureCreateCleartextFile(out);
      spec.commandLine()
          .getErr()
          .println("nir keys kek: wrote a CLEARTEXT development KEK (owner-only permissions)");
      return ExitCodes.OK;
    }
  }

  /**
   * A change of the ring: read it (with the version anchor), change it, append one audit record
   * (who, operation, purpose, key id) and only then write it and raise the anchor, under the ring's
   * lock; then one line saying what was done. No record, no change.
   */
  abstract static class KeyUpdate extends KeyTask {
    @Mixin KeyOptions keys;

    @Mixin AuditOptions audit;

    /** The audit operation of the change. */
    abstract AuditOperation operation();

    /** Appends the change's record, once the new ring is known. */
    abstract void record(Auditor auditor, KeyRing next) throws AuditException;

    @Override
    Map<String, Path> files() {
      return keys.files();
    }

    @Override
    @Nullable String written() {
      return "--keys";
    }

    /** Whether a missing ring is an empty one ({@code create}) rather than an error. */
    boolean createsRing() {
      return false;
    }

    /** The change; {@link #done} describes it afterwards. */
    abstract KeyRingManager change(KeyRingManager keys) throws GeneralSecurityException;

    /** What was done, without material: e.g. {@code disabled 1a2b3c4d (research-42 token)}. */
    abstract String done();

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException, Failure {
      keys.adviseCustody = true;
      io.github.nirguard.crypto.Kek kek = keys.kek();
      Auditor auditor = audit.auditor(keys.keys, false);
      long[] version = new long[1];
      try {
        locked(
            keys.keys,
            () -> {
              KeyRingManager ring =
                  createsRing() && !Files.exists(keys.keys)
                      ? KeyRingManager.empty()
                      : KeyRingManager.of(KeyRing.read(keys.keys, kek, keys.minVersion(true)));
              KeyRing next = change(ring).ring();
              record(auditor, next);
              next.write(keys.keys, kek);
              keys.recordVersion(next.version());
              version[0] = next.version();
            });
      } catch (AuditException e) {
        throw audit.failure(e, keys.keys);
      }
      out.println(done());
      spec.commandLine()
          .getErr()
          .println(spec.qualifiedName() + ": key ring version " + version[0]);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Add a new keyset for a purpose and kind (creates the ring if missing).",
        "Concurrent runs on one ring wait for each other (a lock on the sibling file <ring>.lock).",
        "Appends one record to the audit log (who, purpose, new key id) before writing the ring."
      })
  static final class Create extends KeyUpdate {
    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "NAME",
        description = "Purpose, e.g. research-42.")
    String purpose;

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "KIND",
        description =
            "token, prp-token, siv-token, fpe, record, file, fingerprint, date-shift or recipient"
                + " (a keypair for recipient envelopes: give 'nir keys export-public' to producers).")
    String kind;

    @Override
    boolean createsRing() {
      return true;
    }

    @Override
    KeyRingManager change(KeyRingManager keys) throws GeneralSecurityException {
      return keys.add(purpose, KeyKind.named(kind));
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_CREATE;
    }

    @Override
    void record(Auditor auditor, KeyRing next) throws AuditException {
      AuditOptions.recordKey(auditor, operation(), purpose, KeyKind.named(kind), next);
    }

    @Override
    String done() {
      return "created " + purpose + " " + KeyKind.named(kind).label();
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Add a new primary key to a keyset; the old keys stay in it. Per kind:",
        "  token   new tokens differ from old ones (they do not join);",
        "          old tokens name their key id.",
        "  prp-token, siv-token, record, file: old values name their key",
        "          and stay readable.",
        "  fpe     FPE output names no key. Files made by 'nir protect' record",
        "          it in their row seal and stay revealable; values from",
        "          'nir fpe encrypt' or Spark need the old key's id",
        "          ('nir fpe decrypt --key-id'): never guessed, else refused.",
        "  fingerprint: the guard's counts start again under the new key.",
        "  date-shift: new shifts differ; data shifted before shifts back",
        "          with the old key id (DateShifter.forKey).",
        "  recipient: old envelopes stay readable; export the new public",
        "          key ('nir keys export-public') for producers to use.",
      })
  static final class Rotate extends KeyUpdate {
    @Option(names = "--purpose", required = true, paramLabel = "NAME", description = "Purpose.")
    String purpose;

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "KIND",
        description = "Kind of the keyset.")
    String kind;

    @Override
    KeyRingManager change(KeyRingManager keys) throws GeneralSecurityException {
      return keys.rotate(purpose, KeyKind.named(kind));
    }

    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_ROTATE;
    }

    @Override
    void record(Auditor auditor, KeyRing next) throws AuditException {
      AuditOptions.recordKey(auditor, operation(), purpose, KeyKind.named(kind), next);
    }

    @Override
    String done() {
      return "rotated " + purpose + " " + KeyKind.named(kind).label();
    }
  }
}
