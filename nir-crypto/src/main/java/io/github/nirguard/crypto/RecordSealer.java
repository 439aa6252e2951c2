package io.github.nirguard.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The record envelope: seals some fields of a record into one compact text cell with Tink
 * AES-256-GCM, bound to the record's pseudonym, the field names and the schema version.
 *
 * <p>The cell is {@code ne1.} followed by base64url (no padding) of the Tink ciphertext, whose
 * prefix carries the key id (rotation: every key of the keyset opens). The associated data is the
 * format version, schema version, pseudonym and field names, so a sealed value moved to another
 * row, another field or another schema version fails to open.
 *
 * <pre>{@code
 * RecordSealer sealer = RecordSealer.create(ring, "lab-export");
 * String cell = sealer.seal("nt1.…", List.of("last_name", "first_name"), List.of("Durand", "Anne"));
 * List<String> back = sealer.open("nt1.…", List.of("last_name", "first_name"), cell);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecordSealer {
  /** The prefix of every sealed cell. */
  public static final String PREFIX = "ne1.";

  private final Aead aead;
  private final String purpose;
  private final int schemaVersion;

  private RecordSealer(Aead aead, String purpose, int schemaVersion) {
    this.aead = aead;
    this.purpose = purpose;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Creates a sealer from a purpose's {@link KeyKind#RECORD} keyset, schema version 1.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the sealer
   * @throws GeneralSecurityException if the keyset cannot be used
   */
  public static RecordSealer create(KeyRing ring, String purpose) throws GeneralSecurityException {
    return create(ring, purpose, 1);
  }

  /**
   * Creates a sealer for a given schema version.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param schemaVersion the version of the record schema the sealed fields belong to
   * @return the sealer
   * @throws GeneralSecurityException if the keyset cannot be used
   */
  public static RecordSealer create(KeyRing ring, String purpose, int schemaVersion) throws GeneralSecurityException {
    Aead aead = ring.keyset(purpose, KeyKind.RECORD).getPrimitive(RegistryConfiguration.get(), Aead.class);
    return new RecordSealer(aead, purpose, schemaVersion);
  }

  /**
   * Seals values.
   *
   * @param pseudonym the record's pseudonym (e.g. its keyed token), bound to the cell
   * @param names the field names, bound to the cell
   * @param values the values, one per name
   * @return the sealed cell
   * @throws GeneralSecurityException if encryption fails
   */
  public String seal(String pseudonym, List<String> names, List<String> values) throws GeneralSecurityException {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException("one value per field name expected");
    }
    ByteArrayOutputStream plain = new ByteArrayOutputStream(256);
    for (String v : values) {
      writeString(plain, v);
    }
    byte[] ct = aead.encrypt(plain.toByteArray(), associatedData(pseudonym, names));
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
  }

  /**
   * Opens a sealed cell.
   *
   * @param pseudonym the record's pseudonym, as when sealed
   * @param names the field names, as when sealed
   * @param cell the sealed cell
   * @return the values, in the order of {@code names}
   * @throws GeneralSecurityException if the cell was altered, moved to another record or field,
   *     or sealed with another key (a generic message)
   */
  public List<String> open(String pseudonym, List<String> names, String cell) throws GeneralSecurityException {
    if (cell == null || !cell.startsWith(PREFIX)) {
      throw new GeneralSecurityException("decryption failed");
    }
    byte[] ct;
    try {
      String text = cell.substring(PREFIX.length());
      ct = Base64.getUrlDecoder().decode(text);
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(ct).equals(text)) {
        throw new GeneralSecurityException("decryption failed");
      }
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("decryption failed");
    }
    ByteBuffer plain = ByteBuffer.wrap(aead.decrypt(ct, associatedData(pseudonym, names)));
    List<String> values = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      values.add(readString(plain));
    }
    if (plain.hasRemaining()) {
      throw new GeneralSecurityException("decryption failed");
    }
    return values;
  }

  private byte[] associatedData(String pseudonym, List<String> names) {
    ByteArrayOutputStream ad = new ByteArrayOutputStream(128);
    writeString(ad, "nirguard-record/1");
    writeString(ad, purpose);
    writeString(ad, Integer.toString(schemaVersion));
    writeString(ad, pseudonym);
    for (String n : names) {
      writeString(ad, n);
    }
    return ad.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.write(b, 0, n);
  }

  private static String readString(ByteBuffer in) throws GeneralSecurityException {
    if (in.remaining() < 4) {
      throw new GeneralSecurityException("decryption failed");
    }
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new GeneralSecurityException("decryption failed");
    }
    String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }

  @Override
  public String toString() {
    return "RecordSealer[purpose=" + purpose + ", schema=" + schemaVersion + "]";
  }
}
