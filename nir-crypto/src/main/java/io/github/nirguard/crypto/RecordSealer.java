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

  /** Base64url without padding (thread-safe; one instance, not one per cell). */
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final Aead aead;
  private final String purpose;
  private final int schemaVersion;

  /** The constant start of every associated data: format version, purpose, schema version. */
  private final byte[] adHead;

  private RecordSealer(Aead aead, String purpose, int schemaVersion) {
    this.aead = aead;
    this.purpose = purpose;
    this.schemaVersion = schemaVersion;
    ByteArrayOutputStream head = new ByteArrayOutputStream(64);
    writeString(head, "nirguard-record/1");
    writeString(head, purpose);
    writeString(head, Integer.toString(schemaVersion));
    this.adHead = head.toByteArray();
  }

  /**
   * Creates a sealer from a purpose's {@link KeyKind#RECORD} keyset, schema version 1.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the sealer
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
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
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  public static RecordSealer create(KeyRing ring, String purpose, int schemaVersion)
      throws GeneralSecurityException {
    Aead aead =
        ring.handle(purpose, KeyKind.RECORD).getPrimitive(RegistryConfiguration.get(), Aead.class);
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
  public String seal(String pseudonym, List<String> names, List<String> values)
      throws GeneralSecurityException {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException("one value per field name expected");
    }
    return forFields(names).seal(pseudonym, values.toArray(new String[0]));
  }

  /**
   * Opens a sealed cell.
   *
   * @param pseudonym the record's pseudonym, as when sealed
   * @param names the field names, as when sealed
   * @param cell the sealed cell
   * @return the values, in the order of {@code names}
   * @throws GeneralSecurityException if the cell was altered, moved to another record or field, or
   *     sealed with another key (a generic message)
   */
  public List<String> open(String pseudonym, List<String> names, String cell)
      throws GeneralSecurityException {
    return forFields(names).open(pseudonym, cell);
  }

  /**
   * Returns a sealer for one list of field names, which encodes the constant part of the associated
   * data once: what a file of rows with the same sealed columns needs. Its cells are those of
   * {@link #seal(String, List, List)} and {@link #open(String, List, String)} with the same names,
   * byte for byte.
   *
   * <pre>{@code
   * RecordSealer.Fields fields = sealer.forFields(List.of("last_name", "first_name"));
   * String cell = fields.seal("nt1.…", "Durand", "Anne");
   * }</pre>
   *
   * @param names the field names, bound to every cell
   * @return the sealer for these names
   */
  public Fields forFields(List<String> names) {
    return new Fields(names);
  }

  /**
   * A {@link RecordSealer} bound to a fixed list of field names, e.g. a file's sealed columns: the
   * constant part of the associated data is encoded once, not per cell. Immutable and thread-safe.
   *
   * <pre>{@code
   * RecordSealer.Fields names = RecordSealer.create(ring, "lab-export").forFields(List.of("last_name", "first_name"));
   * String cell = names.seal(token, "Durand", "Anne");
   * List<String> back = names.open(token, cell);            // [Durand, Anne]
   * }</pre>
   *
   * @since 0.1.0
   */
  public final class Fields {
    private final List<String> names;

    /** The constant end of the associated data: the length-prefixed field names. */
    private final byte[] adTail;

    private Fields(List<String> names) {
      this.names = List.copyOf(names);
      ByteArrayOutputStream tail = new ByteArrayOutputStream(64);
      for (String n : this.names) {
        writeString(tail, n);
      }
      this.adTail = tail.toByteArray();
    }

    /**
     * Returns the number of fields.
     *
     * @return the number of names, and of values each cell holds
     */
    public int size() {
      return names.size();
    }

    /**
     * Seals values.
     *
     * @param pseudonym the record's pseudonym (e.g. its keyed token), bound to the cell
     * @param values the values, one per field name, in order
     * @return the sealed cell
     * @throws IllegalArgumentException if there is not one value per field name
     * @throws GeneralSecurityException if encryption fails
     */
    public String seal(String pseudonym, String... values) throws GeneralSecurityException {
      if (values.length != names.size()) {
        throw new IllegalArgumentException("one value per field name expected");
      }
      byte[] ct = aead.encrypt(lengthPrefixed(values), associatedData(pseudonym));
      return PREFIX + BASE64.encodeToString(ct);
    }

    /**
     * Opens a sealed cell.
     *
     * @param pseudonym the record's pseudonym, as when sealed
     * @param cell the sealed cell
     * @return the values, in the order of the field names
     * @throws GeneralSecurityException if the cell was altered, moved to another record or field,
     *     or sealed with another key (a generic message)
     */
    public List<String> open(String pseudonym, String cell) throws GeneralSecurityException {
      if (cell == null || !cell.startsWith(PREFIX)) {
        throw new GeneralSecurityException("decryption failed");
      }
      byte[] ct;
      try {
        String text = cell.substring(PREFIX.length());
        ct = Base64.getUrlDecoder().decode(text);
        if (!BASE64.encodeToString(ct).equals(text)) {
          throw new GeneralSecurityException("decryption failed");
        }
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("decryption failed");
      }
      ByteBuffer plain = ByteBuffer.wrap(aead.decrypt(ct, associatedData(pseudonym)));
      List<String> values = new ArrayList<>(names.size());
      for (int i = 0; i < names.size(); i++) {
        values.add(readString(plain));
      }
      if (plain.hasRemaining()) {
        throw new GeneralSecurityException("decryption failed");
      }
      return values;
    }

    /** Format version, purpose, schema version, pseudonym and field names, length-prefixed. */
    private byte[] associatedData(String pseudonym) {
      byte[] p = pseudonym.getBytes(StandardCharsets.UTF_8);
      byte[] ad = new byte[adHead.length + 4 + p.length + adTail.length];
      System.arraycopy(adHead, 0, ad, 0, adHead.length);
      int at = putInt(ad, adHead.length, p.length);
      System.arraycopy(p, 0, ad, at, p.length);
      System.arraycopy(adTail, 0, ad, at + p.length, adTail.length);
      return ad;
    }

    @Override
    public String toString() {
      return "RecordSealer.Fields[purpose="
          + purpose
          + ", schema="
          + schemaVersion
          + ", "
          + names.size()
          + " fields]";
    }
  }

  /** The values as length-prefixed UTF-8 strings, in one array of the exact size. */
  private static byte[] lengthPrefixed(String[] values) {
    byte[][] utf8 = new byte[values.length][];
    int size = 0;
    for (int i = 0; i < values.length; i++) {
      utf8[i] = values[i].getBytes(StandardCharsets.UTF_8);
      size += 4 + utf8[i].length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] b : utf8) {
      at = putInt(out, at, b.length);
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    return out;
  }

  private static int putInt(byte[] out, int at, int n) {
    out[at] = (byte) (n >>> 24);
    out[at + 1] = (byte) (n >>> 16);
    out[at + 2] = (byte) (n >>> 8);
    out[at + 3] = (byte) n;
    return at + 4;
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
