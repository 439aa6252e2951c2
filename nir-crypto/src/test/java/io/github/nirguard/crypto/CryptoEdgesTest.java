package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edges of the NIR FPE and the record sealer the main suites do not reach: an FPE ciphertext whose
 * check characters are not digits but add up to the right key, lengths of 256 bytes and more in a
 * sealed record's length prefixes, and the descriptions.
 */
class CryptoEdgesTest {
  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-export");
  }

  @Test
  void fpeCheckCharactersMustBeDigitsNotJustSumToTheKey() throws GeneralSecurityException {
    NirFpe fpe = NirFpe.create(ring, "lab-export");
    ForAll.check(
        "a marked ciphertext with the key spelled in other characters is refused",
        Nirs.valid(),
        nir -> {
          String c = fpe.encrypt(nir);
          char tens = c.charAt(13);
          char units = c.charAt(14);
          try {
            assertEquals(nir, fpe.decrypt(c));
            if (tens > '0') {
              // the same value, (tens - 1) * 10 + (units + 10): ':' to 'C' for the units
              String odd = c.substring(0, 13) + (char) (tens - 1) + (char) (units + 10);
              assertThrows(GeneralSecurityException.class, () -> fpe.decrypt(odd), odd);
            }
            String low = c.substring(0, 13) + (char) (tens + 1) + (char) (units - 10);
            assertThrows(GeneralSecurityException.class, () -> fpe.decrypt(low), low);
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void fpeDescriptionsNameThePurposeModeAndKeyOnly() throws GeneralSecurityException {
    NirFpe fpe = NirFpe.create(ring, "lab-export", NirFpe.Mode.FORMAT_VALID);
    assertEquals(
        "NirFpe[purpose=lab-export, mode=FORMAT_VALID, key=" + Token.hex8(fpe.keyId()) + "]",
        fpe.toString());
    NirFpe same = NirFpe.forKey(ring, "lab-export", NirFpe.Mode.MARKED, fpe.keyId());
    assertEquals(
        "NirFpe[purpose=lab-export, mode=MARKED, key=" + Token.hex8(fpe.keyId()) + "]",
        same.toString());
  }

  /** A string of exactly {@code n} UTF-8 bytes, none of them zero. */
  private static String ofBytes(int n) {
    return "x".repeat(n);
  }

  @Test
  void lengthPrefixesCarryAllFourBytes() throws GeneralSecurityException {
    Aead raw =
        ring.handle("lab-export", KeyKind.RECORD)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    RecordSealer sealer = RecordSealer.create(ring, "lab-export", 2);
    // 0x01010101 bytes: every byte of the prefix is non-zero
    int[] lengths = {0x101, 0x10101, 0x01010101};
    for (int n : lengths) {
      String big = ofBytes(n);
      List<String> names = List.of("note");
      List<String> values = List.of(big, "é");
      List<String> two = List.of("note", "other");
      String cell = sealer.seal("row:1", two, values);
      assertArrayEquals(
          RecordSealerTest.referencePlaintext(values),
          raw.decrypt(
              RecordSealerTest.ciphertext(cell),
              RecordSealerTest.referenceAd("lab-export", 2, "row:1", two)),
          "value of " + n + " bytes");
      assertEquals(values, sealer.open("row:1", two, cell));

      String byName = sealer.seal(big, List.of(big), List.of("v"));
      assertArrayEquals(
          RecordSealerTest.referencePlaintext(List.of("v")),
          raw.decrypt(
              RecordSealerTest.ciphertext(byName),
              RecordSealerTest.referenceAd("lab-export", 2, big, List.of(big))),
          "pseudonym and field name of " + n + " bytes");
      assertEquals(names.size(), sealer.forFields(names).size());
    }
  }

  @Test
  void sealerDescriptionsNameThePurposeSchemaAndFieldCountOnly() throws GeneralSecurityException {
    RecordSealer sealer = RecordSealer.create(ring, "lab-export", 4);
    assertEquals("RecordSealer[purpose=lab-export, schema=4]", sealer.toString());
    assertEquals(
        "RecordSealer.Fields[purpose=lab-export, schema=4, 2 fields]",
        sealer.forFields(List.of("last_name", "first_name")).toString());
    assertEquals(
        "RecordSealer[purpose=lab-export, schema=1]",
        RecordSealer.create(ring, "lab-export").toString());
  }
}
