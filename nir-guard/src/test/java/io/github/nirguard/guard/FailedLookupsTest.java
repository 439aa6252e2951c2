package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The failure shift register and its window. */
class FailedLookupsTest {

  @Test
  void onlyTheLatestWindowCounts() {
    FailedLookups eight = new FailedLookups(8);
    GuardRecord r = GuardRecord.empty();
    for (int i = 0; i < 3; i++) {
      FailedLookups.failed(r);
    }
    for (int i = 0; i < 5; i++) {
      FailedLookups.succeeded(r);
    }
    assertEquals(3, eight.count(r)); // the failures are lookups 6-8 back
    FailedLookups.succeeded(r);
    assertEquals(2, eight.count(r));
    assertEquals(3, new FailedLookups(64).count(r));
    assertEquals(3, r.failures); // the total is never forgotten
  }

  @Test
  void aWindowOf64CountsEveryBit() {
    GuardRecord r = GuardRecord.empty();
    for (int i = 0; i < 70; i++) {
      FailedLookups.failed(r);
    }
    assertEquals(64, new FailedLookups(64).count(r));
    assertEquals(63, new FailedLookups(63).count(r));
  }

  @Test
  void aLaterFailureMarksTheLatestLookupNotYetFailed() {
    FailedLookups all = new FailedLookups(64);
    GuardRecord r = GuardRecord.empty();
    FailedLookups.succeeded(r); // the unknown NIR's lookup
    FailedLookups.failed(r); // then an invalid text
    assertEquals(0b01, r.failureBits);
    FailedLookups.laterFailed(r); // the NIR turned out unknown
    assertEquals(0b11, r.failureBits);
    assertEquals(2, all.count(r));
    assertEquals(2, r.failures);
  }
}
