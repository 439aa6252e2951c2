package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
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

    /** The change of one key of one keyset, e.g. {@code KeyRingManager::disable}. */
    @FunctionalInterface
    interface Change {
      KeyRingManager apply(KeyRingManager keys, String purpose, KeyKind kind, int keyId)
          throws GeneralSecurityException;
    }

    private final AuditOperation operation;

    /** The past participle of the change, for {@link #done}: {@code disabled}. */
    private final String verb;

    private final Change apply;

    KeyById(AuditOperation operation, String verb, Change apply) {
      this.operation = operation;
      this.verb = verb;
      this.apply = apply;
    }

    @Override
    AuditOperation operation() {
      return operation;
    }

    @Override
    KeyRingManager change(KeyRingManager keys) throws GeneralSecurityException {
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
      for (KeyInfo info : keys.ring().describe()) {
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
      return apply.apply(keys, info.purpose(), info.kind(), id);
    }

    @Override
    void record(Auditor auditor, KeyRing next) throws AuditException {
      KeyInfo f = java.util.Objects.requireNonNull(found);
      auditor.record(operation(), f.purpose(), 1, f.keyId());
    }

    @Override
    String done() {
      KeyInfo f = java.util.Objects.requireNonNull(found);
      return verb + " " + f.keyIdHex() + " (" + f.purpose() + " " + f.kind().label() + ")";
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
    Disable() {
      super(AuditOperation.KEY_DISABLE, "disabled", KeyRingManager::disable);
    }
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled key again (a destroyed key cannot be).")
  static final class Enable extends KeyById {
    Enable() {
      super(AuditOperation.KEY_ENABLE, "enabled", KeyRingManager::enable);
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
    Destroy() {
      super(AuditOperation.KEY_DESTROY, "destroyed", KeyRingManager::destroy);
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Make an enabled key the primary key of its keyset (e.g. undo a rotation).")
  static final class Promote extends KeyById {
    Promote() {
      super(AuditOperation.KEY_PROMOTE, "promoted", KeyRingManager::promote);
    }
  }
}
