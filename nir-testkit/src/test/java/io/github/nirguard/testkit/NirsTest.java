package io.github.nirguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.BirthPlace;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirProfile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The generators of {@link Nirs} produce what they claim. No assertion message carries a value. */
class NirsTest {
  /** Coverage assertions need enough cases, whatever the configured size. */
  static final int AT_LEAST_2000 = Math.max(ForAll.size(), 2000);

  static Nirs.Category categoryOf(Nir nir) {
    BirthPlace place = nir.birthPlace();
    if (place instanceof BirthPlace.Mainland) {
      return Nirs.Category.MAINLAND;
    }
    if (place instanceof BirthPlace.Corsica) {
      return ((BirthPlace.Corsica) place).beforeDivision()
          ? Nirs.Category.CORSICA_PRE_1976
          : Nirs.Category.CORSICA;
    }
    if (place instanceof BirthPlace.Overseas) {
      return Nirs.Category.OVERSEAS;
    }
    if (place instanceof BirthPlace.Abroad) {
      return Nirs.Category.ABROAD;
    }
    return null;
  }

  static Stream<Arguments> categoriesAndKinds() {
    return Stream.of(Nirs.Category.values())
        .flatMap(c -> Nirs.strictKinds().stream().map(k -> Arguments.of(c, k)));
  }

  @Test
  void strictKindsAreExactlyTheKindsValidAccepts() {
    for (BirthMonth.Kind kind : BirthMonth.Kind.values()) {
      if (Nirs.strictKinds().contains(kind)) {
        Nir nir = Nirs.valid(Nirs.Category.MAINLAND, kind).next(new java.util.SplittableRandom(7));
        assertEquals(kind, nir.birthMonth().kind(), "kind");
      } else {
        assertThrows(
            IllegalArgumentException.class, () -> Nirs.valid(Nirs.Category.MAINLAND, kind));
      }
    }
    assertEquals(3, Nirs.strictKinds().size(), "KNOWN, PSEUDO_FICTITIOUS, UNKNOWN");
    assertThrows(
        UnsupportedOperationException.class,
        () -> Nirs.strictKinds().add(BirthMonth.Kind.NONSTANDARD));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("categoriesAndKinds")
  void validIsStrictlyValidAndOfItsCategoryAndKind(Nirs.Category category, BirthMonth.Kind kind) {
    ForAll.check(
        "valid(" + category + ", " + kind + ")",
        Nirs.valid(category, kind),
        nir -> {
          // strictly valid, hence no leniency flag
          assertEquals(nir, NirProfile.STRICT.parse(nir.compact()), "strictly valid, parses back");
          assertTrue(NirProfile.STRICT.test(nir.display()), "display strictly valid");
          assertEquals(category, categoryOf(nir), "category");
          assertEquals(kind, nir.birthMonth().kind(), "month kind");
          assertTrue(nir.sexDigit() == 1 || nir.sexDigit() == 2, "sex 1 or 2");
          assertTrue(nir.orderNumber() >= 1 && nir.orderNumber() <= 999, "order");
          checkPlace(category, nir.birthPlace());
        });
  }

  private static void checkPlace(Nirs.Category category, BirthPlace place) {
    String code = place.code();
    switch (category) {
      case MAINLAND:
        {
          int dept = Integer.parseInt(code.substring(0, 2));
          assertTrue(dept >= 1 && dept <= 96 && dept != 20, "mainland department");
          assertNotEquals("000", code.substring(2), "commune");
          break;
        }
      case CORSICA:
        assertTrue(code.startsWith("2A") || code.startsWith("2B"), "2A/2B");
        assertNotEquals("000", code.substring(2), "commune");
        break;
      case CORSICA_PRE_1976:
        assertTrue(code.startsWith("20"), "20");
        assertNotEquals("000", code.substring(2), "commune");
        break;
      case OVERSEAS:
        {
          int dept = Integer.parseInt(code.substring(0, 3));
          assertTrue(
              (dept >= 971 && dept <= 978) || (dept >= 984 && dept <= 988), "overseas department");
          assertNotEquals("00", code.substring(3), "commune");
          break;
        }
      case ABROAD:
        assertTrue(code.startsWith("99"), "99");
        assertNotEquals("000", code.substring(2), "country");
        break;
      default:
        throw new AssertionError("category");
    }
  }

  @Test
  void validCoversEveryCategoryAndKind() {
    Set<String> seen = new HashSet<>();
    ForAll.check(
        "valid() is strictly valid",
        AT_LEAST_2000,
        ForAll.seed(),
        Nirs.valid(),
        nir -> {
          assertTrue(NirProfile.STRICT.test(nir.compact()), "strictly valid");
          seen.add(categoryOf(nir) + " " + nir.birthMonth().kind());
        });
    assertEquals(15, seen.size(), "every category x kind seen");
  }

  @Test
  void validOfCategoryHasEveryKind() {
    for (Nirs.Category category : Nirs.Category.values()) {
      Set<BirthMonth.Kind> kinds = EnumSet.noneOf(BirthMonth.Kind.class);
      ForAll.check(
          "valid(" + category + ")",
          AT_LEAST_2000,
          ForAll.seed(),
          Nirs.valid(category),
          nir -> {
            assertTrue(NirProfile.STRICT.test(nir.compact()), "strictly valid");
            assertEquals(category, categoryOf(nir), "category");
            kinds.add(nir.birthMonth().kind());
          });
      assertEquals(3, kinds.size(), "kinds");
    }
  }

  @Test
  void validReachesTheBoundsOfEachField() {
    List<Nir> sample = Nirs.valid().sample(1L, 20_000);
    Predicate<Predicate<Nir>> some = p -> sample.stream().anyMatch(p);
    assertTrue(some.test(n -> n.orderNumber() == 1), "order 001");
    assertTrue(some.test(n -> n.orderNumber() == 999), "order 999");
    assertTrue(some.test(n -> n.key() == 1 || n.key() == 97), "key at a bound");
    assertTrue(some.test(n -> n.birthYear() == 0), "year 00");
    assertTrue(some.test(n -> n.birthYear() == 99), "year 99");
    assertTrue(some.test(n -> n.birthMonth().code() == 99), "month 99");
    assertTrue(some.test(n -> n.birthPlace().code().equals("01001")), "01001");
    assertTrue(some.test(n -> n.birthPlace().code().startsWith("96")), "department 96");
    assertTrue(some.test(n -> n.birthPlace().code().equals("99999")), "country 999");
    assertTrue(some.test(n -> n.birthPlace().code().startsWith("988")), "988");
    assertTrue(some.test(n -> n.corsicaLetter() == 'A'), "2A");
    assertTrue(some.test(n -> n.corsicaLetter() == 'B'), "2B");
  }

  @Test
  void validRejectsNonstandardKind() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Nirs.valid(Nirs.Category.MAINLAND, BirthMonth.Kind.NONSTANDARD));
    assertThrows(NullPointerException.class, () -> Nirs.valid(null));
    assertThrows(NullPointerException.class, () -> Nirs.invalid(null));
    assertThrows(NullPointerException.class, () -> Nirs.lenientOnly(null));
  }

  @ParameterizedTest
  @EnumSource(NirError.class)
  void invalidIsRejectedWithExactlyItsReason(NirError reason) {
    ForAll.check(
        "invalid(" + reason + ")",
        Nirs.invalid(reason),
        text -> {
          assertFalse(NirProfile.STRICT.test(text), "rejected");
          Rejection r = Rejection.of(NirProfile.STRICT, text);
          assertEquals(reason, r.reason, "reason");
          int position = r.position;
          assertTrue(position >= 0 && position <= text.length(), "position within the text");
        });
  }

  @ParameterizedTest
  @EnumSource(NirError.class)
  void invalidVaries(NirError reason) {
    List<String> sample = Nirs.invalid(reason).sample(3L, 2000);
    int distinct = new HashSet<>(sample).size();
    if (reason == NirError.EMPTY) {
      assertTrue(distinct > 50, "distinct empties");
    } else {
      assertTrue(distinct > 1500, "distinct texts");
    }
    if (reason != NirError.EMPTY) {
      Set<Integer> positions = new HashSet<>();
      Set<Integer> lengths = new HashSet<>();
      for (String text : sample) {
        positions.add(Rejection.of(NirProfile.STRICT, text).position);
        lengths.add(text.length());
      }
      assertTrue(lengths.size() > 3, "several lengths");
      if (reason == NirError.INVALID_CHARACTER || reason == NirError.TOO_LONG) {
        assertTrue(positions.size() > 10, "several positions");
      }
    }
  }

  @Test
  void invalidCharacterUsesLookAlikesAndInvisibles() {
    List<String> sample = Nirs.invalid(NirError.INVALID_CHARACTER).sample(5L, 5000);
    Map<String, Predicate<String>> kinds =
        Map.of(
            "arabic-indic digit", s -> s.chars().anyMatch(c -> c >= 0x0660 && c <= 0x0669),
            "full-width digit", s -> s.chars().anyMatch(c -> c >= 0xFF10 && c <= 0xFF19),
            "zero-width space", s -> s.indexOf('\u200B') >= 0,
            "misplaced slash", s -> s.indexOf('/') >= 0,
            "misplaced letter A or B",
                s -> s.chars().anyMatch(c -> c == 'A' || c == 'B' || c == 'a' || c == 'b'),
            "letter O", s -> s.indexOf('O') >= 0,
            "line break", s -> s.indexOf('\n') >= 0);
    kinds.forEach((name, p) -> assertTrue(sample.stream().anyMatch(p), name));
  }

  @Test
  void keyReasonsUseTheirKeys() {
    ForAll.check(
        "INVALID_KEY keys are 00, 98 or 99",
        Nirs.invalid(NirError.INVALID_KEY),
        text -> {
          String key = significant(text).substring(13);
          assertTrue(key.equals("00") || key.equals("98") || key.equals("99"), "key");
        });
    ForAll.check(
        "KEY_MISMATCH keys are in range",
        Nirs.invalid(NirError.KEY_MISMATCH),
        text -> {
          String sig = significant(text);
          int key = Integer.parseInt(sig.substring(13));
          assertTrue(key >= 1 && key <= 97, "key in range");
          Nir body = Nir.fromBody(sig.substring(0, 13));
          assertNotEquals(body.key(), key, "wrong key");
        });
    ForAll.check(
        "MISSING_KEY is a valid body",
        Nirs.invalid(NirError.MISSING_KEY),
        text -> Nir.fromBody(significant(text)));
    ForAll.check(
        "NNP shape",
        Nirs.invalid(NirError.NNP_NOT_NIR),
        text -> assertTrue(significant(text).matches("[78][012][0-9]{11}"), "NNP"));
    ForAll.check(
        "MIG shape",
        Nirs.invalid(NirError.MIG_NOT_NIR),
        text -> assertTrue(significant(text).matches("[56][12][0-9]{11}"), "MIG"));
  }

  /** The digits and letters of a text, without separators and slash. */
  static String significant(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }

  @Test
  void neverRealPassesChecksumOnlyAndFailsStrictOnTheMonth() {
    ForAll.check(
        "never real",
        Nirs.neverReal(),
        nir -> {
          String compact = nir.compact();
          assertTrue(NirProfile.CHECKSUM_ONLY.test(compact), "checksum-only accepts");
          assertEquals(
              NirError.INVALID_MONTH, Rejection.reasonOf(NirProfile.STRICT, compact), "strict");
          assertEquals(
              NirError.INVALID_MONTH, Rejection.reasonOf(NirProfile.LENIENT, compact), "lenient");
          int month = nir.birthMonth().code();
          assertTrue(month >= 13 && month <= 19, "month 13-19");
          assertTrue(categoryOf(nir) != null, "a real kind of place");
          assertTrue(nir.sexDigit() == 1 || nir.sexDigit() == 2, "sex");
          assertEquals(nir, NirProfile.CHECKSUM_ONLY.parse(nir.display()), "display parses back");
        });
  }

  @ParameterizedTest
  @EnumSource(Leniency.class)
  void lenientOnlyIsFlaggedWithExactlyThatLeniency(Leniency leniency) {
    ForAll.check(
        "lenientOnly(" + leniency + ")",
        Nirs.lenientOnly(leniency),
        nir -> {
          String compact = nir.compact();
          assertTrue(NirProfile.LENIENT.test(compact), "lenient accepts");
          // flagged with exactly that leniency: strict rejects, strict allowing only it accepts
          assertFalse(NirProfile.STRICT.test(compact), "strict rejects");
          assertTrue(
              NirProfile.strictAllowing(leniency).test(compact), "strict allowing it accepts");
          assertTrue(NirProfile.CHECKSUM_ONLY.test(compact), "right key");
        });
  }

  @Test
  void noisyParsesToExpected() {
    ForAll.check(
        "noisy parses to expected",
        Nirs.noisy(),
        noisy -> {
          assertEquals(noisy.expected(), Nir.parse(noisy.text()), "parse");
          assertTrue(NirProfile.STRICT.test(noisy.text()), "strictly valid");
        });
  }

  @Test
  void noisyUsesEverySeparatorAndMasksItself() {
    List<Nirs.Noisy> sample = Nirs.noisy().sample(9L, 5000);
    for (char c : new char[] {' ', '\t', '\u00A0', '\u202F', '.', '-', '_', '/', 'a', 'b'}) {
      assertTrue(sample.stream().anyMatch(n -> n.text().indexOf(c) >= 0), "uses U+" + (int) c);
    }
    assertTrue(
        sample.stream().anyMatch(n -> n.text().equals(n.expected().compact())), "some compact");
    assertTrue(
        sample.stream().anyMatch(n -> n.text().startsWith(" ") || n.text().startsWith("\t")),
        "leading blank");
    assertTrue(
        sample.stream().anyMatch(n -> n.text().endsWith(" ") || n.text().endsWith("\t")),
        "trailing blank");
    for (Nirs.Noisy n : sample) {
      String s = n.toString();
      assertFalse(s.contains(n.text()), "text masked");
      assertFalse(s.contains(n.expected().body().substring(5)), "place masked");
      assertFalse(s.matches(".*[0-9]{3}.*"), "no run of digits");
    }
    assertThrows(
        NullPointerException.class, () -> new Nirs.Noisy(null, Nir.parse("255081416802538")));
  }

  @Test
  void sameSeedSameSequenceDifferentSeedsDiffer() {
    List<Gen<?>> gens =
        new ArrayList<>(
            List.of(
                Nirs.valid(),
                Nirs.neverReal(),
                Nirs.noisy(),
                Nirs.valid(Nirs.Category.CORSICA, BirthMonth.Kind.UNKNOWN),
                Records.synthetic(),
                Records.neverReal()));
    for (NirError reason : NirError.values()) {
      gens.add(Nirs.invalid(reason));
    }
    for (Leniency leniency : Leniency.values()) {
      gens.add(Nirs.lenientOnly(leniency));
    }
    for (Gen<?> gen : gens) {
      List<?> a = gen.sample(12345L, 200);
      assertEquals(a, gen.sample(12345L, 200), "same seed, same sample");
      assertEquals(
          a,
          gen.stream(12345L).limit(200).collect(java.util.stream.Collectors.toList()),
          "stream and sample agree");
      assertNotEquals(a, gen.sample(12346L, 200), "another seed, another sample");
    }
  }

  @Test
  void genCombinators() {
    Gen<Nir> women = Nirs.valid().filter(n -> n.sexDigit() == 2);
    ForAll.check("filter", women, n -> assertEquals(2, n.sexDigit(), "sex"));
    Gen<String> compact = Nirs.valid().map(Nir::compact);
    assertEquals(
        Nirs.valid().sample(4L, 50).stream()
            .map(Nir::compact)
            .collect(java.util.stream.Collectors.toList()),
        compact.sample(4L, 50),
        "map");
    Gen<Nir> never = Nirs.valid().filter(n -> false);
    assertThrows(IllegalStateException.class, () -> never.sample(1L, 1));
    assertThrows(IllegalArgumentException.class, () -> Nirs.valid().sample(1L, -1));
    assertEquals(0, Nirs.valid().sample(1L, 0).size());
    assertThrows(UnsupportedOperationException.class, () -> Nirs.valid().sample(1L, 2).clear());
  }
}
