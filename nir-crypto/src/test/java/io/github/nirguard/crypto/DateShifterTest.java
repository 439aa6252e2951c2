package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DateShifterTest {
  static KeyRing ring;
  static DateShifter research;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("research-42", "research-43");
    research = DateShifter.create(ring, "research-42", 30);
  }

  @Test
  void everyIntervalOfOnePersonIsKeptAndShiftingBackGivesTheDate() {
    ForAll.check(
        "intervals kept, unshift(shift(d)) = d, offset in the window and never 0",
        Records.synthetic(),
        r -> {
          LocalDate a = r.birthDate();
          LocalDate b = a.plusDays(Math.floorMod(r.nir().hashCode(), 20_000));
          LocalDate sa = research.shift(r.nir(), a);
          LocalDate sb = research.shift(r.nir(), b);
          assertEquals(ChronoUnit.DAYS.between(a, b), ChronoUnit.DAYS.between(sa, sb));
          assertEquals(a, research.unshift(r.nir(), sa));
          int o = research.offsetDays(r.nir());
          assertTrue(o != 0 && Math.abs(o) <= 30, "offset in the window");
          assertEquals(o, ChronoUnit.DAYS.between(a, sa));
          String pseudonym = "nt1.0a1b2c3d." + r.nir().body();
          assertEquals(b, research.unshift(pseudonym, research.shift(pseudonym, b)));
        });
  }

  /** Chi-square of the offsets of {@code n} NIRs over the {@code 2w} values, {@code 2w - 1} dof. */
  static double chiSquare(DateShifter s, List<Nir> nirs) {
    int w = s.window();
    long[] counts = new long[2 * w];
    for (Nir n : nirs) {
      int o = s.offsetDays(n);
      counts[o < 0 ? o + w : o + w - 1]++;
    }
    double expected = nirs.size() / (2.0 * w);
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  @Test
  void offsetsAreUniformInTheWindow() throws GeneralSecurityException {
    List<Nir> nirs = Nirs.valid().sample(20261205L, 40_000);
    // 19 and 59 degrees of freedom: 99.9th percentiles 43.8 and 99.6
    assertTrue(chiSquare(DateShifter.create(ring, "research-42", 10), nirs) < 43.8);
    assertTrue(chiSquare(research, nirs) < 99.6);
    // a window of 1 day: only -1 and +1, about half each
    DateShifter one = DateShifter.create(ring, "research-42", 1);
    long minus = nirs.stream().filter(n -> one.offsetDays(n) == -1).count();
    assertTrue(Math.abs(minus - 20_000) < 4 * Math.sqrt(10_000), "fair coin: " + minus);
    // and a biased mapping would fail: keep only positive offsets of a window of 10
    List<Nir> some = nirs.subList(0, 4000);
    DateShifter ten = DateShifter.create(ring, "research-42", 10);
    long positive = some.stream().filter(n -> ten.offsetDays(n) > 0).count();
    assertTrue(positive > 1800 && positive < 2200, "both signs: " + positive);
  }

  @Test
  void twoPurposesGiveUnrelatedOffsets() throws GeneralSecurityException {
    DateShifter other = DateShifter.create(ring, "research-43", 30);
    List<Nir> nirs = Nirs.valid().sample(7L, 20_000);
    long equal = 0;
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (Nir n : nirs) {
      int x = research.offsetDays(n);
      int y = other.offsetDays(n);
      equal += x == y ? 1 : 0;
      sx += x;
      sy += y;
      sxy += (double) x * y;
      sxx += (double) x * x;
      syy += (double) y * y;
    }
    int n = nirs.size();
    double r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    assertTrue(Math.abs(r) < 0.04, "correlation " + r);
    // one chance in 60 to be equal: about 333 of 20,000
    assertTrue(equal > 230 && equal < 450, "equal offsets: " + equal);
  }

  @Test
  void aNirAndTheSameTextAsAnIdentifierAreDifferentPersons() {
    long same =
        Nirs.valid().sample(11L, 3000).stream()
            .filter(n -> research.offsetDays(n) == research.offsetDays(n.body()))
            .count();
    assertTrue(same < 150, "domain separation: " + same);
  }

  @Test
  void aRotationDoesNotLoseTheWayBack() throws GeneralSecurityException {
    KeyRing rotated = KeyRingManager.of(ring).rotate("research-42", KeyKind.DATE_SHIFT).ring();
    DateShifter now = DateShifter.create(rotated, "research-42", 30);
    assertNotEquals(research.keyId(), now.keyId());
    DateShifter before = DateShifter.forKey(rotated, "research-42", research.keyId(), 30);
    ForAll.check(
        "data shifted before a rotation shifts back with the key id stored beside it",
        Records.synthetic(),
        r -> {
          LocalDate shifted = research.shift(r.nir(), r.birthDate());
          assertEquals(r.birthDate(), before.unshift(r.nir(), shifted));
        });
    long moved =
        Nirs.valid().sample(3L, 1000).stream()
            .filter(n -> now.offsetDays(n) != research.offsetDays(n))
            .count();
    assertTrue(moved > 900, "a new key moves the dates again: " + moved);
    assertThrows(
        GeneralSecurityException.class,
        () -> DateShifter.forKey(rotated, "research-42", 12345, 30));
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> DateShifter.create(ring, "research-42", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DateShifter.create(ring, "research-42", DateShifter.MAX_WINDOW + 1));
    assertThrows(IllegalArgumentException.class, () -> research.offsetDays(""));
    assertThrows(IllegalArgumentException.class, () -> research.offsetDays("x".repeat(256)));
    assertThrows(
        NoSuchKeysetException.class,
        () -> DateShifter.create(KeyRingManager.empty().ring(), "research-42", 30));
    String text = research.toString();
    assertTrue(text.contains("research-42") && text.contains("±30"), text);
    assertFalse(text.matches(".*[0-9a-f]{32}.*"), "no key material");
  }
}
