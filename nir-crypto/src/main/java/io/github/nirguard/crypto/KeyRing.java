package io.github.nirguard.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.crypto.RingFormat.Slot;
import io.github.nirguard.crypto.internal.DerivedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The keysets of a deployment, one per purpose and kind, stored in a file encrypted by a KEK.
 *
 * <p>An immutable value: it is read, written, asked and compared; {@link KeyRingManager} makes the
 * next ring (new keysets, rotation, disable, enable, destroy, promote, recipient exports), whose
 * {@link #version} is one higher. The file is text: a header, the version, one line per keyset —
 * purpose, kind, creation times, and the Tink keyset encrypted by the KEK with the purpose and kind
 * as associated data — and a seal: the KEK's authentication of everything above, so that an edited,
 * reordered, truncated or spliced ring is refused as a whole. An older complete ring is refused
 * only against a version the caller remembers ({@link #read(Path, Kek, long)}): see docs/keys.md.
 * The file is written to a temporary file and renamed, owner-only where supported.
 *
 * <pre>{@code
 * Kek kek = Kek.insecureFromCleartextFile(Path.of("dev-kek.json"));
 * KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN).ring();
 * ring.write(Path.of("keys.ring"), kek);
 * KeyRing again = KeyRing.read(Path.of("keys.ring"), kek);
 * boolean rotated = again.keyCount("research-42", KeyKind.TOKEN) > 1;
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class KeyRing {
  static final String HEADER = RingFormat.HEADER;

  private final Map<String, Slot> keysets; // key: "purpose kind-label", sorted
  private final long version;

  /** The ring of these slots (copied by the caller) at this version. */
  KeyRing(Map<String, Slot> keysets, long version) {
    this.keysets = Collections.unmodifiableMap(keysets);
    this.version = version;
  }

  /** The slot name of a purpose and kind, e.g. {@code research-42 token}; checks the purpose. */
  static String slot(String purpose, KeyKind kind) {
    return Purpose.check(purpose) + " " + kind.label();
  }

  /** The keysets by slot name, sorted, unmodifiable: for {@link KeyRingManager}'s next ring. */
  Map<String, Slot> slots() {
    return keysets;
  }

  /**
   * Returns the ring's version: 0 for {@link KeyRingManager#empty}, one more after each change,
   * kept in the file under its seal. Record it to refuse an older ring later ({@link #read(Path,
   * Kek, long)}).
   *
   * <pre>{@code
   * long seen = KeyRing.read(file, kek).version();   // stored where the ring's writers cannot
   * }</pre>
   *
   * @return the version
   * @since 0.1.0
   */
  public long version() {
    return version;
  }

  /**
   * Returns whether the ring has a keyset for a purpose and kind.
   *
   * @param purpose the purpose
   * @param kind the kind
   * @return {@code true} if present
   */
  public boolean contains(String purpose, KeyKind kind) {
    return keysets.containsKey(slot(purpose, kind));
  }

  /**
   * Returns the number of keys in the keyset of a purpose and kind, whatever their status: 1 until
   * the first {@linkplain KeyRingManager#rotate rotation}.
   *
   * <pre>{@code
   * if (ring.keyCount("lab-export", KeyKind.FPE) > 1) {
   *   // rotated: FPE values must be decrypted with the key id stored beside them
   * }
   * }</pre>
   *
   * @param purpose the purpose
   * @param kind the kind
   * @return the number of keys, at least 1
   * @throws NoSuchKeysetException if the ring has no such keyset
   * @throws IllegalArgumentException if the purpose name is invalid
   * @since 0.1.0
   */
  public int keyCount(String purpose, KeyKind kind) {
    return handle(purpose, kind).size();
  }

  /** The keyset of a purpose and kind, or {@link NoSuchKeysetException}. */
  Slot slotOf(String purpose, KeyKind kind) {
    Slot s = keysets.get(slot(purpose, kind));
    if (s == null) {
      throw new NoSuchKeysetException(purpose, kind);
    }
    return s;
  }

  /** The Tink keyset of a purpose and kind (Tink handles never expose key material). */
  KeysetHandle handle(String purpose, KeyKind kind) {
    return slotOf(purpose, kind).handle();
  }

  /**
   * Describes every key: purpose, kind, id, status, primary, creation time — never material.
   *
   * @return one entry per key
   */
  public List<KeyInfo> describe() {
    List<KeyInfo> out = new ArrayList<>();
    for (Map.Entry<String, Slot> e : keysets.entrySet()) {
      String[] pk = e.getKey().split(" ");
      out.addAll(Keysets.describe(pk[0], KeyKind.named(pk[1]), e.getValue()));
    }
    return out;
  }

  /**
   * Derives 32-byte keys for a derived kind from its PRF keyset: one per enabled key id,
   * domain-separated by format version, kind and purpose.
   */
  DerivedKeys derive(String purpose, KeyKind kind) throws GeneralSecurityException {
    if (!kind.derived()) {
      throw new IllegalArgumentException("keys of kind " + kind.label() + " are not derived");
    }
    return Keysets.derive(handle(purpose, kind), purpose, kind);
  }

  /**
   * Reads a key ring file.
   *
   * @param file the file
   * @param kek the KEK it was written with
   * @return the ring
   * @throws IOException if the file cannot be read
   * @throws MalformedKeyRingException if it is not a key ring (the message gives the line), or a
   *     format 1 ring ({@link #upgradeFromVersion1})
   * @throws GeneralSecurityException if the ring's seal or a keyset does not verify with this KEK
   *     (wrong KEK; an edited, reordered, truncated or spliced ring)
   */
  public static KeyRing read(Path file, Kek kek) throws IOException, GeneralSecurityException {
    return fromBytes(Files.readAllBytes(file), kek);
  }

  /**
   * Reads a key ring file and refuses it if its version is below one recorded earlier: the anchor
   * that tells a rolled-back ring (an older, complete, validly sealed copy) from the current one.
   *
   * <pre>{@code
   * KeyRing ring = KeyRing.read(Path.of("keys.ring"), kek, 12);   // 12: the version last seen
   * }</pre>
   *
   * @param file the file
   * @param kek the KEK it was written with
   * @param minVersion the lowest version accepted
   * @return the ring
   * @throws IOException if the file cannot be read
   * @throws MalformedKeyRingException if it is not a key ring
   * @throws GeneralSecurityException if the ring does not verify, or is older than {@code
   *     minVersion}
   * @since 0.1.0
   */
  public static KeyRing read(Path file, Kek kek, long minVersion)
      throws IOException, GeneralSecurityException {
    return fromBytes(Files.readAllBytes(file), kek, minVersion);
  }

  /**
   * Reads the content of a key ring file held in memory (fetched from object storage, shipped to
   * Spark executors): the same format and checks as {@link #read(Path, Kek)}, without a file.
   *
   * <pre>{@code
   * KeyRing ring = KeyRing.fromBytes(storage.get("keys.ring"), kek);
   * }</pre>
   *
   * @param content the bytes of a key ring file (UTF-8)
   * @param kek the KEK it was written with
   * @return the ring
   * @throws MalformedKeyRingException if the bytes are not a key ring file (the message gives the
   *     line)
   * @throws GeneralSecurityException if the ring's seal or a keyset does not verify with this KEK
   * @since 0.1.0
   */
  public static KeyRing fromBytes(byte[] content, Kek kek)
      throws IOException, GeneralSecurityException {
    return fromBytes(content, kek, 0);
  }

  /**
   * Reads the content of a key ring file held in memory and refuses it below a version: see {@link
   * #read(Path, Kek, long)}.
   *
   * <pre>{@code
   * KeyRing ring = KeyRing.fromBytes(storage.get("keys.ring"), kek, recordedVersion);
   * }</pre>
   *
   * @param content the bytes of a key ring file (UTF-8)
   * @param kek the KEK it was written with
   * @param minVersion the lowest version accepted
   * @return the ring
   * @throws MalformedKeyRingException if the bytes are not a key ring file
   * @throws GeneralSecurityException if the ring does not verify, or is older than {@code
   *     minVersion}
   * @since 0.1.0
   */
  public static KeyRing fromBytes(byte[] content, Kek kek, long minVersion)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kek, "kek");
    TinkSetup.ensure();
    RingFormat.Parsed p = RingFormat.read(content, kek, minVersion);
    return new KeyRing(new TreeMap<>(p.slots()), p.version());
  }

  /**
   * Returns the format number of a key ring file's content: 2 (this release's, sealed as a whole)
   * or 1 (earlier releases: each line authenticated alone, read only by {@link
   * #upgradeFromVersion1}).
   *
   * <pre>{@code
   * if (KeyRing.formatOf(Files.readAllBytes(file)) == 1) { ... }
   * }</pre>
   *
   * @param content the bytes of a key ring file
   * @return 1 or 2
   * @throws MalformedKeyRingException if the bytes are not a key ring file
   * @since 0.1.0
   */
  public static int formatOf(byte[] content) throws MalformedKeyRingException {
    return RingFormat.format(Objects.requireNonNull(content, "content"));
  }

  /**
   * Reads a format 1 ring (each keyset authenticated alone, no version) for a one-time upgrade: the
   * result, at version 1, is written in format 2 and sealed. Format 1 cannot tell a ring with a
   * line replaced by an older one or deleted, so the caller vouches for this file: upgrade the copy
   * you trust, once ({@code nir keys upgrade}). Keys, ids and outputs are unchanged; creation times
   * are unknown.
   *
   * <pre>{@code
   * KeyRing.upgradeFromVersion1(Files.readAllBytes(old), kek).write(old, kek);
   * }</pre>
   *
   * @param content the bytes of a format 1 key ring file
   * @param kek the KEK it was written with
   * @return the ring
   * @throws MalformedKeyRingException if the bytes are not a format 1 key ring file
   * @throws GeneralSecurityException if a keyset does not decrypt with this KEK
   * @since 0.1.0
   */
  public static KeyRing upgradeFromVersion1(byte[] content, Kek kek)
      throws MalformedKeyRingException, GeneralSecurityException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kek, "kek");
    TinkSetup.ensure();
    return new KeyRing(new TreeMap<>(RingFormat.readVersion1(content, kek)), 1);
  }

  /**
   * Writes the ring, encrypted and sealed by a KEK, atomically (temporary file, then rename).
   *
   * @param file the file (replaced if it exists)
   * @param kek the KEK
   * @throws IOException if it cannot be written
   * @throws GeneralSecurityException if encryption fails
   */
  public void write(Path file, Kek kek) throws IOException, GeneralSecurityException {
    AtomicFile.write(file, toBytes(kek), true);
  }

  /**
   * Returns the content of the key ring file {@link #write(Path, Kek)} would write: every keyset
   * encrypted by the KEK and the whole sealed by it; nothing in clear but purposes, kinds, key ids,
   * creation times, the version and the format line.
   *
   * <pre>{@code
   * storage.put("keys.ring", ring.toBytes(kek));
   * }</pre>
   *
   * @param kek the KEK
   * @return the encrypted ring, for {@link #fromBytes(byte[], Kek)}
   * @throws GeneralSecurityException if encryption fails
   * @since 0.1.0
   */
  public byte[] toBytes(Kek kek) throws GeneralSecurityException {
    Objects.requireNonNull(kek, "kek");
    return RingFormat.write(version, keysets, kek);
  }

  /**
   * Returns whether two rings hold the same keysets (keys, statuses, primaries) at the same
   * version.
   *
   * @param o the other object
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyRing)) {
      return false;
    }
    KeyRing r = (KeyRing) o;
    if (r.version != version || !r.keysets.keySet().equals(keysets.keySet())) {
      return false;
    }
    for (Map.Entry<String, Slot> e : keysets.entrySet()) {
      Slot other = r.keysets.get(e.getKey());
      if (other == null || !e.getValue().handle().equalsKeyset(other.handle())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keysets.keySet(), version);
  }

  /**
   * Returns the version and slots only, e.g. {@code KeyRing[v3, research-42 token, lab-export
   * fpe]}.
   *
   * @return a description without key material
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add("v" + version);
    parts.addAll(keysets.keySet());
    return "KeyRing" + parts;
  }
}
