package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link StepUps}: the eight client slots of an account's record, their expiry and reuse. */
class StepUpsTest {
  private static final long NOW = 1_000_000;

  @Test
  void verifiedUntilItsEndThenNeither() {
    GuardRecord r = GuardRecord.empty();
    StepUps.verify(r, 5, NOW + 10, NOW);
    assertEquals(1, StepUps.state(r, 5, NOW + 9));
    assertEquals(0, StepUps.state(r, 5, NOW + 10), "a verification ends at its end second");
    assertEquals(0, StepUps.state(r, 7, NOW), "another client is not verified");
    assertEquals(0, StepUps.requiredUntil(r, 5), "verified is not required");
    assertEquals(NOW + 10, r.clientUntil[0]);
  }

  @Test
  void requiredUntilItsEndThenNeither() {
    GuardRecord r = GuardRecord.empty();
    StepUps.require(r, 5, NOW + 10, NOW);
    assertEquals(-1, StepUps.state(r, 5, NOW + 9));
    assertEquals(0, StepUps.state(r, 5, NOW + 10));
    assertEquals(NOW + 10, StepUps.requiredUntil(r, 5));
    assertEquals(0, StepUps.requiredUntil(r, 7));
    assertEquals(NOW + 10, r.blockedUntilEpochSecond(), "a requirement keeps the record");
  }

  @Test
  void aNewRequirementRenewsButNeverShortens() {
    GuardRecord r = GuardRecord.empty();
    StepUps.require(r, 5, NOW + 100, NOW);
    StepUps.require(r, 5, NOW + 50, NOW + 1);
    assertEquals(NOW + 100, StepUps.requiredUntil(r, 5), "kept the later end");
    StepUps.require(r, 5, NOW + 200, NOW + 2);
    assertEquals(NOW + 200, StepUps.requiredUntil(r, 5), "renewed");
    assertEquals(1, occupied(r), "one slot per client");
    StepUps.verify(r, 5, NOW + 30, NOW + 3);
    assertEquals(1, StepUps.state(r, 5, NOW + 4), "stepping up replaces the requirement");
    StepUps.require(r, 5, NOW + 20, NOW + 4);
    assertEquals(NOW + 20, StepUps.requiredUntil(r, 5), "a verification is no earlier requirement");
  }

  @Test
  void eachClientHasItsSlotUntilEightThenTheSoonestEndingIsReused() {
    GuardRecord r = GuardRecord.empty();
    for (int c = 0; c < GuardRecord.CLIENT_SLOTS; c++) {
      StepUps.require(r, 11 + 2 * c, NOW + 100 + c, NOW);
    }
    for (int c = 0; c < GuardRecord.CLIENT_SLOTS; c++) {
      assertEquals(NOW + 100 + c, StepUps.requiredUntil(r, 11 + 2 * c), "client " + c);
    }
    assertEquals(GuardRecord.CLIENT_SLOTS, occupied(r));
    // a ninth client takes the slot ending soonest (client 0's), the others stay
    StepUps.verify(r, 99, NOW + 500, NOW);
    assertEquals(1, StepUps.state(r, 99, NOW + 1));
    assertEquals(0, StepUps.requiredUntil(r, 11), "the soonest-ending requirement was reused");
    for (int c = 1; c < GuardRecord.CLIENT_SLOTS; c++) {
      assertEquals(NOW + 100 + c, StepUps.requiredUntil(r, 11 + 2 * c), "client " + c);
    }
    assertEquals(99, r.clientTags[0]);
  }

  @Test
  void anExpiredSlotIsReusedBeforeALiveOne() {
    GuardRecord r = GuardRecord.empty();
    for (int c = 0; c < GuardRecord.CLIENT_SLOTS; c++) {
      // slot 3 ends first but is still live at NOW; slot 5 has expired at NOW
      long end = c == 5 ? NOW : c == 3 ? NOW + 1 : NOW + 100;
      StepUps.verify(r, 11 + 2 * c, end, NOW - 50);
    }
    StepUps.require(r, 99, NOW + 10, NOW);
    assertEquals(99, r.clientTags[5], "the slot expired at NOW (end <= now) is reused");
    assertEquals(1, StepUps.state(r, 11 + 2 * 3, NOW), "the live slot stays");
    StepUps.require(r, 101, NOW + 10, NOW);
    assertEquals(101, r.clientTags[3], "then the live slot ending soonest");
  }

  @Test
  void clearForgetsEveryClient() {
    GuardRecord r = GuardRecord.empty();
    StepUps.require(r, 5, NOW + 100, NOW);
    StepUps.clear(r);
    assertEquals(0, occupied(r));
    assertEquals(0, StepUps.requiredUntil(r, 5));
    assertEquals(0, r.blockedUntilEpochSecond());
    StepUps.require(r, 5, NOW + 10, NOW);
    assertEquals(NOW + 10, StepUps.requiredUntil(r, 5));
  }

  @Test
  void tagsAreOddAndTakeTheHighWord() {
    assertEquals(1, StepUps.tag(0L));
    assertEquals(0x12345679, StepUps.tag(0x12345678_9ABCDEF0L));
    assertEquals(-1, StepUps.tag(-1L));
  }

  private static int occupied(GuardRecord r) {
    int n = 0;
    for (int i = 0; i < GuardRecord.CLIENT_SLOTS; i++) {
      if (r.clientUntil[i] != 0 || r.clientTags[i] != 0) {
        n++;
      }
    }
    return n;
  }
}
