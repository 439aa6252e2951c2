package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The 2022 breach replayed, with the legitimate traffic that must keep flowing: a seeded world
 * ({@link SimWorld}), legitimate accounts of several kinds, and attackers made of robots on stolen
 * accounts. Each check goes through one guard; the simulation only counts what the guard answered.
 * Never prints a NIR or an account name (accounts are numbered).
 *
 * <p>Attackers:
 *
 * <ul>
 *   <li><b>patient breach</b> ({@link AttackKind#BREACH_USUAL}, {@link AttackKind#BREACH_COLD},
 *       {@link AttackKind#BREACH_FAST}): 19 stolen accounts, each replaying the slice of a leaked
 *       list of 510,000 NIRs that lives in its own department (residents, born where the account's
 *       patients are born), in the account's opening hours, at its usual daily rate (or 590 / 1,400
 *       a day), rotating over 4 robot clients per account. A robot denied waits out the delay and
 *       comes back.
 *   <li><b>walkers</b> ({@link AttackKind#ORDER_WALK}, {@link AttackKind#COMMUNE_WALK}, {@link
 *       AttackKind#BIRTHDATE_WALK}), one lookup every 5 s in working hours, either alone (one
 *       account, one client) or spread round-robin over 19 accounts × 4 clients.
 *   <li><b>denial of care</b> ({@link AttackKind#DENIAL_OF_CARE}): 8 stolen accounts query 20
 *       patients of one pharmacy within an hour, so that the shared-target signal would deny those
 *       patients to their pharmacist, GP and laboratory, who look them up right after.
 * </ul>
 *
 * <p>Legitimate accounts ({@link LegitKind}): pharmacies (big-city ones included: their patients
 * are born everywhere), GPs, laboratories (many new patients a day, mornings), hospital admissions
 * (new patients around the clock, born in a wider area), pharmacies running a vaccination campaign
 * (hundreds of elderly residents a day, for three days), new accounts (no history, ramping up from
 * a few lookups to a pharmacy's volume over a week); and in pharmacies and GPs, a patient's
 * relatives looked up together (the patient's family, the same people at every visit: born in the
 * same commune a few years apart; a twin for about 3 % of patients).
 */
final class BreachSimulation {
  static final long DAY = 86_400;
  static final long START = 1_772_409_600L; // 2026-03-02T00:00:00Z, a Monday
  static final int LEAK = 510_000;
  static final int STOLEN = 19;
  static final int ROBOT_CLIENTS = 4;
  static final int SWARM = 200;
  static final String SWARM_TENANT = "network-1";

  /** Kinds of legitimate accounts. */
  enum LegitKind {
    PHARMACY,
    GP,
    LAB,
    HOSPITAL,
    VACCINATION,
    NEW_ACCOUNT
  }

  /** Kinds of attacks. */
  enum AttackKind {
    /** 19 accounts with history, each at its own usual daily rate and hours, in its department. */
    BREACH_USUAL(false),
    /** 19 accounts with no history (no owner traffic), 590 lookups a day each, one department. */
    BREACH_COLD(false),
    /** 19 accounts with history, 1,400 lookups a day each in working hours, one department. */
    BREACH_FAST(false),
    /** Order numbers of one birth group, one by one (gaps of 0-2). */
    ORDER_WALK(true),
    /** The communes of the account's department in turn, one birth month, existing people. */
    COMMUNE_WALK(true),
    /** The birth months then years of one maternity commune, existing people. */
    BIRTHDATE_WALK(true),
    /** 8 accounts query 20 patients of one pharmacy, to deny them care. */
    DENIAL_OF_CARE(false),
    /**
     * 200 stolen pharmacy accounts of one tenant (their owners keep working), each replaying its
     * department's slice of the leak at its usual rate, from 4 fresh clients every day, all driven
     * from one robot host (one client fingerprint, unless the service supplies none).
     */
    TENANT_SWARM(false);

    final boolean walker;

    AttackKind(boolean walker) {
      this.walker = walker;
    }
  }

  /** What the guard answered, as the simulation sees it. */
  enum Outcome {
    ANSWERED,
    STOPPED
  }

  /** Adapts the verdict to the simulation: a robot cannot pass a STEP_UP or a DENY. */
  static boolean stops(Decision d) {
    return !d.answerable();
  }

  /**
   * A legitimate lookup: a STEP_UP is passed (the professional re-authenticates with their card),
   * counted, then the lookup is checked again.
   */
  Decision legitCheck(Account a, Principal who, Nir nir, long t) {
    Decision d = guard.check(who, nir, at(t));
    if (d.verdict() == Verdict.STEP_UP) {
      totalChecks++;
      count(a.stolen ? "owner" : "legit", d);
      if (!a.stolen) {
        if (a.stepUps == 0) {
          a.firstStepUpDay = day;
        }
        a.stepUps++;
        if (day >= 3) {
          a.stepUpsAfterWarmup++;
        }
        for (Reason x : d.reasons()) {
          a.stepUpReasons.merge(x, 1, Integer::sum);
          if (day >= 3) {
            stepUpReasonsAfterWarmup.merge(x, 1, Integer::sum);
          }
        }
        if (d.has(Reason.SHARED_TARGET)) {
          patientsSteppedUpBySharedTarget.add(nir.numericBody() * 4 + nir.corsicaLetter());
        }
      }
      guard.stepUp(who, at(t + 20));
      d = guard.check(who, nir, at(t + 20));
    }
    return d;
  }

  /** A legitimate or stolen account, and its owner's traffic. */
  final class Account {
    final int index;
    final LegitKind kind;
    final SimWorld.Mix mix;
    final long seed;
    final int daily;
    final int pool;
    final double newShare;
    final int startDay;
    final int campaignDay;
    final SplittableRandom random;
    final boolean stolen;
    final boolean ownerWorks;
    final Principal[] clients;
    final String tenant;
    long lookups;
    long slowed;
    long stepUps;
    long stepUpsAfterWarmup;
    int firstStepUpDay = -1;
    final EnumMap<Reason, Integer> stepUpReasons = new EnumMap<>(Reason.class);
    long denied;
    int firstDenyDay = -1;
    final EnumMap<Reason, Integer> denyReasons = new EnumMap<>(Reason.class);
    final EnumMap<Reason, Integer> slowReasons = new EnumMap<>(Reason.class);

    Account(
        int index,
        LegitKind kind,
        SimWorld.Mix mix,
        SplittableRandom r,
        boolean stolen,
        boolean ownerWorks,
        String tenant) {
      this.index = index;
      this.tenant = tenant;
      this.kind = kind;
      this.mix = mix;
      this.seed = r.nextLong();
      this.random = new SplittableRandom(seed);
      this.stolen = stolen;
      this.ownerWorks = ownerWorks;
      switch (kind) {
        case LAB -> {
          daily = 120 + r.nextInt(280);
          newShare = 0.5;
        }
        case HOSPITAL -> {
          daily = 150 + r.nextInt(350);
          newShare = 0.75;
        }
        case GP -> {
          daily = 15 + r.nextInt(31);
          newShare = 0.05;
        }
        default -> {
          daily = (int) Math.round(Math.exp(Math.log(30) + r.nextDouble() * Math.log(10)));
          newShare = 0.10;
        }
      }
      this.pool = daily * 8;
      this.startDay = kind == LegitKind.NEW_ACCOUNT ? 1 + r.nextInt(Math.max(1, days - 3)) : 0;
      this.campaignDay = kind == LegitKind.VACCINATION ? r.nextInt(Math.max(1, days - 3)) : -1;
      int n =
          kind == LegitKind.HOSPITAL || kind == LegitKind.LAB
              ? 2 + r.nextInt(4)
              : kind == LegitKind.GP ? 1 : 1 + r.nextInt(3);
      clients = new Principal[n];
      String name = (stolen ? "cps-" : "rpps-") + index;
      for (int c = 0; c < n; c++) {
        // each workstation is its own device; a GP's is the network of its medical centre (five
        // GPs), a hospital's the hospital's network
        String device =
            kind == LegitKind.GP
                ? "centre-" + index / 5
                : kind == LegitKind.HOSPITAL ? "hospital-" + index : name + "/device-" + c;
        clients[c] = inTenant(guard.principal(name, "workstation-" + c), tenant);
        if (fingerprints) {
          clients[c] = clients[c].withClientFingerprint(device);
        }
      }
    }

    String name() {
      return (stolen ? "cps-" : "rpps-") + index;
    }

    boolean opens(int day) {
      int dow = day % 7;
      return switch (kind) {
        case HOSPITAL -> true;
        case GP -> dow < 5;
        case LAB -> dow < 6;
        default -> dow < 6;
      };
    }

    long openMillis(SplittableRandom r) {
      return switch (kind) {
        case HOSPITAL -> (long) (r.nextDouble() * DAY * 1000);
        case LAB ->
            (long)
                ((r.nextDouble() < 0.8 ? 7 + 6 * r.nextDouble() : 13 + 5 * r.nextDouble())
                    * 3_600_000);
        case GP ->
            (long)
                ((r.nextDouble() < 0.45 ? 9 + 3 * r.nextDouble() : 14 + 5 * r.nextDouble())
                    * 3_600_000);
        default -> (long) ((8.5 + 11 * r.nextDouble()) * 3_600_000);
      };
    }

    int visits(int day) {
      if (!ownerWorks || !opens(day) || day < startDay) {
        return 0;
      }
      double v = daily * (0.8 + 0.4 * random.nextDouble());
      if (kind == LegitKind.NEW_ACCOUNT) {
        v *= Math.min(1.0, (day - startDay + 1) / 7.0); // ramps up over a week
        v = Math.max(v, 5);
      }
      if (day % 7 == 5 && kind != LegitKind.HOSPITAL) {
        v /= 2;
      }
      return (int) Math.round(v);
    }
  }

  /** One process of an attacker: a robot on one or several (account, client) pairs. */
  abstract class Actor {
    final Attacker attacker;
    final SplittableRandom random;
    long next;

    Actor(Attacker attacker, long seed) {
      this.attacker = attacker;
      this.random = new SplittableRandom(seed);
    }

    /** Makes one lookup; returns whether the actor goes on. */
    abstract boolean step();
  }

  /** An attacker: its accounts, and what it got. */
  final class Attacker {
    final AttackKind kind;
    final boolean spread;
    final List<Account> accounts = new ArrayList<>();
    final Set<Long> answered = new HashSet<>();
    final Map<Integer, Integer> lookupsOf = new HashMap<>(); // per account: robot lookups
    final Map<Integer, Integer> stoppedAt = new HashMap<>(); // per account: lookups at 1st stop
    int lookups;
    int firstStopAt; // attacker lookups at its first stop, 0 if never
    int answeredAtAllStopped = -1; // distinct answered when every account had been stopped once
    int lookupsAtAllStopped; // attacker lookups when every account had been stopped, 0 if never
    int reasonBits;
    int deniedToPatients; // DENIAL_OF_CARE: victim lookups by legitimate accounts refused

    Attacker(AttackKind kind, boolean spread) {
      this.kind = kind;
      this.spread = spread;
    }

    /** Records one robot lookup on an account and what the guard said; returns whether stopped. */
    boolean record(Account a, Nir nir, Decision d) {
      lookups++;
      totalChecks++;
      int n = lookupsOf.merge(a.index, 1, Integer::sum);
      if (stops(d)) {
        reasonBits |= d.reasonBits();
        if (firstStopAt == 0) {
          firstStopAt = lookups;
        }
        stoppedAt.putIfAbsent(a.index, n);
        if (answeredAtAllStopped < 0 && stoppedAt.size() == accounts.size()) {
          answeredAtAllStopped = answered.size();
          lookupsAtAllStopped = lookups;
        }
        return true;
      }
      answered.add(nir.numericBody() * 4 + nir.corsicaLetter());
      if (!world.exists(nir)) {
        guard.recordUnknown(a.clients[0], nir, at(next()));
      }
      return false;
    }

    /** The most robot lookups any of its accounts made before that account was first stopped. */
    int worstAccountLookups() {
      int worst = 0;
      for (Account a : accounts) {
        Integer s = stoppedAt.get(a.index);
        worst = Math.max(worst, s == null ? Integer.MAX_VALUE : s);
      }
      return worst;
    }

    String label() {
      return kind + (kind.walker ? (spread ? " spread" : " alone") : "");
    }
  }

  private long clock;

  private long next() {
    return clock;
  }

  static Principal inTenant(Principal p, String tenant) {
    return tenant == null ? p : p.inTenant(tenant);
  }

  static java.time.Instant at(long epochSecond) {
    return java.time.Instant.ofEpochSecond(epochSecond);
  }

  final long seed;
  final boolean fingerprints;
  final int days;
  final SimWorld world;
  final EnumerationGuard guard;
  final List<Account> accounts = new ArrayList<>();
  final List<Attacker> attackers = new ArrayList<>();
  final List<Actor> actors = new ArrayList<>();
  final Map<Integer, List<Account>> byDept = new HashMap<>();
  final Map<Integer, SimWorld.Mix> deptMix = new HashMap<>();
  final Set<Long> patientsDeniedBySharedTargetAlone = new HashSet<>();
  final Set<Long> patientsDeniedBySharedTarget = new HashSet<>();
  final Set<Long> patientsSteppedUpBySharedTarget = new HashSet<>();
  final Map<String, long[]> eventCounts = new HashMap<>();
  final EnumMap<Reason, Integer> stepUpReasonsAfterWarmup = new EnumMap<>(Reason.class);
  long totalChecks;
  long followUps;
  int day;
  private final SplittableRandom setup;
  private final List<long[]> scheduled = new ArrayList<>(); // {time, account, victim seed}

  BreachSimulation(
      long seed,
      int legit,
      int days,
      EnumerationGuard guard,
      int walkersAlone,
      boolean fingerprints) {
    this.seed = seed;
    this.fingerprints = fingerprints;
    this.days = days;
    this.world = new SimWorld(seed);
    this.guard = guard;
    this.setup = new SplittableRandom(seed ^ 0x2022_0317L);
    LegitKind[] kinds = LegitKind.values();
    double[] shares = {0.55, 0.18, 0.08, 0.04, 0.07, 0.08};
    for (int i = 0; i < legit; i++) {
      LegitKind k = kinds[SimWorld.pickIndex(shares, setup, 1.0)];
      // a tenth of the legitimate accounts belong to the swarm's tenant (its honest members)
      newAccount(k, false, true, i % 10 == 0 ? SWARM_TENANT : null);
    }
    for (AttackKind kind : AttackKind.values()) {
      if (kind.walker) {
        for (int j = 0; j < walkersAlone; j++) {
          walker(kind, false);
        }
        walker(kind, true);
      } else if (kind == AttackKind.DENIAL_OF_CARE) {
        denialOfCare();
      } else if (kind == AttackKind.TENANT_SWARM) {
        swarm();
      } else {
        breach(kind);
      }
    }
  }

  private Account newAccount(LegitKind kind, boolean stolen, boolean ownerWorks) {
    return newAccount(kind, stolen, ownerWorks, null);
  }

  private Account newAccount(LegitKind kind, boolean stolen, boolean ownerWorks, String tenant) {
    SimWorld.Dept home = world.practiceDept(setup);
    SimWorld.Mix mix = deptMix.computeIfAbsent(home.id, id -> world.mixOf(home, setup));
    Account a = new Account(accounts.size(), kind, mix, setup, stolen, ownerWorks, tenant);
    accounts.add(a);
    byDept.computeIfAbsent(home.id, k -> new ArrayList<>()).add(a);
    return a;
  }

  // ---- attackers --------------------------------------------------------------------------------

  private void breach(AttackKind kind) {
    Attacker at = new Attacker(kind, true);
    attackers.add(at);
    int slice = LEAK / STOLEN;
    for (int i = 0; i < STOLEN; i++) {
      boolean cold = kind == AttackKind.BREACH_COLD;
      Account a = newAccount(cold ? LegitKind.NEW_ACCOUNT : LegitKind.PHARMACY, true, !cold);
      at.accounts.add(a);
      int perDay =
          switch (kind) {
            case BREACH_COLD -> 590;
            case BREACH_FAST -> 1400;
            default -> a.daily;
          };
      int startDay = cold ? 0 : Math.min(3, days - 1);
      actors.add(new LeakReplay(at, a, setup.nextLong(), slice, perDay, startDay));
    }
  }

  private void swarm() {
    Attacker at = new Attacker(AttackKind.TENANT_SWARM, true);
    attackers.add(at);
    int slice = LEAK / SWARM;
    for (int i = 0; i < SWARM; i++) {
      Account a = newAccount(LegitKind.PHARMACY, true, true, SWARM_TENANT);
      at.accounts.add(a);
      LeakReplay r = new LeakReplay(at, a, setup.nextLong(), slice, a.daily, Math.min(3, days - 1));
      r.host = fingerprints ? "robot-host" : null;
      actors.add(r);
    }
  }

  /** Replays its account's slice of the leak: residents of the account's department. */
  final class LeakReplay extends Actor {
    final Account account;
    final Principal[] robotClients = new Principal[ROBOT_CLIENTS];
    final long interval;
    final int slice;
    final SplittableRandom leak;
    int used;
    int turn;

    /** For the swarm: fresh clients every day, in the account's tenant, from this host. */
    String host;

    LeakReplay(Attacker at, Account a, long seed, int slice, int perDay, int startDay) {
      super(at, seed);
      this.account = a;
      for (int c = 0; c < ROBOT_CLIENTS; c++) {
        robotClients[c] = guard.principal(a.name(), "robot-" + c);
      }
      this.interval = Math.max(1, 11 * 3600L / perDay); // over 8:30-19:30
      this.slice = slice;
      this.leak = new SplittableRandom(seed ^ 0x1EA4L);
      this.next = START + startDay * DAY + 8 * 3600 + 1800 + random.nextInt(600);
    }

    @Override
    boolean step() {
      if (used >= slice) {
        return false;
      }
      Nir nir = leakedResident(account, leak);
      used++;
      boolean swarm = attacker.kind == AttackKind.TENANT_SWARM;
      Principal p = swarm ? freshClient(this) : robotClients[turn++ % ROBOT_CLIENTS];
      clock = next;
      Decision d = guard.check(p, nir, at(next));
      count("robot", d);
      if (attacker.record(account, nir, d)) {
        used--; // try again later
        // the swarm comes back the next morning with fresh clients
        next += swarm ? DAY - (next - START) % DAY : Math.max(d.delay().getSeconds(), interval);
      } else {
        next += interval / 2 + random.nextLong(interval + 1);
        if (d.verdict() == Verdict.SLOW_DOWN) {
          next += d.delay().getSeconds();
        }
      }
      next = workingHours(next, account, random);
      return true;
    }
  }

  /** A fresh client of the day (4 a day, in turn), in the account's tenant, from its host. */
  private Principal freshClient(LeakReplay r) {
    long day = (r.next - START) / DAY;
    Principal p =
        inTenant(
            guard.principal(r.account.name(), "robot-" + day + "-" + r.turn++ % ROBOT_CLIENTS),
            r.account.tenant);
    return r.host == null ? p : p.withClientFingerprint(r.host); // the service may supply none
  }

  private void walker(AttackKind kind, boolean spread) {
    Attacker at = new Attacker(kind, spread);
    attackers.add(at);
    int n = spread ? STOLEN : 1;
    Account first = null;
    for (int i = 0; i < n; i++) {
      Account a = newAccount(LegitKind.PHARMACY, true, true);
      if (first == null) {
        first = a;
      }
      at.accounts.add(a);
    }
    actors.add(new Walker(at, setup.nextLong(), first.mix.home, spread ? ROBOT_CLIENTS : 1));
  }

  /** Walks a dimension of the NIR space, round-robin over its accounts and clients. */
  final class Walker extends Actor {
    final List<Principal> principals = new ArrayList<>();
    final List<Account> owners = new ArrayList<>();
    final SimWorld.Dept dept;
    int sex;
    int year;
    int month;
    int commune;
    int order;
    int turn;
    final boolean[] stopped;

    Walker(Attacker at, long seed, SimWorld.Dept dept, int clientsPerAccount) {
      super(at, seed);
      this.dept = dept.abroad() ? world.byId.get(75) : dept;
      for (Account a : at.accounts) {
        for (int c = 0; c < clientsPerAccount; c++) {
          principals.add(guard.principal(a.name(), "robot-" + c));
          owners.add(a);
        }
      }
      stopped = new boolean[principals.size()];
      sex = 1 + random.nextInt(2);
      year = 2026 - SimWorld.age(random);
      month = 1 + random.nextInt(12);
      commune = this.dept.communes[random.nextInt(this.dept.communes.length)];
      order = random.nextInt(20);
      int startDay = Math.min(2 + random.nextInt(Math.max(1, days - 4)), days - 1);
      next = START + startDay * DAY + 9 * 3600 + random.nextInt(4 * 3600);
    }

    @Override
    boolean step() {
      Nir nir = nextNir();
      int k = turn++ % principals.size();
      int guardRounds = 0;
      while (stopped[k] && guardRounds++ < principals.size()) {
        k = turn++ % principals.size();
      }
      if (stopped[k]) {
        return false;
      }
      Account a = owners.get(k);
      clock = next;
      Decision d = guard.check(principals.get(k), nir, at(next));
      count("robot", d);
      if (attacker.record(a, nir, d)) {
        // the account is lost to this robot (DENY blocks it today; STEP_UP it cannot pass)
        for (int i = 0; i < principals.size(); i++) {
          if (owners.get(i) == a) {
            stopped[i] = true;
          }
        }
      }
      if (attacker.lookups >= 5000) {
        return false;
      }
      next = workingHours(next + 5, owners.get(0), random);
      return true;
    }

    private Nir nextNir() {
      SplittableRandom r = random;
      switch (attacker.kind) {
        case ORDER_WALK -> {
          order = Math.min(999, order + 1 + r.nextInt(3));
          if (order >= Math.min(999, dept.birthsOf(commune) + 3)) {
            order = 1;
            month = month % 12 + 1;
          }
        }
        case COMMUNE_WALK -> {
          commune = (commune + r.nextInt(2)) % (dept.overseas() ? 99 : 999) + 1;
          order = 1 + r.nextInt(Math.max(1, Math.min(3, dept.birthsOf(commune))));
          sex = 1 + r.nextInt(2);
        }
        case BIRTHDATE_WALK -> {
          month++;
          if (month > 12) {
            month = 1;
            year--;
          }
          order = 1 + r.nextInt(Math.max(1, dept.birthsOf(commune)));
        }
        default -> throw new AssertionError(attacker.kind);
      }
      return SimWorld.nir(sex, year, month, dept, commune, Math.max(1, order), r);
    }
  }

  private void denialOfCare() {
    Attacker at = new Attacker(AttackKind.DENIAL_OF_CARE, true);
    attackers.add(at);
    Account pharmacy = null;
    for (Account a : accounts) {
      if (!a.stolen && a.kind == LegitKind.PHARMACY && byDept.get(a.mix.home.id).size() >= 4) {
        pharmacy = a;
        break;
      }
    }
    if (pharmacy == null) {
      return;
    }
    for (int i = 0; i < 8; i++) {
      at.accounts.add(newAccount(LegitKind.NEW_ACCOUNT, true, false));
    }
    int attackDay = Math.min(4, days - 1);
    long t = START + attackDay * DAY + 10 * 3600;
    List<Account> carers = new ArrayList<>();
    carers.add(pharmacy);
    for (Account a : byDept.get(pharmacy.mix.home.id)) {
      if (a != pharmacy && !a.stolen && carers.size() < 4) {
        carers.add(a);
      }
    }
    for (int v = 0; v < 20; v++) {
      int index = v * 2 + 1; // the pharmacy's own regulars
      for (int i = 0; i < at.accounts.size(); i++) {
        scheduled.add(
            new long[] {t + v * 60 + i * 5, at.accounts.get(i).index, index, 1, pharmacy.index});
      }
      for (int c = 0; c < carers.size(); c++) {
        scheduled.add(
            new long[] {t + 1800 + v * 90 + c * 20, carers.get(c).index, index, 0, pharmacy.index});
      }
    }
    scheduled.sort((x, y) -> Long.compare(x[0], y[0]));
  }

  // ---- patients ---------------------------------------------------------------------------------

  /** A leaked resident of the account's department: born where its residents are born. */
  private Nir leakedResident(Account a, SplittableRandom r) {
    return world.person(world.origin(a.mix, r), SimWorld.age(r), r);
  }

  /** A regular patient: half are residents shared with the other practices of the department. */
  Nir resident(Account a, int index, boolean elderly) {
    long s;
    if (!elderly && index % 2 == 0) {
      int shared = 2000 * byDept.get(a.mix.home.id).size();
      int k = (int) Math.floorMod(mix(a.seed * 31 + index), (long) shared);
      s = mix(a.mix.home.id * 1_000_003L + k + seed);
    } else {
      s = mix(a.seed ^ (index * 0x9E3779B97F4A7C15L));
    }
    SplittableRandom p = new SplittableRandom(s);
    int age = elderly ? 65 + p.nextInt(35) : SimWorld.age(p);
    return world.person(world.origin(a.mix, p), age, p);
  }

  /** A resident of the department shared by all its practices (a laboratory's, a hospital's). */
  Nir sharedResident(Account a, SplittableRandom r) {
    int shared = 2000 * byDept.get(a.mix.home.id).size();
    long s = mix(a.mix.home.id * 1_000_003L + r.nextInt(shared) + seed);
    SplittableRandom p = new SplittableRandom(s);
    return world.person(world.origin(a.mix, p), SimWorld.age(p), p);
  }

  /**
   * The patient's family: 1-3 relatives, the same people at every visit (drawn from the patient's
   * NIR and the run's seed), born in the patient's commune a few years apart; about 3 % of patients
   * have a twin (the share of twins among births in France), of the same sex two times in three
   * (identical twins, and half of the others).
   */
  int familySize(Nir of) {
    return 1 + new SplittableRandom(familySeed(of, -1)).nextInt(3);
  }

  private long familySeed(Nir of, int k) {
    return mix((of.numericBody() * 4 + of.corsicaLetter()) * 31 + k + seed * 0x9E3779B97F4A7C15L);
  }

  /** The {@code k}-th relative of a patient (see {@link #familySize}). */
  Nir relative(Nir of, int k) {
    SplittableRandom r = new SplittableRandom(familySeed(of, k));
    long v = of.numericBody();
    int sex = (int) (v / 1_000_000_000_000L);
    int yy = (int) (v / 10_000_000_000L % 100);
    int month = (int) (v / 100_000_000L % 100);
    int place = (int) (v / 1000 % 100_000);
    int order = (int) (v % 1000);
    if (of.corsicaLetter() != 0 || place / 1000 == 99 || place / 1000 >= 97) {
      return world.person(world.abroad, SimWorld.age(r), r);
    }
    SimWorld.Dept d = world.byId.get(place / 1000);
    if (d == null || month < 1 || month > 12) {
      return world.person(world.abroad, SimWorld.age(r), r);
    }
    int commune = place % 1000;
    int year = yy <= 26 ? 2000 + yy : 1900 + yy;
    if (k == 0 && r.nextDouble() < 0.03) { // a twin
      int o = order > 1 ? order - 1 : order + 1;
      int twinSex = r.nextDouble() < 2.0 / 3 ? sex : 3 - sex;
      return SimWorld.nir(twinSex, year, month, d, commune, o, r);
    }
    int y = Math.max(1927, Math.min(2025, year + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(12))));
    int births = d.birthsOf(commune);
    return SimWorld.nir(
        1 + r.nextInt(2), y, 1 + r.nextInt(12), d, commune, 1 + r.nextInt(Math.max(1, births)), r);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** Keeps a robot inside its account's opening hours (8:30-19:30, six days a week). */
  static long workingHours(long t, Account a, SplittableRandom r) {
    long day = (t - START) / DAY;
    long sec = (t - START) % DAY;
    if (day % 7 >= 6 || sec >= 19 * 3600 + 1800) {
      do {
        day++;
      } while (day % 7 >= 6);
      return START + day * DAY + 8 * 3600 + 1800 + r.nextInt(600);
    }
    if (sec < 8 * 3600 + 1800) {
      return START + day * DAY + 8 * 3600 + 1800 + r.nextInt(600);
    }
    return t;
  }

  // ---- the run
  // ------------------------------------------------------------------------------------

  void run() {
    PriorityQueue<Actor> pending = new PriorityQueue<>((a, b) -> Long.compare(a.next, b.next));
    pending.addAll(actors);
    int sc = 0;
    for (day = 0; day < days; day++) {
      long dayStart = START + day * DAY;
      long dayEnd = dayStart + DAY;
      long[] events = dayEvents(day);
      int e = 0;
      while (true) {
        long te = e < events.length ? dayStart + (events[e] >>> 32) / 1000 : Long.MAX_VALUE;
        long ta =
            !pending.isEmpty() && pending.peek().next < dayEnd
                ? pending.peek().next
                : Long.MAX_VALUE;
        long ts =
            sc < scheduled.size() && scheduled.get(sc)[0] < dayEnd
                ? scheduled.get(sc)[0]
                : Long.MAX_VALUE;
        long t = Math.min(te, Math.min(ta, ts));
        if (t == Long.MAX_VALUE) {
          break;
        }
        if (ts == t) {
          scheduledLookup(scheduled.get(sc++));
        } else if (ta == t) {
          Actor a = pending.poll();
          if (a.step()) {
            pending.add(a);
          }
        } else {
          Account a = accounts.get((int) (events[e] & 0xFFFF_FFFFL) >>> 2);
          normalLookup(a, (int) (events[e] & 3), te);
          e++;
        }
      }
    }
  }

  private void scheduledLookup(long[] s) {
    Account a = accounts.get((int) s[1]);
    Account victimOf = accounts.get((int) s[4]);
    Nir victim = resident(victimOf, (int) s[2], false);
    clock = s[0];
    Decision d =
        s[3] == 1
            ? guard.check(a.clients[0], victim, at(s[0]))
            : legitCheck(a, a.clients[0], victim, s[0]);
    if (s[3] == 1) {
      Attacker at =
          attackers.stream()
              .filter(x -> x.kind == AttackKind.DENIAL_OF_CARE)
              .findFirst()
              .orElseThrow();
      at.lookups++;
      totalChecks++;
      count("robot", d);
    } else {
      recordLegit(a, victim, d);
      followUp(a, a.clients[0], victim, d, s[0]); // the carers serve their patients
      if (!d.answerable()) {
        attackers.stream()
            .filter(x -> x.kind == AttackKind.DENIAL_OF_CARE)
            .findFirst()
            .orElseThrow()
            .deniedToPatients++;
      }
    }
  }

  /**
   * The day's lookups of every legitimate account: (ms since midnight) &lt;&lt; 32 | account
   * &lt;&lt; 2 | kind (0 visit, 1 batch of a nursing home or a campaign), sorted.
   */
  private long[] dayEvents(int day) {
    long[] buf = new long[1 << 16];
    int n = 0;
    for (Account a : accounts) {
      SplittableRandom r = a.random;
      int visits = a.visits(day);
      for (int v = 0; v < visits; v++) {
        if (n + 512 > buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[n++] = a.openMillis(r) << 32 | (long) a.index << 2;
      }
      if (a.campaignDay >= 0 && day >= a.campaignDay && day < a.campaignDay + 3 && a.opens(day)) {
        int extra = 150 + r.nextInt(151); // a vaccination campaign: elderly residents
        long start = (9 * 3600L + r.nextInt(3600)) * 1000;
        for (int v = 0; v < extra; v++) {
          if (n + 512 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          buf[n++] =
              (start + (long) (r.nextDouble() * 8 * 3_600_000)) << 32 | (long) a.index << 2 | 1;
        }
      }
    }
    long[] out = Arrays.copyOf(buf, n);
    Arrays.sort(out);
    return out;
  }

  private void normalLookup(Account a, int what, long t) {
    SplittableRandom r = a.random;
    Principal who = a.clients[r.nextInt(a.clients.length)];
    Nir nir;
    if (what == 1) {
      nir = sharedElderly(a, r);
    } else if (a.kind == LegitKind.NEW_ACCOUNT || r.nextDouble() < a.newShare) {
      nir =
          a.kind == LegitKind.LAB || a.kind == LegitKind.HOSPITAL
              ? (r.nextDouble() < 0.7
                  ? sharedResident(a, r)
                  : world.person(
                      a.kind == LegitKind.HOSPITAL && r.nextDouble() < 0.3
                          ? world.national(r)
                          : world.origin(a.mix, r),
                      SimWorld.age(r),
                      r))
              : a.kind == LegitKind.NEW_ACCOUNT && r.nextDouble() < 0.9
                  ? resident(a, (int) (a.pool * r.nextDouble() * r.nextDouble()), false)
                  : world.person(world.origin(a.mix, r), SimWorld.age(r), r);
    } else {
      double u = r.nextDouble();
      nir = resident(a, (int) (a.pool * u * u), false);
    }
    if (r.nextDouble() < 0.02) { // a typo first
      clock = t;
      recordLegit(a, null, guard.check(who, typo(nir.compact(), r), at(t)));
      t += 15;
    }
    if (r.nextDouble() < 0.005) { // a NIR nobody has
      Nir ghost = world.ghost(a.mix.home, SimWorld.age(r), r);
      clock = t;
      recordLegit(a, null, legitCheck(a, who, ghost, t));
      recordLegit(a, null, guard.recordUnknown(who, ghost, at(t)));
      t += 20;
    }
    clock = t;
    Decision d = legitCheck(a, who, nir, t);
    recordLegit(a, nir, d);
    followUp(a, who, nir, d, t);
    if (r.nextDouble() < 0.05) { // checked twice
      recordLegit(a, nir, legitCheck(a, who, nir, t + 5 + r.nextInt(60)));
    }
    if ((a.kind == LegitKind.PHARMACY || a.kind == LegitKind.GP) && r.nextDouble() < 0.04) {
      int relatives = 1 + r.nextInt(familySize(nir)); // some of the family comes along
      for (int k = 0; k < relatives; k++) {
        Nir rel = relative(nir, k);
        Decision dr = legitCheck(a, who, rel, t + 30 + 30 * k);
        recordLegit(a, rel, dr);
        followUp(a, who, rel, dr, t + 30 + 30 * k);
      }
    }
  }

  /**
   * The service reports the care that follows an answered legitimate lookup ({@link
   * EnumerationGuard#followUp}: a dispensing, a claim, a vaccination, an admission) for 90 % of
   * them, a few minutes later; the other 10 % lead to no care the service sees (a rights check, a
   * prescription not dispensed). Drawn from a hash, not from the account's random numbers, so that
   * the rest of the run is the same whether the guard's follow-up signal is on or off. Robots
   * report nothing. With the signal off (the default), the guard ignores the reports.
   */
  private void followUp(Account a, Principal who, Nir nir, Decision d, long t) {
    if (!d.answerable()) {
      return;
    }
    long h = mix(nir.numericBody() * 4 + nir.corsicaLetter() + a.seed * 0x9E3779B97F4A7C15L);
    if (Math.floorMod(h, 100) < 90) {
      followUps++;
      guard.followUp(who, nir, at(t + 60 + Math.floorMod(h >>> 8, 900)));
    }
  }

  private Nir sharedElderly(Account a, SplittableRandom r) {
    int shared = 2000 * byDept.get(a.mix.home.id).size();
    long s = mix(a.mix.home.id * 7_000_003L + r.nextInt(shared) + seed);
    SplittableRandom p = new SplittableRandom(s);
    return world.person(world.origin(a.mix, p), 65 + p.nextInt(35), p);
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

  private void recordLegit(Account a, Nir nir, Decision d) {
    totalChecks++;
    count(a.stolen ? "owner" : "legit", d);
    if (a.stolen) {
      return;
    }
    a.lookups++;
    switch (d.verdict()) {
      case ALLOW -> {}
      case SLOW_DOWN -> {
        a.slowed++;
        for (Reason x : d.reasons()) {
          a.slowReasons.merge(x, 1, Integer::sum);
        }
      }
      default -> {
        if (d.verdict() == Verdict.STEP_UP) {
          a.stepUps++; // after passing one: should not happen
          a.stepUpReasons.merge(Reason.STEP_UP_REQUIRED, 1000, Integer::sum);
        } else {
          if (a.denied == 0) {
            a.firstDenyDay = day;
          }
          a.denied++;
        }
        for (Reason x : d.reasons()) {
          a.denyReasons.merge(x, 1, Integer::sum);
        }
        if (nir != null && d.has(Reason.SHARED_TARGET)) {
          long key = nir.numericBody() * 4 + nir.corsicaLetter();
          patientsDeniedBySharedTarget.add(key);
          if (d.reasons().size() == 1 || (d.reasons().size() == 2 && d.has(Reason.BLOCKED))) {
            patientsDeniedBySharedTargetAlone.add(key);
          }
        }
      }
    }
  }

  private void count(String who, Decision d) {
    long[] c = eventCounts.computeIfAbsent(who + " " + d.verdict(), k -> new long[1]);
    c[0]++;
  }

  // ---- figures ----------------------------------------------------------------------------------

  List<Account> legit() {
    return accounts.stream().filter(a -> !a.stolen).toList();
  }

  long legitDenied() {
    return legit().stream().filter(a -> a.denied > 0).count();
  }

  long legitStoppedOnce() {
    return legit().stream().filter(a -> a.denied > 0 || a.stepUps > 0).count();
  }

  Attacker attacker(AttackKind kind, boolean spread) {
    return attackers.stream()
        .filter(a -> a.kind == kind && (a.spread == spread))
        .findFirst()
        .orElseThrow();
  }

  void print(long ms, Consumer<String> out) {
    out.accept(
        String.format(
            Locale.ROOT,
            "BreachSimulation: seed %d, %d days, %,d legitimate accounts, %,d checks and %,d"
                + " follow-ups reported in %,d ms",
            seed,
            days,
            legit().size(),
            totalChecks,
            followUps,
            ms));
    out.accept(
        "attacker               accounts  lookups  answered(distinct)  first stop"
            + "  worst account  all stopped  reasons");
    for (Attacker at : attackers) {
      int worst = at.worstAccountLookups();
      out.accept(
          String.format(
              Locale.ROOT,
              "%-22s %8d %8d %18d %11s %14s %12s  %s",
              at.label(),
              at.accounts.size(),
              at.lookups,
              at.answered.size(),
              at.firstStopAt == 0 ? "never" : Integer.toString(at.firstStopAt),
              worst == Integer.MAX_VALUE ? "never" : Integer.toString(worst),
              at.lookupsAtAllStopped == 0 ? "never" : Integer.toString(at.lookupsAtAllStopped),
              at.reasonBits == 0
                  ? "[]"
                  : Decision.of(Verdict.DENY, at.reasonBits, java.time.Duration.ZERO).reasons()));
    }
    Attacker doc =
        attackers.stream()
            .filter(x -> x.kind == AttackKind.DENIAL_OF_CARE)
            .findFirst()
            .orElseThrow();
    out.accept("denial of care: victim lookups by their carers refused: " + doc.deniedToPatients);
    EnumMap<LegitKind, long[]> per = new EnumMap<>(LegitKind.class);
    EnumMap<Reason, Integer> deny = new EnumMap<>(Reason.class);
    EnumMap<Reason, Integer> slow = new EnumMap<>(Reason.class);
    EnumMap<Reason, Integer> up = new EnumMap<>(Reason.class);
    for (Account a : legit()) {
      long[] c = per.computeIfAbsent(a.kind, k -> new long[7]);
      c[5] += a.stepUpsAfterWarmup > 0 ? 1 : 0;
      c[6] += a.stepUps;
      a.stepUpReasons.forEach((k, v) -> up.merge(k, v, Integer::sum));
      c[0]++;
      c[1] += a.lookups;
      c[2] += a.denied > 0 ? 1 : 0;
      c[3] += a.slowed > 0 ? 1 : 0;
      c[4] += a.stepUps > 0 ? 1 : 0;
      a.denyReasons.forEach((k, v) -> deny.merge(k, v, Integer::sum));
      a.slowReasons.forEach((k, v) -> slow.merge(k, v, Integer::sum));
    }
    out.accept(
        "legitimate kind   accounts   lookups  ever denied  ever stepped up  from day 3"
            + "  step-ups  ever slowed");
    per.forEach(
        (k, c) ->
            out.accept(
                String.format(
                    Locale.ROOT,
                    "%-16s %9d %9d %12d %16d %11d %9d %12d",
                    k,
                    c[0],
                    c[1],
                    c[2],
                    c[4],
                    c[5],
                    c[6],
                    c[3])));
    out.accept("legitimate step-up reasons " + up);
    out.accept("legitimate step-up reasons from day 3 " + stepUpReasonsAfterWarmup);
    out.accept(
        String.format(
            Locale.ROOT,
            "legitimate: %d of %d ever denied (%.3f %%), reasons %s; slowed reasons %s",
            legitDenied(),
            legit().size(),
            100.0 * legitDenied() / legit().size(),
            deny,
            slow));
    out.accept(
        "patients denied with SHARED_TARGET: "
            + patientsDeniedBySharedTarget.size()
            + ", by SHARED_TARGET alone: "
            + patientsDeniedBySharedTargetAlone.size()
            + "; patients whose carer was asked to step up by SHARED_TARGET: "
            + patientsSteppedUpBySharedTarget.size());
  }
}
