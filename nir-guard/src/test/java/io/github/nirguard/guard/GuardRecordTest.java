package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.T0;
import static io.github.nirguard.guard.TestNirs.dept;
import static io.github.nirguard.guard.TestNirs.inDept;
import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Records serialize exactly, and a store that keeps only bytes behaves like the in-memory one. */
class GuardRecordTest {

  /** A store keeping serialized records, as a remote key-value store would. */
  static final class BytesStore implements GuardStore {
    final ConcurrentHashMap<Long, byte[]> records = new ConcurrentHashMap<>();
    final InMemoryGuardStore targets = InMemoryGuardStore.create(1, 1024);

    @Override
    public <C> boolean update(
        long key, boolean create, C context, BiConsumer<? super GuardRecord, ? super C> mutation) {
      boolean[] ran = {false};
      records.compute(
          key,
          (k, old) -> {
            if (old == null && !create) {
              return null;
            }
            GuardRecord r = old == null ? GuardRecord.empty() : GuardRecord.fromBytes(old);
            mutation.accept(r, context);
            ran[0] = true;
            return r.toBytes();
          });
      return ran[0];
    }

    @Override
    public int touchTarget(long t, int p, long e, long w) {
      return targets.touchTarget(t, p, e, w);
    }

    @Override
    public boolean remove(long key) {
      return records.remove(key) != null;
    }

    @Override
    public long size() {
      return records.size();
    }
  }

  @Test
  void bytesRoundTrip() throws Exception {
    BytesStore store = new BytesStore();
    EnumerationGuard g =
        EnumerationGuard.builder().keys(TestNirs.ring(), "guard").store(store).build();
    for (int i = 0; i < 200; i++) {
      g.check(g.principal("rpps-1", "c" + i % 3), inDept(dept(i % 7), i), T0.plusSeconds(60 * i));
    }
    g.checkInvalid("rpps-1", T0.plusSeconds(20_000));
    for (byte[] b : store.records.values()) {
      GuardRecord r = GuardRecord.fromBytes(b);
      assertArrayEquals(b, r.toBytes());
      assertEquals(b.length, r.sizeInBytes());
    }
    assertEquals(5, store.size()); // the account, three clients and the default tenant
  }

  @Test
  void recordsOfTheFormerLayoutsAreStillRead() {
    GuardRecord r = GuardRecord.empty();
    r.lastSeen = 1_772_409_600L;
    r.learnedNovel = 17;
    r.swarmUntil = 1_772_500_000L;
    byte[] now = r.toBytes();
    assertEquals(0x4E475234, java.nio.ByteBuffer.wrap(now).getInt()); // NGR4
    // NGR3: the same layout without the follow-up state (16 bytes, no table) at the end
    byte[] ngr3 = java.util.Arrays.copyOf(now, now.length - 16);
    java.nio.ByteBuffer.wrap(ngr3).putInt(0x4E475233);
    assertEquals(r.swarmUntil, GuardRecord.fromBytes(ngr3).swarmUntil);
    assertEquals(17, GuardRecord.fromBytes(ngr3).learnedNovel);
    // NGR2: NGR3 without the tenant's counts (32 bytes) at the end
    byte[] old = java.util.Arrays.copyOf(now, now.length - 16 - 32);
    java.nio.ByteBuffer.wrap(old).putInt(0x4E475232);
    GuardRecord read = GuardRecord.fromBytes(old);
    assertEquals(17, read.learnedNovel);
    assertEquals(r.lastSeen, read.lastSeenEpochSecond());
    assertEquals(0, read.swarmUntil);
    assertEquals(r.swarmUntil, GuardRecord.fromBytes(now).swarmUntil);
    assertEquals(r.swarmUntil, GuardRecord.fromBytes(now).blockedUntilEpochSecond());
    byte[] wrongSize = java.util.Arrays.copyOf(ngr3, ngr3.length - 32); // NGR3 magic, NGR2 size
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(wrongSize));
    byte[] ngr4Short = java.util.Arrays.copyOf(now, now.length - 16); // NGR4 magic, NGR3 size
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(ngr4Short));
  }

  @Test
  void damagedBytesAreRefused() {
    byte[] good = GuardRecord.empty().toBytes();
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> GuardRecord.fromBytes(Arrays.copyOf(good, good.length - 1)));
    byte[] magic = good.clone();
    magic[0] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(magic));
    byte[] longer = Arrays.copyOf(good, good.length + 8);
    assertThrows(IllegalArgumentException.class, () -> GuardRecord.fromBytes(longer));
  }

  @Test
  void aSerializingStoreStopsAWalkerLikeTheDefault() throws Exception {
    EnumerationGuard g =
        EnumerationGuard.builder().keys(TestNirs.ring(), "guard").store(new BytesStore()).build();
    Decision d = null;
    int n = 0;
    while (d == null || d.verdict() != Verdict.DENY) {
      n++;
      d = g.check(g.principal("robot", "script"), nir(1, 85, 5, 75, 112, n), T0.plusSeconds(n));
    }
    assertEquals(6, n);
    assertTrue(d.has(Reason.SEQUENTIAL));
    assertTrue(g.snapshot("robot", T0.plusSeconds(10)).orElseThrow().blockedUntil().isPresent());
    assertTrue(g.release("robot"));
    assertEquals(Verdict.ALLOW, g.check("robot", inDept(69, 1), T0.plusSeconds(11)).verdict());
  }

  @Test
  void aSerializingStoreKeepsTheStepUpStateAndTheAllowances() throws Exception {
    EnumerationGuard g =
        EnumerationGuard.builder()
            .keys(TestNirs.ring(), "guard")
            .settings(SignalsTest.only().withNewPatients(0, 4, 2))
            .store(new BytesStore())
            .build();
    Principal robot = g.principal("rpps-1", "robot");
    Principal owner = g.principal("rpps-1", "counter");
    for (int i = 0; i < 4; i++) {
      assertEquals(Verdict.ALLOW, g.check(robot, inDept(69, i), T0.plusSeconds(i)).verdict());
    }
    assertEquals(Verdict.STEP_UP, g.check(robot, inDept(69, 4), T0.plusSeconds(5)).verdict());
    Decision pending = g.check(robot, inDept(69, 0), T0.plusSeconds(6));
    assertTrue(pending.has(Reason.STEP_UP_REQUIRED), pending.toString());
    assertEquals(Verdict.ALLOW, g.check(owner, inDept(69, 9), T0.plusSeconds(7)).verdict());
    g.stepUp(robot, T0.plusSeconds(8)); // as if a human had passed it
    assertEquals(Verdict.ALLOW, g.check(robot, inDept(69, 10), T0.plusSeconds(9)).verdict());
  }

  @Test
  void recordsReportTheirTimes() {
    GuardRecord r = GuardRecord.empty();
    assertEquals(0, r.lastSeenEpochSecond());
    assertEquals(0, r.blockedUntilEpochSecond());
    assertTrue(r.toString().startsWith("GuardRecord[checks=0"));
  }
}
