package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings: documented defaults, copies, and which limit each signal reads. */
class GuardSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    GuardSettings d = GuardSettings.defaults();
    assertEquals(Limit.of(12, 30), d.distinctPerMinute());
    assertEquals(Limit.of(150, 400), d.distinctPerHour());
    assertEquals(Limit.of(600, 1500), d.distinctPerDay());
    assertEquals(Limit.of(3, 5), d.sequential());
    assertEquals(8, d.sequentialGap());
    assertEquals(Limit.of(4, 6), d.sameBirthGroup());
    assertEquals(48, d.breadthWindow());
    assertEquals(Limit.of(20, 25), d.wideSpread());
    assertEquals(Limit.of(22, 29), d.offProfile());
    assertEquals(0.015, d.unusualShare());
    assertEquals(30, d.minHistory());
    assertEquals(32, d.failureWindow());
    assertEquals(Limit.of(8, 12), d.failedLookups());
    assertEquals(Limit.of(5, 8), d.sharedTarget());
    assertEquals(Duration.ofHours(24), d.sharedTargetWindow());
    assertEquals(Duration.ofHours(24), d.blockFor());
    assertEquals(Duration.ofSeconds(3), d.slowDownDelay());
    assertFalse(d.failOpen());
    assertEquals(512, d.knownPatients());
  }

  @Test
  void withReturnsAChangedCopyAndLeavesTheOriginal() {
    GuardSettings d = GuardSettings.defaults();
    GuardSettings s = d.withSequential(Limit.denyAt(4)).withFailOpen(true).withKnownPatients(1024);
    assertNotSame(d, s);
    assertEquals(Limit.denyAt(4), s.sequential());
    assertTrue(s.failOpen());
    assertEquals(1024, s.knownPatients());
    assertEquals(Limit.of(3, 5), d.sequential());
    assertFalse(d.failOpen());
    assertEquals(d.distinctPerHour(), s.distinctPerHour());
    assertSame(d, GuardSettings.defaults());
  }

  @Test
  void rangesAreCheckedAtOnceAndWindowsAtBuild() {
    GuardSettings d = GuardSettings.defaults();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.withBreadthWindow(57));
    assertEquals("breadthWindow must be from 8 to 56", e.getMessage());
    GuardSettings tooNarrow = d.withBreadthWindow(20); // wideSpread 25 > 20: refused only by build
    IllegalStateException s = assertThrows(IllegalStateException.class, tooNarrow::checkReachable);
    assertEquals(
        "wideSpread deny threshold exceeds what its window can count (20)", s.getMessage());
    tooNarrow.withWideSpread(Limit.off()).withOffProfile(Limit.of(10, 20)).checkReachable();
  }

  @Test
  void eachSignalReadsItsOwnLimit() {
    Set<Limit> seen = new HashSet<>();
    for (Signal signal : Signal.values()) {
      Limit own = Limit.of(1, 2 + signal.ordinal());
      GuardSettings s =
          switch (signal) {
            case RATE_MINUTE -> GuardSettings.defaults().withDistinctPerMinute(own);
            case RATE_HOUR -> GuardSettings.defaults().withDistinctPerHour(own);
            case RATE_DAY -> GuardSettings.defaults().withDistinctPerDay(own);
            case FAILED_LOOKUPS -> GuardSettings.defaults().withFailedLookups(own);
            case SEQUENTIAL -> GuardSettings.defaults().withSequential(own);
            case SAME_BIRTH_GROUP -> GuardSettings.defaults().withSameBirthGroup(own);
            case WIDE_SPREAD -> GuardSettings.defaults().withWideSpread(own);
            case OFF_PROFILE -> GuardSettings.defaults().withOffProfile(own);
            case SAME_BIRTH_PERIOD -> GuardSettings.defaults().withBirthWalks(own, Limit.of(5, 9));
            case BIRTHDATE_WALK -> GuardSettings.defaults().withBirthWalks(Limit.of(5, 8), own);
          };
      assertEquals(own, signal.limit(s), signal.name());
      assertEquals(signal.name(), signal.reason.name());
      seen.add(signal.limit(GuardSettings.defaults()));
    }
    assertEquals(Signal.values().length, seen.size()); // the defaults are all different
  }

  @Test
  void toStringListsTheValues() {
    String s = GuardSettings.defaults().withFailOpen(true).toString();
    assertTrue(s.startsWith("GuardSettings[perMinute=Limit[slowDown=12, deny=30]"), s);
    assertTrue(s.contains("failOpen=true"), s);
    assertTrue(s.endsWith("knownPatients=512]"), s);
  }
}
