package io.github.nirguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.internal.ScanStatus;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edges of every range in the rules (one inside, one outside), and the small accessors whose
 * mutation nothing else noticed (found by mutation testing, docs/testing.md).
 */
class NirEdgesTest {

  /** A structurally unchecked NIR from its body (the checksum profile checks no rule). */
  static Nir body(String body) {
    return NirProfile.CHECKSUM_ONLY.parseBody(body);
  }

  /** The full 15 characters of a body without Corsica letters. */
  static String full(String body) {
    return body + String.format(Locale.ROOT, "%02d", NirKey.of(Long.parseLong(body)));
  }

  static void refused(NirProfile p, String body, NirError reason, int position) {
    NirFormatException e = assertThrows(NirFormatException.class, () -> p.parseBody(body), body);
    assertEquals(reason, e.reason(), body);
    assertEquals(position, e.position(), body);
    long status = ScanStatus.scan(p, full(body));
    assertFalse(ScanStatus.isValid(status), body);
    assertEquals(reason, ScanStatus.errorOf(status), body);
    assertEquals(EnumSet.noneOf(Leniency.class), ScanStatus.leniencesOf(status), body);
  }

  static void accepted(NirProfile p, String body, Leniency... flags) {
    p.parseBody(body);
    long status = ScanStatus.scan(p, full(body));
    assertTrue(ScanStatus.isValid(status), body);
    assertEquals(-1, ScanStatus.positionOf(status), body);
    Set<Leniency> expected = EnumSet.noneOf(Leniency.class);
    expected.addAll(List.of(flags));
    assertEquals(expected, ScanStatus.leniencesOf(status), body);
  }

  @Test
  void birthPlaceAtEveryRangeEdge() {
    assertEquals(new BirthPlace.Mainland("01", "001"), body("1850501001001").birthPlace());
    assertEquals(new BirthPlace.Mainland("96", "001"), body("1850596001001").birthPlace());
    assertEquals(new BirthPlace.Corsica("20", "001"), body("1850520001001").birthPlace());
    assertEquals(new BirthPlace.Corsica("2A", "001"), body("185052A001001").birthPlace());
    assertEquals(new BirthPlace.Corsica("2B", "001"), body("185052B001001").birthPlace());
    for (String d3 : List.of("971", "978", "984", "988")) {
      assertEquals(
          new BirthPlace.Overseas(d3, "01"), body("18505" + d3 + "01001").birthPlace(), d3);
    }
    for (String d3 : List.of("970", "979", "983", "989")) {
      assertEquals(
          new BirthPlace.Unrecognized(d3 + "01"), body("18505" + d3 + "01001").birthPlace(), d3);
    }
    assertEquals(new BirthPlace.Abroad("001"), body("1850599001001").birthPlace());
    assertEquals(new BirthPlace.Unrecognized("00001"), body("1850500001001").birthPlace());
  }

  @Test
  void birthPlaceCodesAndMaskedText() {
    assertEquals("14168", new BirthPlace.Mainland("14", "168").code());
    assertEquals("2A073", new BirthPlace.Corsica("2A", "073").code());
    assertEquals("97305", new BirthPlace.Overseas("973", "05").code());
    assertEquals("99126", new BirthPlace.Abroad("126").code());
    assertTrue(new BirthPlace.Corsica("20", "073").beforeDivision());
    assertFalse(new BirthPlace.Corsica("2A", "073").beforeDivision());
    assertEquals(
        "Mainland[department=14, commune=•••]", new BirthPlace.Mainland("14", "168").toString());
    assertEquals(
        "Corsica[department=2A, commune=•••]", new BirthPlace.Corsica("2A", "073").toString());
    assertEquals(
        "Overseas[department=973, commune=••]", new BirthPlace.Overseas("973", "05").toString());
    assertEquals("Abroad[country=126]", new BirthPlace.Abroad("126").toString());
    assertEquals("Unrecognized[•••••]", new BirthPlace.Unrecognized("97901").toString());
  }

  @Test
  void structuralRulesAtEveryEdge() {
    NirProfile strict = NirProfile.STRICT;
    NirProfile lenient = NirProfile.LENIENT;
    // sex
    accepted(strict, "1850575112001");
    accepted(strict, "2850575112001");
    refused(strict, "3850575112001", NirError.INVALID_SEX, 0);
    accepted(lenient, "3850575112001", Leniency.SEX_3_4);
    accepted(lenient, "4850575112001", Leniency.SEX_3_4);
    accepted(lenient, "7850575112001", Leniency.SEX_7_8);
    accepted(lenient, "8850575112001", Leniency.SEX_7_8);
    for (String sex : List.of("0", "5", "6", "9")) {
      refused(lenient, sex + "850575112001", NirError.INVALID_SEX, 0);
    }
    // months 43-49: lenient only, with the flag; 42 and 50 are ordinary, 13 never
    refused(strict, "1854375112001", NirError.INVALID_MONTH, 3);
    accepted(lenient, "1854375112001", Leniency.MONTH_43_49);
    accepted(lenient, "1854975112001", Leniency.MONTH_43_49);
    accepted(strict, "1854275112001");
    accepted(strict, "1855075112001");
    refused(lenient, "1851375112001", NirError.INVALID_MONTH, 3);
    refused(lenient, "1850075112001", NirError.INVALID_MONTH, 3);
    // departments and overseas codes
    refused(lenient, "1850500112001", NirError.INVALID_DEPARTMENT, 5);
    for (String d3 : List.of("971", "978", "984", "988")) {
      accepted(strict, "18505" + d3 + "12001");
    }
    for (String d3 : List.of("970", "979", "983", "989")) {
      refused(lenient, "18505" + d3 + "12001", NirError.INVALID_DEPARTMENT, 5);
    }
    // zero commune, per kind of place
    refused(strict, "1850575000001", NirError.INVALID_COMMUNE, 7);
    accepted(lenient, "1850575000001", Leniency.ZERO_COMMUNE);
    refused(strict, "1850597300001", NirError.INVALID_COMMUNE, 8);
    accepted(lenient, "1850597300001", Leniency.ZERO_COMMUNE);
    refused(strict, "1850599000001", NirError.INVALID_COUNTRY, 7);
    NirFormatException corsica =
        assertThrows(NirFormatException.class, () -> strict.parseBody("185052A000001"));
    assertEquals(NirError.INVALID_COMMUNE, corsica.reason());
    lenient.parseBody("185052A000001");
    // zero order
    refused(strict, "1850575112000", NirError.INVALID_ORDER, 10);
    accepted(lenient, "1850575112000", Leniency.ZERO_ORDER);
    accepted(
        lenient,
        "3854375000000",
        Leniency.SEX_3_4,
        Leniency.MONTH_43_49,
        Leniency.ZERO_COMMUNE,
        Leniency.ZERO_ORDER);
  }

  @Test
  void birthMonthKindsAtEveryEdge() {
    Map<Integer, BirthMonth.Kind> kinds =
        Map.ofEntries(
            Map.entry(0, BirthMonth.Kind.NONSTANDARD),
            Map.entry(1, BirthMonth.Kind.KNOWN),
            Map.entry(12, BirthMonth.Kind.KNOWN),
            Map.entry(13, BirthMonth.Kind.NONSTANDARD),
            Map.entry(19, BirthMonth.Kind.NONSTANDARD),
            Map.entry(20, BirthMonth.Kind.UNKNOWN),
            Map.entry(30, BirthMonth.Kind.UNKNOWN),
            Map.entry(31, BirthMonth.Kind.PSEUDO_FICTITIOUS),
            Map.entry(42, BirthMonth.Kind.PSEUDO_FICTITIOUS),
            Map.entry(43, BirthMonth.Kind.NONSTANDARD),
            Map.entry(49, BirthMonth.Kind.NONSTANDARD),
            Map.entry(50, BirthMonth.Kind.UNKNOWN),
            Map.entry(99, BirthMonth.Kind.UNKNOWN));
    kinds.forEach((code, kind) -> assertEquals(kind, new BirthMonth(code).kind(), "month " + code));
    assertThrows(IllegalArgumentException.class, () -> new BirthMonth(-1));
    assertThrows(IllegalArgumentException.class, () -> new BirthMonth(100));
    assertEquals(OptionalInt.of(1), new BirthMonth(1).realMonth());
    assertEquals(OptionalInt.of(12), new BirthMonth(12).realMonth());
    assertEquals(OptionalInt.of(1), new BirthMonth(31).realMonth());
    assertEquals(OptionalInt.of(12), new BirthMonth(42).realMonth());
    assertEquals(OptionalInt.empty(), new BirthMonth(20).realMonth());
    assertEquals(OptionalInt.empty(), new BirthMonth(13).realMonth());
    assertTrue(new BirthMonth(8).admits(8));
    assertFalse(new BirthMonth(8).admits(9));
    assertTrue(new BirthMonth(33).admits(3));
    assertFalse(new BirthMonth(33).admits(4));
    for (int m = 1; m <= 12; m++) {
      assertTrue(new BirthMonth(20).admits(m), "unknown admits " + m);
      assertFalse(new BirthMonth(13).admits(m), "nonstandard admits no month");
    }
    assertEquals("BirthMonth[09, KNOWN]", new BirthMonth(9).toString());
    assertEquals("BirthMonth[10, KNOWN]", new BirthMonth(10).toString());
    assertEquals("BirthMonth[00, NONSTANDARD]", new BirthMonth(0).toString());
  }

  @Test
  void keysAtTheEdgesOfTheBodyRange() {
    assertEquals(97, NirKey.of(0));
    long last = NirKey.BODY_LIMIT - 1;
    assertEquals(97 - (int) (last % 97), NirKey.of(last));
    assertThrows(IllegalArgumentException.class, () -> NirKey.of(-1));
    assertThrows(IllegalArgumentException.class, () -> NirKey.of(NirKey.BODY_LIMIT));
    assertTrue(NirKey.matches(0, 97));
    assertTrue(NirKey.matches(last, NirKey.of(last)));
    assertFalse(NirKey.matches(-1, 97 - (int) Math.floorMod(-1L, 97L)));
    assertFalse(
        NirKey.matches(NirKey.BODY_LIMIT, 97 - (int) (NirKey.BODY_LIMIT % 97)),
        "a 14-digit body never matches");
    assertFalse(NirKey.matches(0, 96));
  }

  @Test
  void numericBodyAndHashCode() {
    assertEquals(2550814168025L, Nir.parse("2 55 08 14 168 025 38").numericBody());
    Set<Integer> hashes = new HashSet<>();
    for (int i = 1; i <= 100; i++) {
      hashes.add(
          Nir.fromBody(String.format(Locale.ROOT, "18505751%02d%03d", i % 100, i)).hashCode());
    }
    assertTrue(hashes.size() >= 95, "hash codes spread: " + hashes.size());
  }

  @Test
  void profilesByNameAndTheirProperties() {
    assertSame(NirProfile.STRICT, NirProfile.named("strict"));
    assertSame(NirProfile.STRICT, NirProfile.named("STRICT"));
    assertSame(NirProfile.LENIENT, NirProfile.named("lenient"));
    for (String n : List.of("checksum", "checksum-only", "checksum_only", "Checksum")) {
      assertSame(NirProfile.CHECKSUM_ONLY, NirProfile.named(n), n);
    }
    assertThrows(IllegalArgumentException.class, () -> NirProfile.named("relaxed"));
    assertEquals(Set.of(), NirProfile.STRICT.leniencies());
    assertEquals(EnumSet.allOf(Leniency.class), NirProfile.LENIENT.leniencies());
    assertTrue(NirProfile.CHECKSUM_ONLY.checksumOnly());
    assertFalse(NirProfile.STRICT.checksumOnly());
    assertFalse(NirProfile.LENIENT.checksumOnly());
    assertEquals("NirProfile[strict]", NirProfile.STRICT.toString());
    assertEquals("NirProfile[lenient]", NirProfile.LENIENT.toString());
  }

  @Test
  void sexDigitsAndErrorDescriptions() {
    assertEquals(Sex.MALE, Sex.ofDigit(1));
    assertEquals(Sex.MALE, Sex.ofDigit(7));
    assertEquals(Sex.FEMALE, Sex.ofDigit(2));
    assertEquals(Sex.FEMALE, Sex.ofDigit(8));
    for (int d : new int[] {0, 3, 4, 5, 6, 9}) {
      assertEquals(Sex.UNSPECIFIED, Sex.ofDigit(d), "digit " + d);
    }
    for (NirError e : NirError.values()) {
      assertFalse(e.description().isBlank(), e.name());
    }
  }
}
