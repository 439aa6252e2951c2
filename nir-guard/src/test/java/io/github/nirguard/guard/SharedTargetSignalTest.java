package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.inDept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared-target signal: one NIR queried by many accounts. */
class SharedTargetSignalTest {
  @Test
  void manyPrincipalsOnOneNirAreSlowedThenDeniedButNotBlocked() {
    EnumerationGuard g = SignalsTest.guard(SignalsTest.only().withSharedTarget(Limit.of(5, 8)));
    Nir target = inDept(75, 1);
    for (int p = 0; p < 8; p++) {
      Decision d = g.check("account-" + p, target, SignalsTest.at(p));
      assertEquals(
          p < 4 ? Verdict.ALLOW : p < 7 ? Verdict.SLOW_DOWN : Verdict.DENY,
          d.verdict(),
          "principal " + (p + 1));
      if (p >= 4) {
        assertTrue(d.has(Reason.SHARED_TARGET));
      }
    }
    // the same principal again does not add; the 8th principal is not blocked for other NIRs
    assertEquals(Verdict.DENY, g.check("account-7", target, SignalsTest.at(20)).verdict());
    assertSame(Decision.allow(), g.check("account-7", inDept(75, 2), SignalsTest.at(21)));
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
