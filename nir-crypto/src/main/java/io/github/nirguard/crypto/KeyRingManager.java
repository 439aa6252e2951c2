package io.github.nirguard.crypto;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.crypto.RingFormat.Slot;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The lifecycle of a {@link KeyRing}: new keysets, rotation, and key by key disable, enable,
 * destroy and promote, with Tink's semantics, and the cut-down ring a recipient may hold.
 *
 * <p>Immutable: every operation returns a new manager around the next ring, whose {@link
 * KeyRing#version} is one higher for each keyset changed (so adding three kinds at once moves it by
 * three); this manager and its ring are unchanged, and an operation that throws changes nothing.
 * {@link #ring} is the value to write. Disabled keys neither protect nor reveal; destroyed keys
 * have lost their material; the primary key is the one new data is protected with.
 *
 * <pre>{@code
 * Kek kek = Kek.insecureFromCleartextFile(Path.of("dev-kek.json"));
 * KeyRingManager keys = KeyRingManager.empty().add("research-42", KeyKind.TOKEN, KeyKind.FPE);
 * keys.ring().write(Path.of("keys.ring"), kek);
 * KeyRing next = KeyRingManager.of(KeyRing.read(Path.of("keys.ring"), kek))
 *     .rotate("research-42", KeyKind.TOKEN)
 *     .ring();
 * next.write(Path.of("keys.ring"), kek);
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class KeyRingManager {
  private final KeyRing ring;

  private KeyRingManager(KeyRing ring) {
    this.ring = ring;
  }

  /**
   * Returns a manager of a ring with no keys, at version 0.
   *
   * <pre>{@code
   * KeyRing ring = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN).ring();
   * }</pre>
   *
   * @return the manager of the empty ring
   * @since 0.1.0
   */
  public static KeyRingManager empty() {
    TinkSetup.ensure();
    return new KeyRingManager(new KeyRing(new TreeMap<>(), 0));
  }

  /**
   * Returns a manager of an existing ring, e.g. one just read from its file.
   *
   * <pre>{@code
   * KeyRingManager keys = KeyRingManager.of(KeyRing.read(Path.of("keys.ring"), kek));
   * }</pre>
   *
   * @param ring the ring
   * @return its manager
   * @since 0.1.0
   */
  public static KeyRingManager of(KeyRing ring) {
    return new KeyRingManager(Objects.requireNonNull(ring, "ring"));
  }

  /**
   * Returns the ring as it stands after the operations so far: the value to write or use.
   *
   * <pre>{@code
   * keys.ring().write(Path.of("keys.ring"), kek);
   * }</pre>
   *
   * @return the ring
   * @since 0.1.0
   */
  public KeyRing ring() {
    return ring;
  }

  /** The manager of a copy of the ring with one slot replaced, as the next version. */
  private KeyRingManager with(String purpose, KeyKind kind, Slot value) {
    Map<String, Slot> copy = new TreeMap<>(ring.slots());
    copy.put(KeyRing.slot(purpose, kind), value);
    return new KeyRingManager(new KeyRing(copy, ring.version() + 1));
  }

  /**
   * Returns a manager whose ring has a new keyset (one fresh key) for a purpose and each of the
   * given kinds, e.g. everything a protected export with a file envelope needs. The version moves
   * by one per kind.
   *
   * <pre>{@code
   * KeyRingManager keys = KeyRingManager.empty()
   *     .add("lab-export", KeyKind.TOKEN, KeyKind.FPE, KeyKind.RECORD, KeyKind.FILE);
   * }</pre>
   *
   * @param purpose the purpose name, see {@link Purpose#check}
   * @param kinds the kinds, at least one
   * @return the new manager
   * @throws IllegalArgumentException if no kind is given, or the ring already has one of these
   *     keysets
   * @throws GeneralSecurityException if Tink fails
   * @since 0.1.0
   */
  public KeyRingManager add(String purpose, KeyKind... kinds) throws GeneralSecurityException {
    if (kinds.length == 0) {
      throw new IllegalArgumentException("name at least one kind for the new keysets");
    }
    KeyRingManager m = this;
    for (KeyKind k : kinds) {
      if (m.ring.contains(purpose, k)) {
        throw new IllegalArgumentException(
            "the ring already has a keyset for this purpose and kind");
      }
      m = m.with(purpose, k, Keysets.fresh(k));
    }
    return m;
  }

  /**
   * Returns a manager whose ring has a new primary key in the keyset of a purpose and kind; the old
   * keys stay for reading.
   *
   * <pre>{@code
   * KeyRing next = KeyRingManager.of(ring).rotate("research-42", KeyKind.TOKEN).ring();
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @return the new manager
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws GeneralSecurityException if Tink fails
   * @since 0.1.0
   */
  public KeyRingManager rotate(String purpose, KeyKind kind) throws GeneralSecurityException {
    return with(purpose, kind, Keysets.rotated(ring.slotOf(purpose, kind), kind));
  }

  /**
   * Returns a manager whose ring has a key disabled: it neither protects nor reveals anything until
   * {@link #enable enabled} again (Tink's semantics; the material stays in the ring). The primary
   * key cannot be disabled: {@link #promote} another one first.
   *
   * <pre>{@code
   * KeyRingManager next = keys.disable("research-42", KeyKind.TOKEN, 0x1a2b3c4d);
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @param keyId the Tink key id, as {@link KeyInfo#keyIdHex} shows it
   * @return the new manager
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws IllegalArgumentException if the keyset has no such key, or it is the primary key
   * @throws IllegalStateException if the key is destroyed
   * @throws GeneralSecurityException if Tink refuses
   * @since 0.1.0
   */
  public KeyRingManager disable(String purpose, KeyKind kind, int keyId)
      throws GeneralSecurityException {
    return with(purpose, kind, Keysets.disabled(ring.slotOf(purpose, kind), keyId));
  }

  /**
   * Returns a manager whose ring has a disabled key enabled again: it reveals what it protected.
   *
   * <pre>{@code
   * KeyRingManager next = keys.enable("research-42", KeyKind.TOKEN, 0x1a2b3c4d);
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @param keyId the Tink key id
   * @return the new manager
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws IllegalArgumentException if the keyset has no such key
   * @throws IllegalStateException if the key is destroyed: nothing brings it back
   * @throws GeneralSecurityException if Tink refuses
   * @since 0.1.0
   */
  public KeyRingManager enable(String purpose, KeyKind kind, int keyId)
      throws GeneralSecurityException {
    return with(purpose, kind, Keysets.enabled(ring.slotOf(purpose, kind), keyId));
  }

  /**
   * Returns a manager whose ring has a key's material removed for good (Tink's destroy: the id
   * stays, with status {@code DESTROYED}). What it protected can no longer be revealed or verified
   * by anyone holding a ring written after this one; copies of older rings still hold it
   * (docs/keys.md). The primary key cannot be destroyed.
   *
   * <pre>{@code
   * KeyRingManager next = keys.destroy("research-42", KeyKind.TOKEN, 0x1a2b3c4d);
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @param keyId the Tink key id
   * @return the new manager
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws IllegalArgumentException if the keyset has no such key, or it is the primary key
   * @throws IllegalStateException if the key is already destroyed
   * @throws GeneralSecurityException if Tink refuses
   * @since 0.1.0
   */
  public KeyRingManager destroy(String purpose, KeyKind kind, int keyId)
      throws GeneralSecurityException {
    return with(purpose, kind, Keysets.destroyed(ring.slotOf(purpose, kind), keyId));
  }

  /**
   * Returns a manager whose ring has an enabled key as the primary key of its keyset: new data is
   * protected with it.
   *
   * <pre>{@code
   * KeyRingManager back = keys.promote("research-42", KeyKind.TOKEN, 0x1a2b3c4d);   // undo a rotation
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @param keyId the Tink key id
   * @return the new manager
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws IllegalArgumentException if the keyset has no such key
   * @throws IllegalStateException if the key is not enabled
   * @throws GeneralSecurityException if Tink refuses
   * @since 0.1.0
   */
  public KeyRingManager promote(String purpose, KeyKind kind, int keyId)
      throws GeneralSecurityException {
    return with(purpose, kind, Keysets.promoted(ring.slotOf(purpose, kind), keyId));
  }

  /**
   * Returns a manager of the ring a recipient may hold: the keysets of one purpose and the given
   * kinds, each without its disabled or destroyed keys, at this ring's version (not one higher).
   * Write its ring under the recipient's KEK ({@code nir keys export}).
   *
   * <pre>{@code
   * KeyRing forLab = keys.forRecipient("lab-export", KeyKind.FILE).ring();
   * forLab.write(Path.of("lab-export.ring"), Kek.fromKms(labKeyUri));
   * }</pre>
   *
   * @param purpose the purpose
   * @param kinds the kinds the recipient needs, at least one
   * @return the manager of the recipient's ring
   * @throws NoSuchKeysetException if one of these keysets is missing
   * @throws IllegalArgumentException if no kind is given
   * @throws GeneralSecurityException if Tink fails
   * @since 0.1.0
   */
  public KeyRingManager forRecipient(String purpose, KeyKind... kinds)
      throws GeneralSecurityException {
    if (kinds.length == 0) {
      throw new IllegalArgumentException("name at least one kind for the recipient");
    }
    Map<String, Slot> out = new TreeMap<>();
    for (KeyKind k : kinds) {
      out.put(KeyRing.slot(purpose, k), Keysets.enabledOnly(ring.slotOf(purpose, k)));
    }
    return new KeyRingManager(new KeyRing(out, ring.version()));
  }

  /**
   * Returns whether two managers hold equal rings ({@link KeyRing#equals}).
   *
   * @param o the other object
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRingManager && ((KeyRingManager) o).ring.equals(ring);
  }

  @Override
  public int hashCode() {
    return ring.hashCode();
  }

  /**
   * Returns the ring's version and slots only, e.g. {@code KeyRingManager[KeyRing[v3, research-42
   * token]]}.
   *
   * @return a description without key material
   */
  @Override
  public String toString() {
    return "KeyRingManager[" + ring + "]";
  }
}
