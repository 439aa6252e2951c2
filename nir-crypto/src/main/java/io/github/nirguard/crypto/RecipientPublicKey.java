package io.github.nirguard.crypto;

import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The public half of a recipient's {@link KeyKind#RECIPIENT} key: what a producer needs to make a
 * {@link RecipientEnvelope} that only this recipient (and the others named) can open. It holds no
 * secret: mail it, commit it, print it.
 *
 * <p>Its file form is Tink's JSON public keyset of one HPKE key (DHKEM X25519 HKDF-SHA256,
 * HKDF-SHA256, AES-256-GCM, Tink prefix), as {@code nir keys export-public} writes it; a keyset
 * with secret material, several keys, or another key type is refused.
 *
 * <pre>{@code
 * // the recipient, once:
 * RecipientPublicKey mine = RecipientPublicKey.fromRing(labRing, "lab-inbox");
 * mine.write(Path.of("lab.pub.json"));
 * // the producer:
 * RecipientPublicKey lab = RecipientPublicKey.read(Path.of("lab.pub.json"));
 * RecipientEnvelope.to(lab).encrypt(Path.of("export.csv"), Path.of("export.csv.nge"), "text/csv");
 * }</pre>
 *
 * <p>Immutable; equal when the keys are. {@link #toString} shows the key id only.
 *
 * @since 0.1.0
 */
public final class RecipientPublicKey {
  /** Bytes read from a public keyset file at most: one key's JSON is under 1 KB. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private final KeysetHandle keyset; // one enabled primary HPKE public key
  private final int keyId;

  private RecipientPublicKey(KeysetHandle keyset) {
    this.keyset = keyset;
    this.keyId = keyset.getPrimary().getId();
  }

  /**
   * Returns the public key of the primary key of a purpose's {@link KeyKind#RECIPIENT} keyset.
   *
   * @param ring the recipient's key ring
   * @param purpose the purpose of the recipient keyset
   * @return the public key
   * @throws NoSuchKeysetException if the ring has no recipient keyset for this purpose
   * @throws GeneralSecurityException if Tink refuses the keyset
   */
  public static RecipientPublicKey fromRing(KeyRing ring, String purpose)
      throws GeneralSecurityException {
    Objects.requireNonNull(ring, "ring");
    KeysetHandle.Entry primary = ring.handle(purpose, KeyKind.RECIPIENT).getPrimary();
    return checked(EnabledKeys.alone(primary).getPublicKeysetHandle());
  }

  /**
   * Parses Tink's JSON public keyset of one HPKE key.
   *
   * @param json the keyset
   * @return the public key
   * @throws GeneralSecurityException if it is not a public keyset of exactly one HPKE key, or holds
   *     secret material (the message never quotes the text)
   */
  public static RecipientPublicKey fromJson(String json) throws GeneralSecurityException {
    Objects.requireNonNull(json, "json");
    TinkSetup.ensure();
    KeysetHandle h;
    try {
      h = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw notOne();
    }
    return checked(h);
  }

  /**
   * Reads a public keyset file ({@link #fromJson}).
   *
   * @param file the file, at most 64 KB
   * @return the public key
   * @throws IOException if the file cannot be read or is larger than 64 KB
   * @throws GeneralSecurityException if it is not a public keyset of one HPKE key
   */
  public static RecipientPublicKey read(Path file) throws IOException, GeneralSecurityException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException(file + ": larger than a public keyset (64 KB)");
    }
    return fromJson(new String(bytes, StandardCharsets.UTF_8));
  }

  private static RecipientPublicKey checked(KeysetHandle h) throws GeneralSecurityException {
    if (h.size() != 1 || !h.getAt(0).isPrimary()) {
      throw notOne();
    }
    Key k = h.getAt(0).getKey();
    if (!(k instanceof HpkePublicKey)
        || !k.getParameters().equals(KeyKind.RECIPIENT.parameters())) {
      throw notOne();
    }
    return new RecipientPublicKey(h);
  }

  private static GeneralSecurityException notOne() {
    return new GeneralSecurityException(
        "not a recipient public key (Tink public keyset of one HPKE X25519/AES-256-GCM key, no"
            + " secret material)");
  }

  /**
   * Returns Tink's JSON public keyset: no secret, safe to send.
   *
   * @return the JSON text
   * @throws GeneralSecurityException if Tink fails
   */
  public String toJson() throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset);
  }

  /**
   * Writes {@link #toJson} to a new file, atomically.
   *
   * @param file the file; must not exist
   * @throws java.nio.file.FileAlreadyExistsException if it exists
   * @throws IOException if it cannot be written
   * @throws GeneralSecurityException if Tink fails
   */
  public void write(Path file) throws IOException, GeneralSecurityException {
    AtomicFile.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Returns the Tink id of the key, listed in the header of the envelopes made for it.
   *
   * @return the key id
   */
  public int keyId() {
    return keyId;
  }

  /**
   * Returns the key id as 8 hex digits, as in {@code nir keys list}.
   *
   * @return e.g. {@code 1a2b3c4d}
   */
  public String keyIdHex() {
    return Token.hex8(keyId);
  }

  /** The keyset, for {@link RecipientEnvelope}. */
  KeysetHandle keyset() {
    return keyset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecipientPublicKey
        && ((RecipientPublicKey) o).keyId == keyId
        && ((RecipientPublicKey) o).keyset.equalsKeyset(keyset);
  }

  @Override
  public int hashCode() {
    return keyId;
  }

  /**
   * Returns the key id only, e.g. {@code RecipientPublicKey[key=1a2b3c4d]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "RecipientPublicKey[key=" + keyIdHex() + "]";
  }
}
