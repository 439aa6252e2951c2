package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nir keys disable | enable | destroy | promote}: a change of one key, named by its id. */
final class KeyByIdCommands {
  private KeyByIdCommands() {}

  /** A change of one key, named by its id ({@code nir keys list}), in whichever keyset holds it. */
  abstract static class KeyById extends KeysCommand.KeyUpdate {
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
}
