package io.github.nirguard.guard;

import static io.github.nirguard.guard.GuardDecisionsTest.SLOW;
import static io.github.nirguard.guard.GuardDecisionsTest.allow;
import static io.github.nirguard.guard.GuardDecisionsTest.expect;
import static io.github.nirguard.guard.SignalsTest.at;
import static io.github.nirguard.guard.SignalsTest.guard;
import static io.github.nirguard.guard.SignalsTest.only;
import static io.github.nirguard.guard.TestNirs.nir;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Reason#SAME_BIRTH_PERIOD}, {@link Reason#BIRTHDATE_WALK}: walks beyond order numbers. */
class WalkSignalsTest {
  static final Duration UNBLOCKED = SLOW;

  @Test
  void aCommuneOrSexWalkSharesOneBirthPeriod() {
    EnumerationGuard g =
        guard(only().withBirthWalks(Limit.of(3, 5), Limit.off()).withBlockFor(Duration.ZERO));
    allow(g.check("r", nir(1, 80, 6, 69, 101, 7), at(0)), "1");
    allow(g.check("r", nir(1, 81, 6, 69, 102, 7), at(1)), "another year");
    allow(g.check("r", nir(1, 80, 7, 69, 102, 7), at(2)), "another month");
    allow(g.check("r", nir(1, 80, 6, 13, 102, 7), at(3)), "another department");
    allow(g.check("r", nir(2, 80, 6, 69, 340, 2), at(4)), "2: the other sex, a commune far away");
    expect(
        g.check("r", nir(1, 80, 6, 69, 117, 9), at(5)),
        Verdict.SLOW_DOWN,
        SLOW,
        "3",
        Reason.SAME_BIRTH_PERIOD);
    expect(
        g.check("r", nir(2, 80, 6, 69, 5, 1), at(6)),
        Verdict.SLOW_DOWN,
        SLOW,
        "4",
        Reason.SAME_BIRTH_PERIOD);
    expect(
        g.check("r", nir(1, 80, 6, 69, 260, 3), at(7)),
        Verdict.DENY,
        UNBLOCKED,
        "5",
        Reason.SAME_BIRTH_PERIOD);
  }

  @Test
  void aBirthdateWalkIsCountedShuffledAndOneSexOnePlaceOnly() {
    EnumerationGuard g =
        guard(only().withBirthWalks(Limit.off(), Limit.of(2, 3)).withBlockFor(Duration.ZERO));
    allow(g.check("r", nir(1, 80, 1, 69, 123, 5), at(0)), "January");
    allow(g.check("r", nir(1, 80, 3, 69, 123, 5), at(1)), "March: two months away");
    allow(g.check("r", nir(2, 80, 4, 69, 123, 5), at(2)), "April, the other sex");
    allow(g.check("r", nir(1, 80, 4, 69, 124, 5), at(3)), "April, another commune");
    allow(g.check("r", nir(1, 80, 1, 69, 123, 6), at(4)), "a January twin");
    allow(g.check("r", nir(1, 80, 2, 69, 123, 5), at(5)), "February continues January: 1");
    expect(
        g.check("r", nir(1, 80, 4, 69, 123, 9), at(6)),
        Verdict.SLOW_DOWN,
        SLOW,
        "April continues March: 2",
        Reason.BIRTHDATE_WALK);
    expect(
        g.check("r", nir(1, 80, 5, 69, 123, 2), at(7)),
        Verdict.DENY,
        UNBLOCKED,
        "May: 3",
        Reason.BIRTHDATE_WALK);
  }
}
