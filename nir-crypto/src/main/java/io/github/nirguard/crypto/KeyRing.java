package io.github.nirguard.crypto;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import io.github.nirguard.crypto.internal.DerivedKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The keysets of a deployment, one per purpose and kind, stored in a file encrypted by a KEK.
 *
 * <p>Immutable: {@link #withNewKeyset} and {@link #rotate} return a new ring. The file is text: a
 * header line, then one line per keyset — purpose, kind, and the Tink keyset encrypted by the KEK
 * with the purpose and kind as associated data (so a keyset moved to another line fails to
 * decrypt). The file is written to a temporary file and renamed, owner-only where supported.
 *
 * <pre>{@code
 * Kek kek = Kek.insecureFromCleartextFile(Path.of("dev-kek.json"));
 * KeyRing ring = KeyRing.empty().withNewKeyset("research-42", KeyKind.TOKEN);
 * ring.write(Path.of("keys.ring"), kek);
 * KeyRing again = KeyRing.read(Path.of("keys.ring"), kek).rotate("research-42", KeyKind.TOKEN);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KeyRing {
  static final String HEADER = "nirguard-keyring 1";

  private final Map<String, KeysetHandle> keysets; // key: "purpose kind-label", sorted

  private KeyRing(Map<String, KeysetHandle> keysets) {
    this.keysets = Collections.unmodifiableMap(keysets);
  }

  /**
   * Returns a ring with no keys.
   *
   * @return the empty ring
   */
  public static KeyRing empty() {
    TinkSetup.ensure();
    return new KeyRing(new TreeMap<>());
  }

  private static String slot(String purpose, KeyKind kind) {
    return Purpose.check(purpose) + " " + kind.label();
  }

  /**
   * Returns a ring with a new keyset (one fresh key) for a purpose and kind.
   *
   * @param purpose the purpose name, see {@link Purpose#check}
   * @param kind the kind
   * @return the new ring
   * @throws IllegalArgumentException if the ring already has that keyset
   * @throws GeneralSecurityException if Tink fails
   */
  public KeyRing withNewKeyset(String purpose, KeyKind kind) throws GeneralSecurityException {
    String slot = slot(purpose, kind);
    if (keysets.containsKey(slot)) {
      throw new IllegalArgumentException("the ring already has a keyset for this purpose and kind");
    }
    Map<String, KeysetHandle> copy = new TreeMap<>(keysets);
    copy.put(slot, KeysetHandle.generateNew(kind.parameters()));
    return new KeyRing(copy);
  }

  /**
   * Returns a ring with a new keyset (one fresh key) for a purpose and each of several kinds, e.g.
   * everything a protected export with a file envelope needs.
   *
   * <pre>{@code
   * KeyRing ring = KeyRing.empty().withNewKeysets("lab-export", KeyKind.TOKEN, KeyKind.FPE, KeyKind.RECORD, KeyKind.FILE);
   * }</pre>
   *
   * @param purpose the purpose name, see {@link Purpose#check}
   * @param kinds the kinds
   * @return the new ring
   * @throws IllegalArgumentException if the ring already has one of these keysets
   * @throws GeneralSecurityException if Tink fails
   * @since 0.1.0
   */
  public KeyRing withNewKeysets(String purpose, KeyKind... kinds) throws GeneralSecurityException {
    KeyRing r = this;
    for (KeyKind k : kinds) {
      r = r.withNewKeyset(purpose, k);
    }
    return r;
  }

  /**
   * Returns a ring where the keyset of a purpose and kind has a new primary key; the old keys stay
   * for reading.
   *
   * @param purpose the purpose
   * @param kind the kind
   * @return the new ring
   * @throws NoSuchKeysetException if there is no such keyset
   * @throws GeneralSecurityException if Tink fails
   */
  public KeyRing rotate(String purpose, KeyKind kind) throws GeneralSecurityException {
    KeysetHandle old = handle(purpose, kind);
    KeysetHandle rotated =
        KeysetHandle.newBuilder(old)
            .addEntry(
                KeysetHandle.generateEntryFromParameters(kind.parameters())
                    .withRandomId()
                    .makePrimary())
            .build();
    Map<String, KeysetHandle> copy = new TreeMap<>(keysets);
    copy.put(slot(purpose, kind), rotated);
    return new KeyRing(copy);
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
   * the first {@linkplain #rotate rotation}.
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

  /** The Tink keyset of a purpose and kind (Tink handles never expose key material). */
  KeysetHandle handle(String purpose, KeyKind kind) {
    KeysetHandle h = keysets.get(slot(purpose, kind));
    if (h == null) {
      throw new NoSuchKeysetException(purpose, kind);
    }
    return h;
  }

  /**
   * Describes every key: purpose, kind, id, status, primary — never material.
   *
   * @return one entry per key
   */
  public List<KeyInfo> describe() {
    List<KeyInfo> out = new ArrayList<>();
    for (Map.Entry<String, KeysetHandle> e : keysets.entrySet()) {
      String[] pk = e.getKey().split(" ");
      KeysetHandle h = e.getValue();
      for (int i = 0; i < h.size(); i++) {
        KeysetHandle.Entry k = h.getAt(i);
        out.add(
            new KeyInfo(
                pk[0], KeyKind.named(pk[1]), k.getId(), statusName(k.getStatus()), k.isPrimary()));
      }
    }
    return out;
  }

  private static String statusName(KeyStatus s) {
    return s.equals(KeyStatus.ENABLED)
        ? "ENABLED"
        : s.equals(KeyStatus.DISABLED) ? "DISABLED" : "DESTROYED";
  }

  /**
   * Derives 32-byte keys for a derived kind from its PRF keyset: one per key id, domain-separated
   * by format version, kind and purpose.
   */
  DerivedKeys derive(String purpose, KeyKind kind) throws GeneralSecurityException {
    if (!kind.derived()) {
      throw new IllegalArgumentException("keys of kind " + kind.label() + " are not derived");
    }
    PrfSet prfs = handle(purpose, kind).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    byte[] info = ("nirguard/v1/" + kind.label() + "/" + purpose).getBytes(StandardCharsets.UTF_8);
    Map<Integer, byte[]> keys = new LinkedHashMap<>();
    for (Map.Entry<Integer, Prf> e : prfs.getPrfs().entrySet()) {
      keys.put(e.getKey(), e.getValue().compute(info, 32));
    }
    return new DerivedKeys(prfs.getPrimaryId(), keys);
  }

  /**
   * Reads a key ring file.
   *
   * @param file the file
   * @param kek the KEK it was written with
   * @return the ring
   * @throws IOException if the file cannot be read
   * @throws MalformedKeyRingException if it is not a key ring (the message gives the line)
   * @throws GeneralSecurityException if a keyset does not decrypt with this KEK (wrong KEK, edited
   *     or moved line)
   */
  public static KeyRing read(Path file, Kek kek) throws IOException, GeneralSecurityException {
    return fromBytes(Files.readAllBytes(file), kek);
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
   * @throws GeneralSecurityException if a keyset does not decrypt with this KEK (wrong KEK, edited
   *     or moved line)
   * @since 0.1.0
   */
  public static KeyRing fromBytes(byte[] content, Kek kek)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kek, "kek");
    TinkSetup.ensure();
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedKeyRingException("not a nirguard key ring file (not UTF-8)");
    }
    List<String> lines = text.lines().collect(Collectors.toList());
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new MalformedKeyRingException("not a nirguard key ring file (line 1)");
    }
    Map<String, KeysetHandle> keysets = new TreeMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      if (f.length != 3) {
        throw new MalformedKeyRingException("malformed key ring line " + (i + 1));
      }
      String slot;
      byte[] ciphertext;
      try {
        slot = slot(f[0], KeyKind.named(f[1]));
        ciphertext = Base64.getUrlDecoder().decode(f[2]);
      } catch (IllegalArgumentException e) {
        throw new MalformedKeyRingException("malformed key ring line " + (i + 1));
      }
      if (keysets.containsKey(slot)) {
        throw new MalformedKeyRingException("duplicate keyset at key ring line " + (i + 1));
      }
      try {
        keysets.put(
            slot,
            TinkProtoKeysetFormat.parseEncryptedKeyset(
                ciphertext, kek.aead(), associatedData(slot)));
      } catch (GeneralSecurityException e) {
        throw new GeneralSecurityException(
            "key ring line " + (i + 1) + " does not decrypt with this KEK");
      }
    }
    return new KeyRing(keysets);
  }

  /**
   * Writes the ring, encrypted by a KEK, atomically (temporary file, then rename).
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
   * encrypted by the KEK, nothing in clear but purposes, kinds and the format line.
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
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<String, KeysetHandle> e : keysets.entrySet()) {
      byte[] ct =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(
              e.getValue(), kek.aead(), associatedData(e.getKey()));
      b.append(e.getKey())
          .append(' ')
          .append(Base64.getUrlEncoder().withoutPadding().encodeToString(ct))
          .append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] associatedData(String slot) {
    return (HEADER + "\n" + slot).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyRing)) {
      return false;
    }
    KeyRing r = (KeyRing) o;
    if (!r.keysets.keySet().equals(keysets.keySet())) {
      return false;
    }
    for (Map.Entry<String, KeysetHandle> e : keysets.entrySet()) {
      if (!e.getValue().equalsKeyset(r.keysets.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keysets.keySet());
  }

  /**
   * Returns the slots only, e.g. {@code KeyRing[research-42 token, lab-export fpe]}.
   *
   * @return a description without key material
   */
  @Override
  public String toString() {
    return "KeyRing" + new ArrayList<>(keysets.keySet());
  }
}
