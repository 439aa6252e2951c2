package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The record envelope's bytes: cells from {@link RecordSealer} are Tink AES-GCM over exactly the
 * documented plaintext and associated data, built here independently, the old way (one {@code
 * ByteArrayOutputStream} per part); and cells built that way open.
 */
class RecordSealerTest {
  static final List<String> NAMES = List.of("last_name", "first_name");

  static KeyRing ring;
  static Aead raw;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-export");
    raw =
        ring.handle("lab-export", KeyKind.RECORD)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static void put(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.write(b, 0, b.length);
  }

  /**
   * "nirguard-record/1", purpose, schema version, pseudonym, the field names: length-prefixed
   * UTF-8.
   */
  static byte[] referenceAd(String purpose, int schema, String pseudonym, List<String> names) {
    ByteArrayOutputStream ad = new ByteArrayOutputStream();
    put(ad, "nirguard-record/1");
    put(ad, purpose);
    put(ad, Integer.toString(schema));
    put(ad, pseudonym);
    names.forEach(n -> put(ad, n));
    return ad.toByteArray();
  }

  static byte[] referencePlaintext(List<String> values) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    values.forEach(v -> put(p, v));
    return p.toByteArray();
  }

  static byte[] ciphertext(String cell) {
    assertTrue(cell.startsWith("ne1."));
    String text = cell.substring(4);
    byte[] ct = Base64.getUrlDecoder().decode(text);
    assertEquals(
        Base64.getUrlEncoder().withoutPadding().encodeToString(ct),
        text,
        "canonical base64url, no padding");
    return ct;
  }

  @Test
  void cellsAreTinkAeadOverTheDocumentedBytes() throws GeneralSecurityException {
    RecordSealer sealer = RecordSealer.create(ring, "lab-export", 3);
    RecordSealer.Fields fields = sealer.forFields(NAMES);
    List<SyntheticRecord> people = Records.synthetic().sample(5, 300);
    String[] pseudonyms = {
      "nt1.0a0b0c0d.bh62pzpbhgi5qdvu5fz3k54gni",
      "297375577401127",
      "row:17",
      "ps\u00e9udo \uD83D\uDE42",
      ""
    };
    int i = 0;
    for (SyntheticRecord p : people) {
      String pseudonym = pseudonyms[i % pseudonyms.length];
      List<String> values =
          List.of(
              i % 7 == 0 ? p.lastName() + " \u00c9lo\u00efse \uD83D\uDE42" : p.lastName(),
              i % 11 == 0 ? "" : p.firstName());
      String one = fields.seal(pseudonym, values.toArray(new String[0]));
      String viaLists = sealer.seal(pseudonym, NAMES, values);
      for (String cell : new String[] {one, viaLists}) {
        byte[] plain =
            raw.decrypt(ciphertext(cell), referenceAd("lab-export", 3, pseudonym, NAMES));
        assertArrayEquals(referencePlaintext(values), plain);
        assertEquals(values, fields.open(pseudonym, cell));
        assertEquals(values, sealer.open(pseudonym, NAMES, cell));
      }
      // a cell built the documented way, outside the sealer, opens
      byte[] ct =
          raw.encrypt(referencePlaintext(values), referenceAd("lab-export", 3, pseudonym, NAMES));
      String reference = "ne1." + Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
      assertEquals(values, fields.open(pseudonym, reference));
      i++;
    }
  }

  /** A string of 0–12 characters, each ASCII, Latin-1, BMP or half of a surrogate pair. */
  static String anyText(java.util.SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(13);
    int kind = r.nextInt(4); // mostly one kind per string, as names are
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(8) == 0 ? r.nextInt(5) : kind;
      switch (k) {
        case 0 -> b.append((char) r.nextInt(0x80));
        case 1 -> b.append((char) (0x80 + r.nextInt(0x80)));
        case 2 -> b.append((char) (0x100 + r.nextInt(0xD700 - 0x100)));
        case 3 -> b.appendCodePoint(0x1F600 + r.nextInt(80));
        default -> b.append((char) (0xD800 + r.nextInt(0x800))); // a lone surrogate
      }
    }
    return b.toString();
  }

  /**
   * The ASCII fast paths (values and pseudonym written straight into the arrays) give the bytes of
   * the UTF-8 encoder on any text: ASCII, Latin-1, other BMP characters (whose low byte may look
   * ASCII), pairs and lone surrogates (encoded by the JDK as {@code ?}).
   */
  @Test
  void anyTextGivesTheDocumentedBytes() throws GeneralSecurityException {
    RecordSealer.Fields fields = RecordSealer.create(ring, "lab-export").forFields(NAMES);
    ForAll.check(
        "record cells hold the documented bytes for any text",
        r -> new String[] {anyText(r), anyText(r), anyText(r)},
        t -> {
          try {
            String cell = fields.seal(t[0], t[1], t[2]);
            byte[] plain = raw.decrypt(ciphertext(cell), referenceAd("lab-export", 1, t[0], NAMES));
            assertArrayEquals(referencePlaintext(List.of(t[1], t[2])), plain);
          } catch (GeneralSecurityException e) {
            throw new AssertionError("a cell did not open", e);
          }
        });
  }

  @Test
  void boundToPseudonymNamesAndSchema() throws GeneralSecurityException {
    RecordSealer.Fields fields = RecordSealer.create(ring, "lab-export").forFields(NAMES);
    String cell = fields.seal("row:1", "Durand", "Anne");
    assertThrows(GeneralSecurityException.class, () -> fields.open("row:2", cell));
    assertThrows(
        GeneralSecurityException.class,
        () ->
            RecordSealer.create(ring, "lab-export")
                .forFields(List.of("first_name", "last_name"))
                .open("row:1", cell));
    assertThrows(
        GeneralSecurityException.class,
        () -> RecordSealer.create(ring, "lab-export", 2).forFields(NAMES).open("row:1", cell));
    assertThrows(GeneralSecurityException.class, () -> fields.open("row:1", cell + "A"));
    assertThrows(
        GeneralSecurityException.class, () -> fields.open("row:1", cell.replace("ne1.", "ne2.")));
    assertEquals(List.of("Durand", "Anne"), fields.open("row:1", cell));
  }

  @Test
  void oneValuePerNameAndNoValueInDescriptions() throws GeneralSecurityException {
    RecordSealer sealer = RecordSealer.create(ring, "lab-export");
    RecordSealer.Fields fields = sealer.forFields(NAMES);
    assertEquals(2, fields.size());
    assertThrows(IllegalArgumentException.class, () -> fields.seal("row:1", "Durand"));
    assertThrows(
        IllegalArgumentException.class, () -> sealer.seal("row:1", NAMES, List.of("Durand")));
    fields.seal("row:1", "Durand", "Anne");
    assertFalse(fields.toString().contains("Durand"));
    assertFalse(fields.toString().contains("row:1"));
  }
}
