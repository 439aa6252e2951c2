package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.nirguard.guard.KnownPatients.Sighting;
import org.junit.jupiter.api.Test;

/** The 2-way known-patient table: sightings by day, eviction of the older entry, forgetting. */
class KnownPatientsTest {
  // three fingerprints of the same pair of slots (index 4), with different tags
  private static final long A = (1L << 20) | 4;
  private static final long B = (2L << 20) | 4;
  private static final long C = (3L << 20) | 4;

  @Test
  void newThenTodayThenEarlier() {
    long[] known = new long[64];
    assertEquals(Sighting.NEW, KnownPatients.see(known, A, 10));
    assertEquals(Sighting.TODAY, KnownPatients.see(known, A, 10));
    assertEquals(Sighting.EARLIER, KnownPatients.see(known, A, 11));
    assertEquals(Sighting.TODAY, KnownPatients.see(known, A, 11));
  }

  @Test
  void aThirdNirEvictsThePairsOlderEntry() {
    long[] known = new long[64];
    KnownPatients.see(known, A, 10);
    KnownPatients.see(known, B, 11);
    KnownPatients.see(known, A, 12); // A is now the more recent
    assertEquals(Sighting.NEW, KnownPatients.see(known, C, 12)); // replaces B
    assertEquals(Sighting.TODAY, KnownPatients.see(known, A, 12));
    assertEquals(Sighting.TODAY, KnownPatients.see(known, C, 12));
    assertEquals(Sighting.NEW, KnownPatients.see(known, B, 13));
  }

  @Test
  void daysAreComparedModulo65536() {
    long[] known = new long[64];
    KnownPatients.see(known, A, 0xFFFF); // four days ago, before the wrap
    KnownPatients.see(known, B, 3);
    assertEquals(Sighting.NEW, KnownPatients.see(known, C, 3)); // A is the older: evicted
    assertEquals(Sighting.TODAY, KnownPatients.see(known, B, 3));
    assertEquals(Sighting.NEW, KnownPatients.see(known, A, 3));
  }

  @Test
  void forgottenNirsAreNewAgainAndOthersAreKept() {
    long[] known = new long[64];
    KnownPatients.see(known, A, 10);
    KnownPatients.see(known, B, 10);
    KnownPatients.forget(known, A);
    KnownPatients.forget(known, C); // not there: no effect
    assertEquals(Sighting.TODAY, KnownPatients.see(known, B, 10));
    assertEquals(Sighting.NEW, KnownPatients.see(known, A, 10));
  }

  @Test
  void aTagIsNeverTheEmptySlot() {
    assertNotEquals(0, KnownPatients.tag(0x1234)); // no bits above the day field
    assertEquals(0x10000, KnownPatients.tag(0xFFFF));
    assertEquals(0xABCD_0000L, KnownPatients.tag(0xABCD_1234L));
    long[] known = new long[64];
    assertEquals(Sighting.NEW, KnownPatients.see(known, 4, 0)); // day 0, tag substituted
    assertEquals(Sighting.TODAY, KnownPatients.see(known, 4, 0));
  }
}
