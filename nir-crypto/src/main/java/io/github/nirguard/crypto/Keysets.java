package io.github.nirguard.crypto;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import io.github.nirguard.crypto.RingFormat.Slot;
import io.github.nirguard.crypto.internal.DerivedKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One keyset of a {@link KeyRing}, as a {@link Slot}: made, rotated, changed key by key through
 * Tink's {@link KeysetManager} (disable, enable, destroy, promote, with the ring's refusals), cut
 * down to its enabled keys for a recipient, described, and its PRF keys derived. Each change
 * returns a new slot; {@link KeyRingManager} puts it in the next ring.
 */
final class Keysets {
  private Keysets() {}

  /** A new keyset of one fresh key of this kind, created now. */
  static Slot fresh(KeyKind kind) throws GeneralSecurityException {
    KeysetHandle h = KeysetHandle.generateNew(kind.parameters());
    return new Slot(h, Map.of(h.getPrimary().getId(), now()));
  }

  /** The keyset with a new primary key, created now; the old keys stay for reading. */
  static Slot rotated(Slot old, KeyKind kind) throws GeneralSecurityException {
    KeysetHandle rotated =
        KeysetHandle.newBuilder(old.handle())
            .addEntry(
                KeysetHandle.generateEntryFromParameters(kind.parameters())
                    .withRandomId()
                    .makePrimary())
            .build();
    Map<Integer, Long> created = new LinkedHashMap<>(old.created());
    created.put(rotated.getPrimary().getId(), now());
    return new Slot(rotated, created);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  /** See {@link KeyRingManager#disable}. */
  static Slot disabled(Slot s, int keyId) throws GeneralSecurityException {
    refuseRemoval(s, keyId, "disabled");
    return changed(s, KeysetManager.withKeysetHandle(s.handle()).disable(keyId));
  }

  /** See {@link KeyRingManager#enable}. */
  static Slot enabled(Slot s, int keyId) throws GeneralSecurityException {
    refuseDestroyed(entry(s, keyId));
    return changed(s, KeysetManager.withKeysetHandle(s.handle()).enable(keyId));
  }

  /** See {@link KeyRingManager#destroy}. */
  static Slot destroyed(Slot s, int keyId) throws GeneralSecurityException {
    refuseRemoval(s, keyId, "destroyed");
    return changed(s, KeysetManager.withKeysetHandle(s.handle()).destroy(keyId));
  }

  /** See {@link KeyRingManager#promote}. */
  static Slot promoted(Slot s, int keyId) throws GeneralSecurityException {
    KeysetHandle.Entry e = entry(s, keyId);
    if (!e.getStatus().equals(KeyStatus.ENABLED)) {
      throw new IllegalStateException("only an enabled key can become the primary key");
    }
    return changed(s, KeysetManager.withKeysetHandle(s.handle()).setPrimary(keyId));
  }

  private static Slot changed(Slot s, KeysetManager m) throws GeneralSecurityException {
    return new Slot(m.getKeysetHandle(), s.created());
  }

  private static KeysetHandle.Entry entry(Slot s, int keyId) {
    for (int i = 0; i < s.handle().size(); i++) {
      if (s.handle().getAt(i).getId() == keyId) {
        return s.handle().getAt(i);
      }
    }
    throw new IllegalArgumentException("the keyset has no key with this id");
  }

  /** What disabling and destroying refuse: no such key, the primary key, a destroyed key. */
  private static void refuseRemoval(Slot s, int keyId, String what) {
    KeysetHandle.Entry e = entry(s, keyId);
    if (e.isPrimary()) {
      throw new IllegalArgumentException(
          "the primary key cannot be " + what + ": promote another key first");
    }
    refuseDestroyed(e);
  }

  private static void refuseDestroyed(KeysetHandle.Entry e) {
    if (e.getStatus().equals(KeyStatus.DESTROYED)) {
      throw new IllegalStateException("the key is destroyed: its material is gone for good");
    }
  }

  /** The keyset without its disabled or destroyed keys, and their creation times. */
  static Slot enabledOnly(Slot s) throws GeneralSecurityException {
    KeysetManager m = KeysetManager.withKeysetHandle(s.handle());
    Map<Integer, Long> created = new LinkedHashMap<>(s.created());
    for (int i = 0; i < s.handle().size(); i++) {
      KeysetHandle.Entry e = s.handle().getAt(i);
      if (!e.getStatus().equals(KeyStatus.ENABLED)) {
        m.delete(e.getId());
        created.remove(e.getId());
      }
    }
    return new Slot(m.getKeysetHandle(), created);
  }

  /** Every key of the keyset of a purpose and kind, in the keyset's order; never material. */
  static List<KeyInfo> describe(String purpose, KeyKind kind, Slot s) {
    List<KeyInfo> out = new ArrayList<>();
    KeysetHandle h = s.handle();
    for (int i = 0; i < h.size(); i++) {
      KeysetHandle.Entry k = h.getAt(i);
      Long t = s.created().get(k.getId());
      out.add(
          new KeyInfo(
              purpose,
              kind,
              k.getId(),
              statusName(k.getStatus()),
              k.isPrimary(),
              t == null ? null : Instant.ofEpochSecond(t)));
    }
    return out;
  }

  private static String statusName(KeyStatus s) {
    return s.equals(KeyStatus.ENABLED)
        ? "ENABLED"
        : s.equals(KeyStatus.DISABLED) ? "DISABLED" : "DESTROYED";
  }

  /**
   * Derives 32-byte keys from a PRF keyset: one per enabled key id, domain-separated by format
   * version, kind and purpose.
   */
  static DerivedKeys derive(KeysetHandle prfKeyset, String purpose, KeyKind kind)
      throws GeneralSecurityException {
    PrfSet prfs = prfKeyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    byte[] info = ("nirguard/v1/" + kind.label() + "/" + purpose).getBytes(StandardCharsets.UTF_8);
    Map<Integer, byte[]> keys = new LinkedHashMap<>();
    for (Map.Entry<Integer, Prf> e : prfs.getPrfs().entrySet()) {
      keys.put(e.getKey(), e.getValue().compute(info, 32));
    }
    return new DerivedKeys(prfs.getPrimaryId(), keys);
  }
}
