package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.Nirs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Replays ten days of a realistic mix through one guard with its default settings: many normal
 * practices (pharmacies and GPs: dozens to hundreds of distinct patients a day, born mostly in or
 * near their department or abroad, mostly returning, in working hours, on one to three
 * workstations, with typos, double checks, unknown NIRs and nursing-home batches) and a few
 * compromised accounts driven by robots of several kinds and speeds from their own client, while
 * the owner keeps working. A quarter of the robots strike on the first morning, when the guard
 * knows nothing yet (cold start). Asserts the goals — every robot denied within 50 of its lookups;
 * fewer than 0.1 % of normal accounts ever denied — and prints the figures (never a NIR).
 *
 * <p>Seeded: {@code -Dnirguard.seed=...} replays a run (the default seed is fixed, so the build is
 * reproducible; docs/guard.md gives a sweep over other seeds); {@code -Dnirguard.properties.size=N}
 * sets the number of normal accounts to N/2 (at least 1,000, at most 20,000).
 */
class GuardSimulationTest {
  static final long DEFAULT_SEED = 20220317L; // the day the breach was announced
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  static final int DAYS = 10;
  static final int GOAL_LOOKUPS = 50;

  enum Kind {
    /** Walks order numbers one by one in a birth group, 5 lookups a second. */
    FAST_SEQUENTIAL,
    /** Walks the order numbers of 6 birth groups in turn, skipping 0-2 numbers, one every 20 s. */
    ORDER_WALKER,
    /** Existing NIRs, departments drawn uniformly, one every 3 s. */
    RANDOM_SAMPLER,
    /** Existing NIRs drawn like the population, one every 2-6 minutes in working hours. */
    SLOW_SAMPLER,
    /** Replays a leaked list of NIRs (nationwide), one every 5 s. */
    LEAK_REPLAY,
    /** Replays a leaked list, one every 2-6 minutes in working hours: under every rate limit. */
    SLOW_LEAK_REPLAY,
    /** Random well-formed NIRs from the test kit (most do not exist), one every 2 s. */
    GUESSER
  }

  @Test
  void robotsAreDeniedWithin50LookupsAndNormalAccountsAreNot() {
    long seed = Long.getLong("nirguard.seed", DEFAULT_SEED);
    int size = Integer.getInteger("nirguard.properties.size", 2000);
    int accounts = Math.max(1000, Math.min(20_000, size / 2));
    int robotsPerKind = Math.max(8, accounts / 125);
    Simulation sim = simulate(seed, accounts, robotsPerKind, true);

    for (Robot r : sim.robots) {
      assertTrue(r.deniedAt > 0, () -> r.kind + " robot never denied (seed " + seed + ")");
      assertTrue(
          r.deniedAt <= GOAL_LOOKUPS,
          () -> r.kind + " robot denied only after " + r.deniedAt + " lookups (seed " + seed + ")");
    }
    assertEquals(accounts, sim.normalCount());
    assertTrue(
        sim.normalDenied() < accounts / 1000.0,
        () ->
            sim.normalDenied() + " of " + accounts + " normal accounts denied (seed " + seed + ")");
  }

  /**
   * The same world when the service passes only the account, not the client: a slow robot's lookups
   * are diluted by its owner's, and may go on for hundreds of lookups. Printed for the
   * documentation; asserted: the other robots and the false positives are unaffected.
   */
  @Test
  void withoutClientsSlowRobotsHideInTheOwnersTraffic() {
    long seed = Long.getLong("nirguard.seed", DEFAULT_SEED);
    Simulation sim = simulate(seed, 300, 8, false);
    for (Robot r : sim.robots) {
      if (!r.slow()) {
        assertTrue(
            r.deniedAt > 0 && r.deniedAt <= GOAL_LOOKUPS,
            () -> r.kind + " robot denied after " + r.deniedAt + " lookups (seed " + seed + ")");
      }
    }
    assertEquals(0, sim.normalDenied());
  }

  private static Simulation simulate(long seed, int accounts, int robotsPerKind, boolean clients) {
    System.out.println(
        "GuardSimulationTest: seed "
            + seed
            + " (re-run with -Dnirguard.seed="
            + seed
            + "), "
            + accounts
            + " normal accounts, "
            + robotsPerKind
            + " robots per kind, "
            + DAYS
            + " days, "
            + (clients ? "account and client principals" : "account principals only"));
    byte[] key = new byte[32];
    new SplittableRandom(seed).nextBytes(key); // a key from the seed: the run is reproducible
    EnumerationGuard guard =
        EnumerationGuard.builder()
            .fixedKeyForTests(key)
            .maxPrincipals(
                5 * (accounts + robotsPerKind * Kind.values().length)) // accounts and clients
            .build();
    long t0 = System.nanoTime();
    Simulation sim = new Simulation(seed, accounts, robotsPerKind, guard, clients);
    sim.run();
    sim.print((System.nanoTime() - t0) / 1_000_000);
    return sim;
  }

  // ---- the simulation -------------------------------------------------------------------------

  /** A practice: its patients' birth mix, its volume and hours, and what happened to it. */
  static final class Account {
    final int index;
    final String principal;
    final boolean pharmacy;
    final SimWorld.Mix mix;
    final long seed;
    final int daily; // distinct patients on a typical day
    final int pool; // regular patients
    final boolean nursingHome;
    final SplittableRandom random;
    final boolean compromised;
    Principal[] clients; // the practice's workstations
    long lookups;
    long slowed;
    long denied;
    long stepUps;
    int firstDenyDay = -1;
    EnumMap<Reason, Integer> denyReasons = new EnumMap<>(Reason.class);
    EnumMap<Reason, Integer> slowReasons = new EnumMap<>(Reason.class);

    Account(
        int index,
        boolean pharmacy,
        SimWorld.Mix mix,
        long seed,
        int daily,
        boolean nursingHome,
        boolean compromised) {
      this.index = index;
      this.principal = (compromised ? "cps-" : "rpps-") + index;
      this.pharmacy = pharmacy;
      this.mix = mix;
      this.seed = seed;
      this.daily = daily;
      this.pool = daily * 8;
      this.nursingHome = nursingHome;
      this.random = new SplittableRandom(seed);
      this.compromised = compromised;
    }

    boolean opens(int dayOfWeek) {
      return dayOfWeek < (pharmacy ? 6 : 5);
    }
  }

  /** A robot on a compromised account. */
  static final class Robot {
    final Kind kind;
    final Account account;
    final SplittableRandom random;
    final boolean cold; // starts with the simulation: the guard knows nothing of the account yet
    Principal principal; // the robot's own client within the account
    long next; // epoch second of the next lookup
    int lookups;
    int deniedAt; // robot lookups up to and including the first DENY, 0 if never
    int slowedBefore;
    int reasonBits;
    // walkers
    int[] groupSex;
    int[] groupYear;
    int[] groupMonth;
    SimWorld.Dept[] groupDept;
    int[] groupCommune;
    int[] groupOrder;
    int turn;
    List<Nir> leak;

    Robot(Kind kind, Account account, long seed, boolean cold) {
      this.kind = kind;
      this.account = account;
      this.random = new SplittableRandom(seed);
      this.cold = cold;
    }

    boolean slow() {
      return kind == Kind.SLOW_SAMPLER || kind == Kind.SLOW_LEAK_REPLAY;
    }
  }

  static final class Simulation {
    final long seed;
    final SimWorld world;
    final EnumerationGuard guard;
    final List<Account> accounts = new ArrayList<>();
    final List<Robot> robots = new ArrayList<>();
    final Map<Integer, List<Account>> byDept = new java.util.HashMap<>();
    final Map<Integer, SimWorld.Mix> deptMix = new java.util.HashMap<>();
    long totalChecks;
    int day;
    long unknownNormal;
    long invalidNormal;

    Simulation(long seed, int normal, int robotsPerKind, EnumerationGuard guard) {
      this(seed, normal, robotsPerKind, guard, true);
    }

    /**
     * With {@code clients}, each workstation and each robot is its own client within the account
     * ({@link EnumerationGuard#principal(CharSequence, CharSequence)}); without, everything goes to
     * the account, and a robot's lookups mix with its owner's.
     */
    Simulation(long seed, int normal, int robotsPerKind, EnumerationGuard guard, boolean clients) {
      this.seed = seed;
      this.world = new SimWorld(seed);
      this.guard = guard;
      SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
      int total = normal + robotsPerKind * Kind.values().length;
      for (int i = 0; i < total; i++) {
        SimWorld.Dept home = world.practiceDept(r);
        SimWorld.Mix mix = deptMix.computeIfAbsent(home.id, id -> world.mixOf(home, r));
        boolean pharmacy = r.nextDouble() < 0.75;
        int daily =
            pharmacy
                ? (int) Math.round(Math.exp(Math.log(30) + r.nextDouble() * Math.log(300.0 / 30)))
                : 15 + r.nextInt(31);
        Account a =
            new Account(
                i,
                pharmacy,
                mix,
                r.nextLong(),
                daily,
                pharmacy && r.nextDouble() < 0.2,
                i >= normal);
        a.clients = new Principal[pharmacy ? 1 + r.nextInt(3) : 1];
        for (int c = 0; c < a.clients.length; c++) {
          a.clients[c] =
              clients
                  ? guard.principal(a.principal, "workstation-" + c)
                  : guard.principal(a.principal);
        }
        accounts.add(a);
        byDept.computeIfAbsent(home.id, k -> new ArrayList<>()).add(a);
      }
      int k = normal;
      for (Kind kind : Kind.values()) {
        for (int j = 0; j < robotsPerKind; j++) {
          Account a = accounts.get(k++);
          boolean cold = j < robotsPerKind / 4;
          Robot robot = new Robot(kind, a, r.nextLong(), cold);
          robot.principal =
              clients ? guard.principal(a.principal, "robot-client") : guard.principal(a.principal);
          int day = cold ? 0 : 2 + robot.random.nextInt(DAYS - 4);
          robot.next = START.getEpochSecond() + day * 86_400L + startSecond(robot);
          prepare(robot);
          robots.add(robot);
        }
      }
    }

    private static long startSecond(Robot robot) {
      if (robot.slow() || robot.cold) {
        return 9 * 3600 + robot.random.nextInt(4 * 3600);
      }
      return robot.random.nextInt(86_400);
    }

    private void prepare(Robot robot) {
      SplittableRandom r = robot.random;
      int groups = robot.kind == Kind.ORDER_WALKER ? 6 : 1;
      robot.groupSex = new int[groups];
      robot.groupYear = new int[groups];
      robot.groupMonth = new int[groups];
      robot.groupDept = new SimWorld.Dept[groups];
      robot.groupCommune = new int[groups];
      robot.groupOrder = new int[groups];
      for (int g = 0; g < groups; g++) {
        SimWorld.Dept d;
        do {
          d = world.national(r);
        } while (d.abroad());
        robot.groupDept[g] = d;
        robot.groupCommune[g] = d.communes[r.nextInt(d.communes.length)];
        robot.groupSex[g] = 1 + r.nextInt(2);
        robot.groupYear[g] = 2026 - SimWorld.age(r);
        robot.groupMonth[g] = 1 + r.nextInt(12);
        robot.groupOrder[g] = robot.kind == Kind.FAST_SEQUENTIAL ? 0 : r.nextInt(20);
      }
      if (robot.kind == Kind.LEAK_REPLAY || robot.kind == Kind.SLOW_LEAK_REPLAY) {
        robot.leak = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
          SimWorld.Dept home = world.practiceDept(r);
          SimWorld.Mix mix = deptMix.computeIfAbsent(home.id, id -> world.mixOf(home, r));
          robot.leak.add(world.person(world.origin(mix, r), SimWorld.age(r), r));
        }
      }
    }

    private Nir robotNir(Robot robot) {
      SplittableRandom r = robot.random;
      switch (robot.kind) {
        case FAST_SEQUENTIAL:
          {
            int births = robot.groupDept[0].birthsOf(robot.groupCommune[0]);
            if (++robot.groupOrder[0] > Math.min(999, births + 3)) {
              robot.groupOrder[0] = 1;
              robot.groupMonth[0] = robot.groupMonth[0] % 12 + 1;
            }
            return SimWorld.nir(
                robot.groupSex[0],
                robot.groupYear[0],
                robot.groupMonth[0],
                robot.groupDept[0],
                robot.groupCommune[0],
                robot.groupOrder[0],
                r);
          }
        case ORDER_WALKER:
          {
            int g = robot.turn++ % robot.groupDept.length;
            robot.groupOrder[g] = Math.min(999, robot.groupOrder[g] + 1 + r.nextInt(3));
            return SimWorld.nir(
                robot.groupSex[g],
                robot.groupYear[g],
                robot.groupMonth[g],
                robot.groupDept[g],
                robot.groupCommune[g],
                robot.groupOrder[g],
                r);
          }
        case RANDOM_SAMPLER:
          return world.person(world.uniform(r), SimWorld.age(r), r);
        case SLOW_SAMPLER:
          return world.person(world.national(r), SimWorld.age(r), r);
        case LEAK_REPLAY:
        case SLOW_LEAK_REPLAY:
          return robot.leak.get(robot.lookups % robot.leak.size());
        case GUESSER:
          return Nirs.valid(Nirs.Category.MAINLAND).next(r);
        default:
          throw new AssertionError(robot.kind);
      }
    }

    private long interval(Robot robot) {
      SplittableRandom r = robot.random;
      switch (robot.kind) {
        case FAST_SEQUENTIAL:
          return 0; // five a second: several per epoch second
        case ORDER_WALKER:
          return 20;
        case RANDOM_SAMPLER:
          return 3;
        case LEAK_REPLAY:
          return 5;
        case GUESSER:
          return 2;
        default:
          return 120 + r.nextInt(241);
      }
    }

    /** Keeps slow robots in working hours on working days. */
    private static long workingHours(long t, SplittableRandom r) {
      long day = (t - START.getEpochSecond()) / 86_400;
      long sec = (t - START.getEpochSecond()) % 86_400;
      if (day % 7 >= 5 || sec >= 19 * 3600) {
        do {
          day++;
        } while (day % 7 >= 5);
        return START.getEpochSecond() + day * 86_400 + 8 * 3600 + 1800 + r.nextInt(600);
      }
      if (sec < 8 * 3600 + 1800) {
        return START.getEpochSecond() + day * 86_400 + 8 * 3600 + 1800 + r.nextInt(600);
      }
      return t;
    }

    void run() {
      PriorityQueue<Robot> pending = new PriorityQueue<>((a, b) -> Long.compare(a.next, b.next));
      pending.addAll(robots);
      for (day = 0; day < DAYS; day++) {
        long dayStart = START.getEpochSecond() + day * 86_400L;
        long[] events = dayEvents(day);
        int e = 0;
        while (e < events.length
            || (!pending.isEmpty() && pending.peek().next < dayStart + 86_400)) {
          long eventTime =
              e < events.length ? dayStart + (events[e] >>> 32) / 1000 : Long.MAX_VALUE;
          if (!pending.isEmpty()
              && pending.peek().next <= eventTime
              && pending.peek().next < dayStart + 86_400) {
            Robot robot = pending.poll();
            if (robotLookup(robot)) {
              pending.add(robot);
            }
          } else {
            normalLookup(
                accounts.get((int) (events[e] & 0xFFFF_FFFFL) >>> 1),
                (events[e] & 1) == 1,
                eventTime);
            e++;
          }
        }
      }
    }

    /** Returns whether the robot goes on. */
    private boolean robotLookup(Robot robot) {
      Nir nir = robotNir(robot);
      Instant at = Instant.ofEpochSecond(robot.next);
      robot.lookups++;
      Decision d = guard.check(robot.principal, nir, at);
      totalChecks++;
      if (!d.answerable()) { // DENY, or a STEP_UP a robot cannot pass
        robot.deniedAt = robot.lookups;
        robot.reasonBits = d.reasonBits();
        return false;
      }
      if (d.verdict() == Verdict.SLOW_DOWN) {
        robot.slowedBefore++;
      }
      if (!world.exists(nir)) {
        guard.recordUnknown(robot.principal, nir, at);
      }
      if (robot.lookups >= 5000) {
        return false; // never denied
      }
      long step = interval(robot);
      if (step == 0) {
        robot.next += robot.lookups % 5 == 0 ? 1 : 0; // five a second
      } else {
        robot.next += step;
      }
      if (robot.slow()) {
        robot.next = workingHours(robot.next, robot.random);
      }
      return true;
    }

    /**
     * The day's lookups of every practice: (milliseconds since midnight) &lt;&lt; 32 | account
     * &lt;&lt; 1 | batch, sorted.
     */
    private long[] dayEvents(int day) {
      int dow = day % 7;
      long[] buf = new long[1 << 16];
      int n = 0;
      for (Account a : accounts) {
        if (!a.opens(dow)) {
          continue;
        }
        SplittableRandom r = a.random;
        int visits = (int) Math.round(a.daily * (0.8 + 0.4 * r.nextDouble()));
        if (dow == 5) {
          visits /= 2;
        }
        for (int v = 0; v < visits; v++) {
          long ms = openMillis(a, r);
          if (n + 64 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          buf[n++] = ms << 32 | (long) a.index << 1;
        }
        if (a.nursingHome && r.nextDouble() < 0.3) { // a nursing home's prescriptions, in a batch
          long start = (10 * 3600 + r.nextInt(6 * 3600)) * 1000L;
          for (int b = 0; b < 30; b++) {
            if (n + 64 > buf.length) {
              buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (start + b * (4000L + r.nextInt(8000))) << 32 | (long) a.index << 1 | 1;
          }
        }
      }
      long[] out = Arrays.copyOf(buf, n);
      Arrays.sort(out);
      return out;
    }

    private static long openMillis(Account a, SplittableRandom r) {
      if (a.pharmacy) {
        return (long) ((8.5 + 11 * r.nextDouble()) * 3_600_000);
      }
      double h = r.nextDouble() < 0.45 ? 9 + 3 * r.nextDouble() : 14 + 5 * r.nextDouble();
      return (long) (h * 3_600_000);
    }

    private void normalLookup(Account a, boolean batch, long t) {
      SplittableRandom r = a.random;
      Principal who = a.clients[r.nextInt(a.clients.length)];
      Nir nir;
      if (batch) {
        nir = resident(a, 1_000_000 + r.nextInt(30), true);
      } else if (r.nextDouble() < 0.10) {
        nir = world.person(world.origin(a.mix, r), SimWorld.age(r), r); // passing through
      } else {
        double u = r.nextDouble();
        nir = resident(a, (int) (a.pool * u * u), false); // the regulars come back most
      }
      if (r.nextDouble() < 0.02) { // a typo first
        String text = typo(nir.compact(), r);
        record(a, guard.check(who, text, Instant.ofEpochSecond(t)));
        t += 15;
      }
      if (r.nextDouble() < 0.005) { // a NIR nobody has (a wrong number that happens to be valid)
        Nir ghost = world.ghost(a.mix.home, SimWorld.age(r), r);
        record(a, checkPassingStepUp(a, who, ghost, t));
        record(a, guard.recordUnknown(who, ghost, Instant.ofEpochSecond(t)));
        if (!a.compromised) {
          unknownNormal++;
        }
        t += 20;
      }
      record(a, checkPassingStepUp(a, who, nir, t));
      if (r.nextDouble() < 0.05) { // checked twice
        record(a, checkPassingStepUp(a, who, nir, t + 5 + r.nextInt(60)));
      }
    }

    /** A regular patient: half are residents shared with the other practices of the department. */
    private Nir resident(Account a, int index, boolean elderly) {
      long s;
      if (!elderly && index % 2 == 0) {
        int shared = 2000 * byDept.get(a.mix.home.id).size();
        int k = (int) Math.floorMod(mix(a.seed * 31 + index), (long) shared);
        s = mix(a.mix.home.id * 1_000_003L + k + seed);
      } else {
        s = mix(a.seed ^ (index * 0x9E3779B97F4A7C15L));
      }
      SplittableRandom p = new SplittableRandom(s);
      int age = elderly ? 75 + p.nextInt(25) : SimWorld.age(p);
      return world.person(world.origin(a.mix, p), age, p);
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }

    private static String typo(String compact, SplittableRandom r) {
      char[] c = compact.toCharArray();
      int i;
      do {
        i = r.nextInt(13);
      } while (!Character.isDigit(c[i]));
      char was = c[i];
      do {
        c[i] = (char) ('0' + r.nextInt(10));
      } while (c[i] == was);
      return new String(c);
    }

    /** A normal user passes a STEP_UP (re-authenticates), counted, and checks again. */
    private Decision checkPassingStepUp(Account a, Principal who, Nir nir, long t) {
      Decision d = guard.check(who, nir, Instant.ofEpochSecond(t));
      if (d.verdict() == Verdict.STEP_UP) {
        totalChecks++;
        if (!a.compromised) {
          a.stepUps++;
        }
        guard.stepUp(who, Instant.ofEpochSecond(t + 20));
        d = guard.check(who, nir, Instant.ofEpochSecond(t + 20));
      }
      return d;
    }

    private void record(Account a, Decision d) {
      totalChecks++;
      if (a.compromised) {
        return;
      }
      a.lookups++;
      if (d.verdict() == Verdict.SLOW_DOWN) {
        a.slowed++;
        for (Reason x : d.reasons()) {
          a.slowReasons.merge(x, 1, Integer::sum);
        }
      } else if (!d.answerable()) {
        if (a.denied == 0) {
          a.firstDenyDay = day;
        }
        a.denied++;
        for (Reason x : d.reasons()) {
          a.denyReasons.merge(x, 1, Integer::sum);
        }
      }
    }

    int normalCount() {
      return (int) accounts.stream().filter(a -> !a.compromised).count();
    }

    long normalDenied() {
      return accounts.stream().filter(a -> !a.compromised && a.denied > 0).count();
    }

    void print(long ms) {
      System.out.println(
          String.format(
              Locale.ROOT, "%,d checks in %,d ms (simulation included)", totalChecks, ms));
      System.out.println(
          "robot kind          robots  denied  lookups before DENY (min/median/max)"
              + "  slowed before  reasons at DENY");
      for (Kind kind : Kind.values()) {
        List<Robot> rs = robots.stream().filter(x -> x.kind == kind).toList();
        int[] lat =
            rs.stream()
                .mapToInt(x -> x.deniedAt > 0 ? x.deniedAt : Integer.MAX_VALUE)
                .sorted()
                .toArray();
        long denied = rs.stream().filter(x -> x.deniedAt > 0).count();
        EnumMap<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        for (Robot x : rs) {
          for (Reason reason :
              Decision.of(Verdict.DENY, Math.max(1, x.reasonBits), Duration.ZERO).reasons()) {
            if (x.deniedAt > 0) {
              reasons.merge(reason, 1, Integer::sum);
            }
          }
        }
        int coldMax =
            rs.stream()
                .filter(x -> x.cold)
                .mapToInt(x -> x.deniedAt > 0 ? x.deniedAt : Integer.MAX_VALUE)
                .max()
                .orElse(0);
        String cold = coldMax == 0 ? "" : " (cold-start max " + show(coldMax) + ")";
        System.out.println(
            String.format(
                Locale.ROOT,
                "%-18s %7d %7d  %4s / %4s / %4s%-20s %6d  %s",
                kind,
                rs.size(),
                denied,
                show(lat[0]),
                show(lat[lat.length / 2]),
                show(lat[lat.length - 1]),
                cold,
                rs.stream().mapToInt(x -> x.slowedBefore).sum(),
                reasons));
      }
      List<Account> normal = accounts.stream().filter(a -> !a.compromised).toList();
      long lookups = normal.stream().mapToLong(a -> a.lookups).sum();
      long slowedAccounts = normal.stream().filter(a -> a.slowed > 0).count();
      long slowed = normal.stream().mapToLong(a -> a.slowed).sum();
      long deniedLookups = normal.stream().mapToLong(a -> a.denied).sum();
      EnumMap<Reason, Integer> slowReasons = new EnumMap<>(Reason.class);
      EnumMap<Reason, Integer> denyReasons = new EnumMap<>(Reason.class);
      for (Account a : normal) {
        a.slowReasons.forEach((k, v) -> slowReasons.merge(k, v, Integer::sum));
        a.denyReasons.forEach((k, v) -> denyReasons.merge(k, v, Integer::sum));
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "normal accounts: %,d, lookups %,d (invalid typos and %,d unknown included)",
              normal.size(),
              lookups,
              unknownNormal));
      System.out.println(
          String.format(
              Locale.ROOT,
              "  ever DENIED:    %d accounts (%.3f %%), %d lookups %s",
              normalDenied(),
              100.0 * normalDenied() / normal.size(),
              deniedLookups,
              denyReasons));
      System.out.println(
          String.format(
              Locale.ROOT,
              "  ever SLOW_DOWN: %d accounts (%.2f %%), %d lookups (%.4f %% of lookups) %s",
              slowedAccounts,
              100.0 * slowedAccounts / normal.size(),
              slowed,
              100.0 * slowed / lookups,
              slowReasons));
      long stepped = normal.stream().filter(a -> a.stepUps > 0).count();
      System.out.println(
          String.format(
              Locale.ROOT,
              "  ever STEP_UP (passed): %d accounts (%.2f %%), %d step-ups",
              stepped,
              100.0 * stepped / normal.size(),
              normal.stream().mapToLong(a -> a.stepUps).sum()));
    }

    private static String show(int v) {
      return v == Integer.MAX_VALUE ? "-" : Integer.toString(v);
    }
  }
}
