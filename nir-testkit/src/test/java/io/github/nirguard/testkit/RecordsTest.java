package io.github.nirguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import io.github.nirguard.samples.draw.People;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Records agree with their NIR, and never print a name, a date or a hidden NIR digit. */
class RecordsTest {
  private static final int AT_LEAST_2000 = Math.max(ForAll.size(), 2000);
  private static final LocalDate MIN = LocalDate.of(1900, 1, 1);
  private static final LocalDate MAX = LocalDate.of(2025, 12, 31);

  @Test
  void syntheticRecordsAgreeWithTheirNir() {
    Set<Nirs.Category> categories = EnumSet.noneOf(Nirs.Category.class);
    Set<BirthMonth.Kind> kinds = EnumSet.noneOf(BirthMonth.Kind.class);
    ForAll.check(
        "synthetic records agree with their NIR",
        AT_LEAST_2000,
        ForAll.seed(),
        Records.synthetic(),
        r -> {
          Nir nir = r.nir();
          assertTrue(NirProfile.STRICT.test(nir.compact()), "strictly valid");
          assertTrue(nir.sexDigit() == 1 || nir.sexDigit() == 2, "sex digit");
          assertEquals(nir.sex(), r.sex(), "sex");
          LocalDate date = r.birthDate();
          assertFalse(date.isBefore(MIN) || date.isAfter(MAX), "date in range");
          assertFalse(date.isAfter(LocalDate.now()), "date not in the future");
          assertEquals(date.getYear() % 100, nir.birthYear(), "year");
          assertTrue(nir.birthMonth().admits(date.getMonthValue()), "month");
          if (nir.birthMonth().kind() != BirthMonth.Kind.UNKNOWN) {
            assertEquals(
                date.getMonthValue(), nir.birthMonth().realMonth().getAsInt(), "real month");
          }
          Nirs.Category category = NirsTest.categoryOf(nir);
          if (category == Nirs.Category.CORSICA) {
            assertFalse(date.isBefore(LocalDate.of(1976, 1, 1)), "2A/2B from 1976");
          } else if (category == Nirs.Category.CORSICA_PRE_1976) {
            assertTrue(date.isBefore(LocalDate.of(1976, 1, 1)), "20 before 1976");
          }
          categories.add(category);
          kinds.add(nir.birthMonth().kind());
          checkNames(r);
        });
    assertEquals(5, categories.size(), "every category");
    assertEquals(3, kinds.size(), "every month kind");
  }

  private static void checkNames(SyntheticRecord r) {
    assertFalse(r.lastName().isBlank(), "last name");
    assertFalse(r.firstName().isBlank(), "first name");
    assertTrue(People.firstNames(r.sex()).contains(r.firstName()), "first name of the sex");
  }

  @Test
  void neverRealRecordsAgreeOnSexAndYear() {
    ForAll.check(
        "never-real records",
        Records.neverReal(),
        r -> {
          String compact = r.nir().compact();
          assertTrue(NirProfile.CHECKSUM_ONLY.test(compact), "checksum-only accepts");
          assertEquals(
              NirError.INVALID_MONTH, Rejection.reasonOf(NirProfile.STRICT, compact), "strict");
          int month = r.nir().birthMonth().code();
          assertTrue(month >= 13 && month <= 19, "month 13-19");
          assertEquals(r.nir().sex(), r.sex(), "sex");
          assertTrue(r.sex() == Sex.MALE || r.sex() == Sex.FEMALE, "sex known");
          assertEquals(r.birthDate().getYear() % 100, r.nir().birthYear(), "year");
          assertFalse(r.birthDate().isBefore(MIN) || r.birthDate().isAfter(MAX), "date in range");
          checkNames(r);
        });
  }

  @Test
  void toStringRevealsNoNameNoDateNoHiddenDigit() {
    ForAll.check(
        "record toString is masked",
        Records.synthetic(),
        r -> {
          String s = r.toString();
          assertFalse(s.contains(r.lastName()), "last name");
          assertFalse(s.contains(r.firstName()), "first name");
          assertFalse(s.contains(r.birthDate().toString()), "date");
          assertFalse(s.contains(r.nir().body().substring(5)), "place and order");
          assertTrue(s.contains(r.nir().masked()), "masked NIR");
          assertFalse(s.replace(r.nir().masked(), "").matches(".*[0-9].*"), "no other digit");
        });
  }

  @Test
  void equalsAndHashCodeByValue() {
    List<SyntheticRecord> a = Records.synthetic().sample(77L, 100);
    List<SyntheticRecord> b = Records.synthetic().sample(77L, 100);
    for (int i = 0; i < a.size(); i++) {
      SyntheticRecord x = a.get(i);
      SyntheticRecord y = b.get(i);
      assertTrue(x != y && x.equals(y) && x.hashCode() == y.hashCode(), "equal by value");
      assertEquals(
          x,
          new SyntheticRecord(x.nir(), x.lastName(), x.firstName(), x.birthDate(), x.sex()),
          "rebuilt");
      assertNotEquals(x, x.withBirthDate(x.birthDate().plusDays(1)), "date counts");
      assertNotEquals(x, x.withSex(x.sex() == Sex.MALE ? Sex.FEMALE : Sex.MALE), "sex counts");
      assertNotEquals(x, x.withNir(Nirs.neverReal().sample(i, 1).get(0)), "NIR counts");
      assertNotEquals(
          x,
          new SyntheticRecord(x.nir(), x.lastName() + "x", x.firstName(), x.birthDate(), x.sex()),
          "last name counts");
      assertNotEquals(
          x,
          new SyntheticRecord(x.nir(), x.lastName(), x.firstName() + "x", x.birthDate(), x.sex()),
          "first name counts");
      assertFalse(x.equals(null), "null");
      assertFalse(x.equals((Object) "x"), "other type");
    }
    SyntheticRecord x = a.get(0);
    assertThrows(
        NullPointerException.class,
        () -> new SyntheticRecord(null, "a", "b", LocalDate.of(2000, 1, 1), Sex.MALE));
    assertThrows(NullPointerException.class, () -> x.withBirthDate(null));
  }

  @Test
  void datesReachTheirEdges() {
    List<SyntheticRecord> sample = Records.synthetic().sample(8L, 20_000);
    assertTrue(sample.stream().anyMatch(r -> r.birthDate().equals(MIN)), "1900-01-01");
    assertTrue(sample.stream().anyMatch(r -> r.birthDate().equals(MAX)), "2025-12-31");
    assertTrue(
        sample.stream()
            .anyMatch(
                r -> r.birthDate().getMonthValue() == 2 && r.birthDate().getDayOfMonth() == 29),
        "29 February");
    assertTrue(sample.stream().anyMatch(r -> r.birthDate().getYear() >= 2000), "21st century");
  }
}
