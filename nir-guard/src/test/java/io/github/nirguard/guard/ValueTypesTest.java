package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Decision}, {@link Limit} and {@link Reason}. */
class ValueTypesTest {

  @Test
  void allowIsOneSharedInstanceWithoutReasons() {
    assertSame(Decision.allow(), Decision.of(Verdict.ALLOW, Set.of(), Duration.ZERO));
    assertTrue(Decision.allow().reasons().isEmpty());
    assertTrue(Decision.allow().answerable());
    assertEquals(Duration.ZERO, Decision.allow().delay());
  }

  @Test
  void decisionsCarryVerdictReasonsAndDelay() {
    Decision d =
        Decision.of(
            Verdict.DENY, EnumSet.of(Reason.SEQUENTIAL, Reason.RATE_MINUTE), Duration.ofHours(24));
    assertEquals(Verdict.DENY, d.verdict());
    assertFalse(d.answerable());
    assertEquals(EnumSet.of(Reason.RATE_MINUTE, Reason.SEQUENTIAL), d.reasons());
    assertTrue(d.has(Reason.SEQUENTIAL));
    assertFalse(d.has(Reason.WIDE_SPREAD));
    assertEquals(Duration.ofHours(24), d.delay());
    assertEquals("Decision[DENY, reasons=[RATE_MINUTE, SEQUENTIAL], delay=PT24H]", d.toString());
    assertThrows(UnsupportedOperationException.class, () -> d.reasons().add(Reason.BLOCKED));
  }

  @Test
  void decisionsCompareByValue() {
    Decision a = Decision.of(Verdict.SLOW_DOWN, Set.of(Reason.RATE_HOUR), Duration.ofSeconds(3));
    Decision b = Decision.of(Verdict.SLOW_DOWN, Set.of(Reason.RATE_HOUR), Duration.ofSeconds(3));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Decision.of(Verdict.DENY, Set.of(Reason.RATE_HOUR), Duration.ofSeconds(3)));
  }

  @Test
  void slowDownAndDenyNeedAReasonAndDelaysAreNotNegative() {
    assertThrows(
        IllegalArgumentException.class, () -> Decision.of(Verdict.DENY, Set.of(), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> Decision.of(Verdict.SLOW_DOWN, Set.of(), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Decision.of(Verdict.DENY, Set.of(Reason.BLOCKED), Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> Decision.of(null, Set.of(), Duration.ZERO));
  }

  @Test
  void limitsValidateAndLevel() {
    Limit l = Limit.of(3, 5);
    assertEquals(0, l.level(2));
    assertEquals(1, l.level(3));
    assertEquals(1, l.level(4));
    assertEquals(2, l.level(5));
    assertEquals(2, Limit.denyAt(4).level(4));
    assertEquals(0, Limit.denyAt(4).level(3));
    assertEquals(0, Limit.off().level(Integer.MAX_VALUE - 1));
    assertTrue(Limit.off().isOff());
    assertFalse(l.isOff());
    assertEquals(Limit.of(3, 5), l);
    assertEquals("Limit[slowDown=3, deny=5]", l.toString());
    assertEquals("Limit[off]", Limit.off().toString());
    assertThrows(IllegalArgumentException.class, () -> Limit.of(0, 5));
    assertThrows(IllegalArgumentException.class, () -> Limit.of(5, 4));
    assertThrows(IllegalArgumentException.class, () -> Limit.denyAt(0));
  }

  @Test
  void reasonsHaveDescriptionsAndFitTheBitSet() {
    assertTrue(Reason.values().length <= 31);
    for (Reason r : Reason.values()) {
      assertFalse(r.description().isBlank(), r.name());
    }
  }
}
