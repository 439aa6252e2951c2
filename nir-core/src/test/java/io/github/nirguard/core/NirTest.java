package io.github.nirguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.nirguard.core.internal.ScanStatus;
import java.io.Serializable;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NirTest {

  /**
   * Worked examples with their strict verdicts: the README's (Validate section) and one per kind of
   * place and month. The rules themselves live in {@link NirProfile} (docs/decisions/0002); no
   * separate reference text is committed, so these verdicts are the reference.
   */
  @ParameterizedTest(name = "reference example {index}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 55 08 14 168 025 38 | VALID",
        "2 95 10 99 126 111 93 | VALID",
        "253072B07300470       | VALID",
        "253072A07300443       | VALID",
        "201019730512303       | VALID",
        "141330109002285       | VALID",
        "140200109002223       | VALID",
        "169109935247001       | VALID",
        "255082A16802597       | VALID",
        "1 85 05 78 006 084 36 | KEY_MISMATCH",
        "295109912611199       | INVALID_KEY",
        "185137512345607       | INVALID_MONTH",
      })
  void referenceExamples(String input, String verdict) {
    long status = ScanStatus.scan(NirProfile.STRICT, input);
    assertEquals(verdict.equals("VALID"), Nir.isValid(input), "Nir.isValid");
    assertEquals(verdict.equals("VALID"), Nir.tryParse(input).isPresent(), "Nir.tryParse");
    if (verdict.equals("VALID")) {
      assertTrue(
          ScanStatus.isValid(status), () -> "expected valid, got " + ScanStatus.errorOf(status));
    } else {
      assertEquals(NirError.valueOf(verdict), ScanStatus.errorOf(status));
    }
  }

  @Test
  void partsOfAMainlandNir() {
    Nir nir = Nir.parse("2 55 08 14 168 025 38");
    assertEquals(Sex.FEMALE, nir.sex());
    assertEquals(55, nir.birthYear());
    assertEquals(BirthMonth.Kind.KNOWN, nir.birthMonth().kind());
    assertEquals(OptionalInt.of(8), nir.birthMonth().realMonth());
    assertEquals(new BirthPlace.Mainland("14", "168"), nir.birthPlace());
    assertEquals(25, nir.orderNumber());
    assertEquals(38, nir.key());
  }

  @Test
  void partsOfOtherPlaces() {
    assertEquals(new BirthPlace.Abroad("126"), Nir.parse("295109912611193").birthPlace());
    assertEquals(new BirthPlace.Corsica("2B", "073"), Nir.parse("253072B07300470").birthPlace());
    assertEquals(new BirthPlace.Corsica("2A", "073"), Nir.parse("253072a07300443").birthPlace());
    assertEquals(new BirthPlace.Overseas("973", "05"), Nir.parse("201019730512303").birthPlace());
    BirthMonth m33 = Nir.parse("141330109002285").birthMonth();
    assertEquals(BirthMonth.Kind.PSEUDO_FICTITIOUS, m33.kind());
    assertEquals(OptionalInt.of(3), m33.realMonth());
    BirthMonth m20 = Nir.parse("140200109002223").birthMonth();
    assertEquals(BirthMonth.Kind.UNKNOWN, m20.kind());
    assertTrue(m20.admits(7));
    assertFalse(m33.admits(4));
  }

  @Test
  void corsicaLettersOnlyCountAs19And18AtIndexes5And6() {
    Nir a = Nir.parse("253072A07300443");
    Nir dept19 = Nir.fromBody("2530719073004");
    assertEquals(a.numericBody(), dept19.numericBody());
    assertEquals(a.key(), dept19.key());
    assertEquals('A', a.corsicaLetter());
    assertEquals(0, dept19.corsicaLetter());
    assertFalse(a.equals(dept19), "2A and department 19 are different NIRs");
    // a letter anywhere else is an invalid character, at its own position
    NirFormatException e =
        assertThrows(NirFormatException.class, () -> Nir.parse("2530A2B07300470"));
    assertEquals(NirError.INVALID_CHARACTER, e.reason());
    assertEquals(4, e.position());
    assertEquals(
        NirError.INVALID_CHARACTER,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "25307AB07300470")));
  }

  @Test
  void keyArithmetic() {
    assertEquals(38, NirKey.of(2550814168025L));
    assertEquals(1, NirKey.of(1691099352470L));
    assertEquals(97, NirKey.of(2550819168025L)); // 2A at 5-6: "2550819" + "168025" → key 97
    assertTrue(NirKey.matches(2550814168025L, 38));
    assertFalse(NirKey.matches(2550814168025L, 39));
    assertThrows(IllegalArgumentException.class, () -> NirKey.of(NirKey.BODY_LIMIT));
    assertThrows(IllegalArgumentException.class, () -> NirKey.of(-1));
  }

  @Test
  void lenientSeparatorsAreAcceptedEverywhere() {
    Nir expected = Nir.parse("255081416802538");
    for (String s :
        new String[] {
          " 2 55 08 14 168 025 38 ",
          "2\t55\t08\t14\t168\t025\t38",
          "2\u00A055\u00A008 14\u202F168 025 38",
          "2.55.08.14.168.025.38",
          "2-55-08-14-168-025-38",
          "2_55_08_14_168_025_38",
          "2550814168025/38",
          "2 55 08 14 168 025 / 38",
        }) {
      assertEquals(expected, Nir.parse(s));
    }
    assertEquals(Nir.parse("255082A16802597"), Nir.parse("2 55 08 2a 168 025 97"));
  }

  @Test
  void slashOnlyBeforeTheKey() {
    NirFormatException e =
        assertThrows(NirFormatException.class, () -> Nir.parse("255/0814168025 38"));
    assertEquals(NirError.INVALID_CHARACTER, e.reason());
    assertEquals(3, e.position());
    assertEquals(
        NirError.INVALID_CHARACTER,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "2550814168025//38")));
  }

  @Test
  void positionsPointIntoTheRawInput() {
    NirFormatException month =
        assertThrows(NirFormatException.class, () -> Nir.parse("  1 85 13 75 123 456 07"));
    assertEquals(NirError.INVALID_MONTH, month.reason());
    assertEquals(7, month.position());
    NirFormatException key =
        assertThrows(NirFormatException.class, () -> Nir.parse("1 85 05 78 006 084 36"));
    assertEquals(NirError.KEY_MISMATCH, key.reason());
    assertEquals(19, key.position());
    NirFormatException tooLong =
        assertThrows(NirFormatException.class, () -> Nir.parse("2550814168025380"));
    assertEquals(NirError.TOO_LONG, tooLong.reason());
    assertEquals(15, tooLong.position());
    NirFormatException tooShort =
        assertThrows(NirFormatException.class, () -> Nir.parse("25508141680"));
    assertEquals(NirError.TOO_SHORT, tooShort.reason());
    assertEquals(11, tooShort.position());
    assertEquals(
        NirError.EMPTY, assertThrows(NirFormatException.class, () -> Nir.parse(" . - ")).reason());
  }

  @Test
  void thirteenCharactersAreDiagnosed() {
    assertEquals(
        NirError.MISSING_KEY,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "2550814168025")));
    assertEquals(
        NirError.NNP_NOT_NIR,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "7012345678901")));
    assertEquals(
        NirError.NNP_NOT_NIR,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "8212345678901")));
    assertEquals(
        NirError.MIG_NOT_NIR,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "5112345678901")));
    assertEquals(
        NirError.MIG_NOT_NIR,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "6212345678901")));
    assertEquals(
        NirError.TOO_SHORT,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, "2551314168025")));
    // checksum-only agrees with its own parseBody: a 13-character body lacks its key
    assertEquals(
        NirError.MISSING_KEY,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.CHECKSUM_ONLY, "1851375123456")));
    assertEquals(7, NirProfile.CHECKSUM_ONLY.parseBody("1851375123456").key());
  }

  @Test
  void strictAllowingNothingIsStrict() {
    assertEquals(NirProfile.STRICT, NirProfile.strictAllowing());
    assertEquals(NirProfile.LENIENT, NirProfile.strictAllowing(Leniency.values()));
    assertEquals("strict+zero_order", NirProfile.strictAllowing(Leniency.ZERO_ORDER).name());
  }

  @Test
  void profiles() {
    String sex3 = Nir.fromBody("2550814168025").compact().replaceFirst("^2", "3");
    String sex3Valid =
        sex3.substring(0, 13) + twoDigits(NirKey.of(Long.parseLong(sex3.substring(0, 13))));
    assertEquals(
        NirError.INVALID_SEX, ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, sex3Valid)));
    long lenient = ScanStatus.scan(NirProfile.LENIENT, sex3Valid);
    assertTrue(ScanStatus.isValid(lenient));
    assertEquals(Set.of(Leniency.SEX_3_4), ScanStatus.leniencesOf(lenient));
    assertEquals(Sex.UNSPECIFIED, ScanStatus.nirOf(lenient).sex());

    String order000 = "255081416800" + "0";
    String order000Nir = order000 + twoDigits(NirKey.of(Long.parseLong(order000)));
    assertEquals(
        NirError.INVALID_ORDER,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, order000Nir)));
    assertTrue(NirProfile.strictAllowing(Leniency.ZERO_ORDER).test(order000Nir));
    assertFalse(NirProfile.strictAllowing(Leniency.ZERO_COMMUNE).test(order000Nir));

    // month 13: never valid structurally, but the checksum holds
    assertTrue(NirProfile.CHECKSUM_ONLY.test("185137512345607"));
    assertFalse(NirProfile.LENIENT.test("185137512345607"));
    assertEquals(
        BirthMonth.Kind.NONSTANDARD,
        NirProfile.CHECKSUM_ONLY.parse("185137512345607").birthMonth().kind());
    assertEquals(
        NirError.KEY_MISMATCH,
        ScanStatus.errorOf(ScanStatus.scan(NirProfile.CHECKSUM_ONLY, "185057800608436")));
  }

  @Test
  void placeRules() {
    assertEquals(NirError.INVALID_DEPARTMENT, reasonOfBody("1850500123456"));
    assertEquals(NirError.INVALID_DEPARTMENT, reasonOfBody("1850597012456"));
    assertEquals(NirError.INVALID_DEPARTMENT, reasonOfBody("1850598312456"));
    assertEquals(NirError.INVALID_COMMUNE, reasonOfBody("1850575000456"));
    assertEquals(NirError.INVALID_COMMUNE, reasonOfBody("1850597100456"));
    assertEquals(NirError.INVALID_COUNTRY, reasonOfBody("1850599000456"));
    assertEquals(null, reasonOfBody("1850596012456"));
    assertEquals(null, reasonOfBody("1850598712456"));
    assertEquals(new BirthPlace.Corsica("20", "012"), Nir.fromBody("1500520012456").birthPlace());
  }

  @Test
  void formats() {
    Nir nir = Nir.parse("255081416802538");
    assertEquals("255081416802538", nir.compact());
    assertEquals("2550814168025", nir.body());
    assertEquals("2 55 08 14 168 025 38", nir.display());
    assertEquals("2 55 08 •• ••• ••• ••", nir.masked());
    assertEquals("Nir[2 55 08 •• ••• ••• ••]", nir.toString());
    Nir overseas = Nir.parse("201019730512303");
    assertEquals("2 01 01 973 05 123 03", overseas.display());
    assertEquals("2 01 01 ••• •• ••• ••", overseas.masked());
    assertEquals("2 53 07 2B 073 004 70", Nir.parse("253072b07300470").display());
    assertEquals("169109935247001", Nir.parse("169109935247001").compact());
  }

  @Test
  void equalsAndHashCodeByValue() {
    new EqualsTester()
        .addEqualityGroup(
            Nir.parse("255081416802538"),
            Nir.parse("2 55 08 14 168 025 38"),
            Nir.fromBody("2550814168025"))
        .addEqualityGroup(Nir.parse("253072A07300443"), Nir.parse("253072a07300443"))
        .addEqualityGroup(Nir.fromBody("2530719073004"))
        .addEqualityGroup(Nir.parse("169109935247001"))
        .testEquals();
  }

  @Test
  void notSerializable() {
    assertFalse(Serializable.class.isAssignableFrom(Nir.class));
  }

  @Test
  void nothingLeaksIntoMessagesOrToString() {
    String[] inputs = {
      "1 85 05 78 006 084 36",
      "185137512345607",
      "2550814168025",
      "2550814168025380",
      "25508141680x5"
    };
    for (String input : inputs) {
      NirFormatException e = assertThrows(NirFormatException.class, () -> Nir.parse(input));
      assertNoDigitsOf(input, e.getMessage());
    }
    Nir nir = Nir.parse("255081416802538");
    assertNoDigitsOf(nir.compact(), nir.toString());
    assertNoDigitsOf(nir.compact(), nir.birthPlace().toString());
    assertInstanceOf(BirthPlace.Mainland.class, nir.birthPlace());
  }

  @Test
  void tryParseNeverThrows() {
    assertTrue(Nir.tryParse(null).isEmpty());
    assertTrue(Nir.tryParse("garbage").isEmpty());
    assertEquals(Nir.parse("255081416802538"), Nir.tryParse("255081416802538").orElseThrow());
  }

  static void assertNoDigitsOf(String input, String output) {
    String digits = input.replaceAll("[^0-9A-Za-z]", "");
    // any 8 consecutive significant characters of the input would be a leak
    for (int i = 0; i + 8 <= digits.length(); i++) {
      String window = digits.substring(i, i + 8);
      assertFalse(
          output.replaceAll("[^0-9A-Za-z]", "").contains(window), "leaked part of the input");
    }
  }

  private static NirError reasonOfBody(String body) {
    String nir = body + twoDigits(NirKey.of(Long.parseLong(body)));
    long status = ScanStatus.scan(NirProfile.STRICT, nir);
    return ScanStatus.isValid(status) ? null : ScanStatus.errorOf(status);
  }

  private static String twoDigits(int key) {
    return (key < 10 ? "0" : "") + key;
  }
}
