package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir keys list | upgrade | export}: the ring read, rewritten in format 2, or cut for a
 * recipient.
 */
final class RingCommands {
  private RingCommands() {}

  @Command(
      name = "upgrade",
      mixinStandardHelpOptions = true,
      description = {
        "Rewrite a format 1 key ring (each line authenticated alone) in format 2: sealed as",
        "a whole, with a version. Keys and outputs are unchanged. Format 1 cannot show a",
        "line rolled back or deleted: upgrade the copy you trust, once. Other commands",
        "refuse format 1 rings. Appends one record per purpose to the audit log before",
        "writing the ring."
      })
  static final class Upgrade extends KeysCommand.KeyTask {
    @Mixin KeyOptions keys;
    @Mixin AuditOptions audit;

    @Override
    Map<String, Path> files() {
      return keys.files();
    }

    @Override
    @Nullable String written() {
      return "--keys";
    }

    @Override
    int run(PrintWriter out) throws IOException, GeneralSecurityException, Failure {
      keys.adviseCustody = true;
      io.github.nirguard.crypto.Kek kek = keys.kek();
      Auditor auditor = audit.auditor(keys.keys, false);
      String[] result = new String[1];
      try {
        KeysCommand.locked(
            keys.keys,
            () -> {
              byte[] content = Files.readAllBytes(keys.keys);
              if (KeyRing.formatOf(content) != 1) {
                var unused =
                    KeyRing.read(keys.keys, kek, keys.minVersion(true)); // verifies, or refuses
                result[0] = "already format 2: " + keys.keys;
                return;
              }
              KeyRing ring = KeyRing.upgradeFromVersion1(content, kek);
              for (Map.Entry<String, Integer> p : keysByPurpose(ring).entrySet()) {
                auditor.record(AuditOperation.KEY_UPGRADE, p.getKey(), p.getValue(), null);
              }
              ring.write(keys.keys, kek);
              keys.recordVersion(ring.version());
              result[0] = "upgraded " + keys.keys + " to format 2 (version " + ring.version() + ")";
            });
      } catch (AuditException e) {
        throw audit.failure(e, keys.keys);
      }
      out.println(result[0]);
      return ExitCodes.OK;
    }
  }

  /** The number of keys of each purpose in a ring, by purpose name. */
  static Map<String, Integer> keysByPurpose(KeyRing ring) {
    Map<String, Integer> count = new TreeMap<>();
    for (KeyInfo k : ring.describe()) {
      count.merge(k.purpose(), 1, Integer::sum);
    }
    return count;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write a ring for a recipient: only the keysets of one purpose and the named kinds,",
        "without disabled or destroyed keys, encrypted and sealed under the recipient's KEK.",
        "E.g. --kind file for whoever only decrypts envelopes; --kind fingerprint for a",
        "lookup host running the enumeration guard. Appends one record to the audit log",
        "(purpose, number of keys, who, why) before the recipient's ring is written."
      })
  static final class Export extends KeysCommand.KeyTask {
    @Mixin KeyOptions keys;
    @Mixin AuditOptions audit;

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
    int run(PrintWriter w) throws IOException, GeneralSecurityException, Failure {
      if (Errors.refusesDash(spec.qualifiedName(), spec.commandLine().getErr(), out)) {
        return ExitCodes.USAGE;
      }
      Auditor auditor = audit.auditor(keys.keys, false);
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
      KeyRing forRecipient = KeyRingManager.of(keys.read()).forRecipient(purpose, ks).ring();
      byte[] sealed = forRecipient.toBytes(recipient);
      audit.ready(auditor, keys.keys);
      if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        // checked again by the atomic write; here so that a refused export leaves no record
        throw new java.nio.file.FileAlreadyExistsException(out.toString());
      }
      try {
        auditor.record(AuditOperation.KEY_EXPORT, purpose, forRecipient.describe().size(), null);
      } catch (AuditException e) {
        throw audit.failure(e, keys.keys);
      }
      io.github.nirguard.crypto.AtomicFile.write(out, sealed, false);
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
  static final class List extends KeysCommand.KeyTask {
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
