package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
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
      KeysCommand.List.class,
      KeysCommand.Disable.class,
      KeysCommand.Enable.class,
      KeysCommand.Destroy.class,
      KeysCommand.Promote.class,
      KeysCommand.Upgrade.class,
      KeysCommand.Export.class
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
    abstract KeyRing change(KeyRing ring) throws GeneralSecurityException;

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
              KeyRing ring =
                  createsRing() && !Files.exists(keys.keys)
                      ? KeyRing.empty()
                      : KeyRing.read(keys.keys, kek, keys.minVersion(true));
              KeyRing next = change(ring);
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
        description = "token, prp-token, siv-token, fpe, record, file, fingerprint or date-shift.")
    String kind;

    @Override
    boolean createsRing() {
      return true;
    }

    @Override
    KeyRing change(KeyRing ring) throws GeneralSecurityException {
      return ring.withNewKeyset(purpose, KeyKind.named(kind));
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
    KeyRing change(KeyRing ring) throws GeneralSecurityException {
      return ring.rotate(purpose, KeyKind.named(kind));
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

  /** A change of one key, named by its id ({@code nir keys list}), in whichever keyset holds it. */
  abstract static class KeyById extends KeyUpdate {
    @Option(
        names = "--key",
        required = true,
        paramLabel = "ID",
        description = "The key id, 8 hex digits as 'nir keys list' shows it.")
    String key;

    @Option(
        names = "--purpose",
        paramLabel = "NAME",
        description = "Only if two keysets hold this id: the purpose.")
    @Nullable String purpose;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "Only if two keysets hold this id: the kind.")
    @Nullable String kind;

    /** The key found by {@link #change}: its purpose, kind and id. */
    @Nullable KeyInfo found;

    /** The past participle of the change, for {@link #done}: {@code disabled}. */
    abstract String verb();

    abstract KeyRing apply(KeyRing ring, String purpose, KeyKind kind, int keyId)
        throws GeneralSecurityException;

    @Override
    KeyRing change(KeyRing ring) throws GeneralSecurityException {
      int id;
      try {
        if (!key.matches("[0-9a-fA-F]{1,8}")) {
          throw new NumberFormatException();
        }
        id = Integer.parseUnsignedInt(key, 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--key: not a key id (8 hex digits)");
      }
      KeyKind k = kind == null ? null : KeyKind.named(kind);
      java.util.List<KeyInfo> matches = new java.util.ArrayList<>();
      for (KeyInfo info : ring.describe()) {
        if (info.keyId() == id
            && (purpose == null || info.purpose().equals(purpose))
            && (k == null || info.kind() == k)) {
          matches.add(info);
        }
      }
      if (matches.isEmpty()) {
        throw new IllegalArgumentException("no key with this id in the ring");
      }
      if (matches.size() > 1) {
        throw new IllegalArgumentException(
            "several keysets hold this key id: name it with --purpose and --kind");
      }
      KeyInfo info = matches.get(0);
      found = info;
      return apply(ring, info.purpose(), info.kind(), id);
    }

    @Override
    void record(Auditor auditor, KeyRing next) throws AuditException {
      KeyInfo f = java.util.Objects.requireNonNull(found);
      auditor.record(operation(), f.purpose(), 1, f.keyId());
    }

    @Override
    String done() {
      KeyInfo f = java.util.Objects.requireNonNull(found);
      return verb() + " " + f.keyIdHex() + " (" + f.purpose() + " " + f.kind().label() + ")";
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = {
        "Disable a key: it neither protects nor reveals anything until enabled again.",
        "The material stays in the ring. The primary key cannot be disabled: promote another."
      })
  static final class Disable extends KeyById {
    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_DISABLE;
    }

    @Override
    String verb() {
      return "disabled";
    }

    @Override
    KeyRing apply(KeyRing ring, String purpose, KeyKind kind, int keyId)
        throws GeneralSecurityException {
      return ring.disable(purpose, kind, keyId);
    }
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled key again (a destroyed key cannot be).")
  static final class Enable extends KeyById {
    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_ENABLE;
    }

    @Override
    String verb() {
      return "enabled";
    }

    @Override
    KeyRing apply(KeyRing ring, String purpose, KeyKind kind, int keyId)
        throws GeneralSecurityException {
      return ring.enable(purpose, kind, keyId);
    }
  }

  @Command(
      name = "destroy",
      mixinStandardHelpOptions = true,
      description = {
        "Destroy a key's material for good (its id stays, status DESTROYED): what it",
        "protected can no longer be revealed or verified with this ring. Copies of older",
        "rings (backups, exports) still hold it. The primary key cannot be destroyed."
      })
  static final class Destroy extends KeyById {
    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_DESTROY;
    }

    @Override
    String verb() {
      return "destroyed";
    }

    @Override
    KeyRing apply(KeyRing ring, String purpose, KeyKind kind, int keyId)
        throws GeneralSecurityException {
      return ring.destroy(purpose, kind, keyId);
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Make an enabled key the primary key of its keyset (e.g. undo a rotation).")
  static final class Promote extends KeyById {
    @Override
    AuditOperation operation() {
      return AuditOperation.KEY_PROMOTE;
    }

    @Override
    String verb() {
      return "promoted";
    }

    @Override
    KeyRing apply(KeyRing ring, String purpose, KeyKind kind, int keyId)
        throws GeneralSecurityException {
      return ring.promote(purpose, kind, keyId);
    }
  }

  @Command(
      name = "upgrade",
      mixinStandardHelpOptions = true,
      description = {
        "Rewrite a format 1 key ring (each line authenticated alone) in format 2: sealed as",
        "a whole, with a version. Keys and outputs are unchanged. Format 1 cannot show a",
        "line rolled back or deleted: upgrade the copy you trust, once. Other commands",
        "refuse format 1 rings."
      })
  static final class Upgrade extends KeyTask {
    @Mixin KeyOptions keys;

    @Override
    Map<String, Path> files() {
      return keys.files();
    }

    @Override
    @Nullable String written() {
      return "--keys";
    }

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException {
      keys.adviseCustody = true;
      io.github.nirguard.crypto.Kek kek = keys.kek();
      String[] result = new String[1];
      locked(
          keys.keys,
          () -> {
            byte[] content = Files.readAllBytes(keys.keys);
            if (KeyRing.formatOf(content) != 1) {
              KeyRing.read(keys.keys, kek, keys.minVersion(true)); // verifies, or refuses
              result[0] = "already format 2: " + keys.keys;
              return;
            }
            KeyRing ring = KeyRing.upgradeFromVersion1(content, kek);
            ring.write(keys.keys, kek);
            keys.recordVersion(ring.version());
            result[0] = "upgraded " + keys.keys + " to format 2 (version " + ring.version() + ")";
          });
      out.println(result[0]);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write a ring for a recipient: only the keysets of one purpose and the named kinds,",
        "without disabled or destroyed keys, encrypted and sealed under the recipient's KEK.",
        "E.g. --kind file for whoever only decrypts envelopes; --kind fingerprint for a",
        "lookup host running the enumeration guard."
      })
  static final class Export extends KeyTask {
    @Mixin KeyOptions keys;

    @Option(names = "--purpose", required = true, paramLabel = "NAME", description = "Purpose.")
    String purpose;

    @Option(
        names = "--kind",
        required = true,
        split = ",",
        paramLabel = "KIND",
        description = "The kinds the recipient may use (repeat, or comma-separated).")
    java.util.List<String> kinds;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "KEK",
        description =
            "The recipient's KEK: a KMS key URI (e.g. gcp-kms://...), or a cleartext KEK file"
                + " (development only).")
    String to;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The recipient's ring (must not exist).")
    Path out;

    @Override
    Map<String, Path> files() {
      Map<String, Path> m = new java.util.LinkedHashMap<>(keys.files());
      m.put("--out", out);
      if (!isUri(to)) {
        m.put("--to", Path.of(to));
      }
      return m;
    }

    @Override
    @Nullable String written() {
      return "--out";
    }

    static boolean isUri(String s) {
      return s.matches("[a-z0-9-]+://.*");
    }

    @Override
    int run(PrintWriter w) throws IOException, GeneralSecurityException {
      if (Errors.refusesDash(spec.qualifiedName(), spec.commandLine().getErr(), out)) {
        return ExitCodes.USAGE;
      }
      KeyKind[] ks = kinds.stream().map(KeyKind::named).toArray(KeyKind[]::new);
      io.github.nirguard.crypto.Kek recipient;
      if (isUri(to)) {
        recipient = io.github.nirguard.crypto.Kek.fromKms(to);
      } else {
        Path file = Path.of(to);
        if (io.github.nirguard.crypto.Kek.openToOthers(file)) {
          throw new GeneralSecurityException(
              "--to " + file + ": readable or writable by group or others: refused (chmod 600 it)");
        }
        recipient = io.github.nirguard.crypto.Kek.insecureFromCleartextFile(file);
      }
      keys.adviseCustody = true;
      KeyRing forRecipient = keys.read().forRecipient(purpose, ks);
      io.github.nirguard.crypto.AtomicFile.write(out, forRecipient.toBytes(recipient), false);
      StringBuilder what = new StringBuilder();
      for (KeyKind k : ks) {
        what.append(what.length() == 0 ? "" : ", ").append(k.label());
      }
      w.println(
          "exported "
              + purpose
              + " "
              + what
              + " ("
              + forRecipient.describe().size()
              + " keys, version "
              + forRecipient.version()
              + ") to "
              + out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List purposes, kinds, key ids, status, creation time and the primary key of each",
        "keyset (never material); the ring's version goes to stderr."
      })
  static final class List extends KeyTask {
    @Mixin KeyOptions keys;

    @Override
    Map<String, Path> files() {
      return keys.files();
    }

    @Override
    @Nullable String written() {
      return null;
    }

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException {
      keys.adviseCustody = true;
      KeyRing ring = keys.read();
      java.util.List<KeyInfo> all = ring.describe();
      out.println("purpose\tkind\tkey\tstatus\tcreated\tprimary");
      for (KeyInfo k : all) {
        out.println(
            k.purpose()
                + "\t"
                + k.kind().label()
                + "\t"
                + k.keyIdHex()
                + "\t"
                + k.status()
                + "\t"
                + (k.created() == null ? "-" : k.created().toString())
                + "\t"
                + (k.primary() ? "yes" : ""));
      }
      spec.commandLine()
          .getErr()
          .println(spec.qualifiedName() + ": key ring version " + ring.version());
      return ExitCodes.OK;
    }
  }
}
