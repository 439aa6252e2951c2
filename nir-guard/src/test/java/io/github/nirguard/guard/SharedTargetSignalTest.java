package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared-target signal: one NIR queried by many accounts. */
class SharedTargetSignalTest {
  @Test
  void manyPrincipalsOnOneNirAreSlowedThenAskedToStepUpNeverDenied() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withSharedTarget(Limit.of(5, 8)));
    Nir target = inDept(75, 1);
    for (int p = 0; p < 8; p++) {
      Decision d = g.check("account-" + p, target, SignalsTest.at(p));
      assertEquals(
          p < 4 ? Verdict.ALLOW : p < 7 ? Verdict.SLOW_DOWN : Verdict.STEP_UP,
          d.verdict(),
          "principal " + (p + 1));
      if (p >= 4) {
        assertTrue(d.has(Reason.SHARED_TARGET));
      }
    }
    // the 8th stays asked until it steps up (a robot cannot), then goes on; never blocked
    Decision again = g.check("account-7", target, SignalsTest.at(20));
    assertEquals(Verdict.STEP_UP, again.verdict());
    assertTrue(again.has(Reason.STEP_UP_REQUIRED));
    g.stepUp(g.principal("account-7"), SignalsTest.at(21));
    assertSame(Decision.allow(), g.check("account-7", inDept(75, 2), SignalsTest.at(22)));
    assertFalse(
        g.snapshot("account-7", SignalsTest.at(22)).orElseThrow().blockedUntil().isPresent());
  }

  @Test
  void theWindowForgets() {
    EnumerationGuard g =
        SignalsTest.guard(
            SignalsTest.only()
                .withSharedTarget(Limit.of(3, 4))
                .withSharedTargetWindow(Duration.ofHours(1)));
    Nir target = inDept(75, 1);
    for (int p = 0; p < 3; p++) {
      g.check("account-" + p, target, SignalsTest.at(p));
    }
    assertSame(Decision.allow(), g.check("account-9", target, SignalsTest.at(3600 + 10)));
  }
}
