package io.github.nirguard.guard;

import io.github.nirguard.guard.Step.Kind;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Runs one check's steps through the store and turns them into a {@link Decision}: the account's
 * record, the tenant-wide counts ({@link CrowdWalk}, {@link SharedTarget}) for a NIR new to the
 * account, the client's record (a DENY there blocks the account), and a step-up requirement
 * recorded for the client when a signal asked for one. DENY outranks STEP_UP, which outranks
 * SLOW_DOWN.
 */
final class Decider {
  private static final System.Logger LOG = System.getLogger(EnumerationGuard.class.getName());

  private final GuardStore store;
  private final GuardSettings settings;
  private final Mutation mutation;
  private final SharedTarget sharedTarget;
  private final CrowdWalk crowdWalk;
  private final long blockSeconds;
  private final TenantWide tenantWide;
  private final Limit fingerprint;
  private final long fingerprintWindow;
  private final TenantWide global;
  private final long globalKey;
  private final TenantWide coverage;

  Decider(
      GuardStore store,
      GuardSettings settings,
      Mutation mutation,
      TenantWide tenantWide,
      TenantWide global,
      long globalKey) {
    this.store = store;
    this.global = global;
    this.globalKey = globalKey;
    this.settings = settings;
    this.mutation = mutation;
    this.tenantWide = tenantWide;
    this.coverage = TenantWide.coverage(settings);
    this.fingerprint = settings.values().sharedFingerprint;
    this.fingerprintWindow = settings.values().fingerprintWindow.getSeconds();
    this.sharedTarget =
        new SharedTarget(settings.sharedTarget(), settings.sharedTargetWindow().getSeconds());
    this.crowdWalk =
        new CrowdWalk(settings.values().crowdWalk, settings.values().crowdWindow.getSeconds());
    this.blockSeconds = settings.blockFor().getSeconds();
  }

  Decision decide(Principal p, Step s) {
    Kind kind = s.kind;
    s.clientTag = p.hasClient ? StepUps.tag(p.client) : 0;
    long now;
    int level;
    int bits;
    long blockedUntil;
    boolean stepUp;
    boolean require = false;
    long stepUpUntil;
    try {
      store.update(p.account, true, s, mutation);
      level = s.level;
      bits = s.bits;
      blockedUntil = s.blockedUntil;
      now = s.now;
      stepUp = s.stepUp;
      stepUpUntil = s.stepUpUntil;
      boolean pending = s.pending;
      boolean verified = s.verified;
      if (kind == Kind.LOOKUP && level < 2 && !pending && s.accountNew) {
        // tenant-wide: walks spread over principals, and one NIR queried by many accounts; a NIR
        // the account already knows (a returning patient) is never judged by either
        int crowdLevel = crowdWalk.touch(store, s.nir, now);
        if (crowdLevel > 0) {
          bits |= Reason.CROWD_WALK.bit();
          if (crowdLevel == 2 && !verified) {
            stepUp = true;
            require = true;
          } else {
            level = Math.max(level, 1);
          }
        }
        int shared =
            sharedTarget.isOff() ? 0 : sharedTarget.touch(store, s.nir.fingerprint, p.account, now);
        if (shared > 0) {
          bits |= Reason.SHARED_TARGET.bit();
          if (shared == 2 && !verified) {
            stepUp = true; // bounded: a step-up of this client, never a denial, never a block
            require = true;
          } else {
            level = Math.max(level, 1);
          }
        }
      }
      if (p.hasClient && level < 2 && !pending) {
        s.clientLevel = true;
        s.now = now;
        store.update(p.client, true, s, mutation);
        if (s.level > 0 || s.stepUp) {
          bits |= s.bits;
          level = Math.max(level, s.level);
        }
        if (s.stepUp) {
          stepUp = true;
          require = true;
        }
        if (s.level == 2 && blockSeconds > 0) {
          // a robot on one client means the account's credentials are compromised
          s.kind = Kind.BLOCK;
          s.clientLevel = false;
          s.blockBits = s.bits;
          store.update(p.account, true, s, mutation);
          blockedUntil = s.blockedUntil;
        }
      }
      if (kind == Kind.LOOKUP && level < 2 && !pending && s.accountNew) {
        int across = acrossAccounts(p, s, now, verified);
        if (across != 0) {
          bits |= across;
          stepUp = true;
          require = true;
        }
        if (s.level == 1) { // a fingerprint at its slow-down level
          bits |= Reason.SHARED_FINGERPRINT.bit();
          level = Math.max(level, 1);
        }
      }
      if (require && level < 2) {
        // the client stays asked until it steps up (scoped: the account's other clients go on)
        s.kind = Kind.REQUIRE;
        s.clientLevel = false;
        store.update(p.account, true, s, mutation);
        stepUpUntil = Math.max(stepUpUntil, s.stepUpUntil);
      }
    } catch (RuntimeException e) {
      return storeFailure(e);
    }
    Duration slowDelay = settings.slowDownDelay();
    if (level == 2) {
      long wait = blockedUntil - now;
      return Decision.of(Verdict.DENY, bits, wait > 0 ? Duration.ofSeconds(wait) : slowDelay);
    }
    if (stepUp) {
      long wait = stepUpUntil - now;
      return Decision.of(Verdict.STEP_UP, bits, wait > 0 ? Duration.ofSeconds(wait) : slowDelay);
    }
    if (level == 1) {
      return Decision.of(Verdict.SLOW_DOWN, bits, slowDelay);
    }
    return Decision.allow();
  }

  /**
   * The signals across a tenant's accounts, for a NIR new to its account: the client fingerprint
   * shared by many accounts, the tenant's new NIRs against its history, and its cold-start alarm.
   * Returns the reasons that ask for a step-up (never for a verified client); sets {@code s.level}
   * to 1 for a fingerprint at its slow-down level.
   */
  private int acrossAccounts(Principal p, Step s, long now, boolean verified) {
    int bits = 0;
    boolean cold = s.cold;
    s.level = 0;
    if (p.device != 0 && !fingerprint.isOff()) {
      int level =
          fingerprint.level(
              store.touchTarget(p.device, SharedTarget.tag(p.account), now, fingerprintWindow));
      if (level == 2 && !verified) {
        bits |= Reason.SHARED_FINGERPRINT.bit();
      } else if (level == 1 && !verified) {
        s.level = 1;
      }
    }
    int slow = s.level;
    if (!tenantWide.isOff()) {
      s.now = now;
      s.cold = cold;
      store.update(p.tenant, true, s, tenantWide);
      if (!verified && s.tenantOver) {
        bits |= Reason.TENANT_NEW_PATIENTS.bit();
      }
      if (!verified && cold && s.swarm) {
        bits |= Reason.COLD_START_SWARM.bit();
      }
    }
    if (!global.isOff()) {
      // every tenant together: the global budget, in its own record
      s.now = now;
      s.cold = cold;
      store.update(globalKey, true, s, global);
      if (!verified && s.tenantOver) {
        bits |= Reason.GLOBAL_NEW_PATIENTS.bit();
      }
    }
    if (!coverage.isOff()) {
      // the tenant's coverage of the NIR's department of birth, in its own record
      s.now = now;
      s.cold = cold;
      store.update(coverageKey(p.tenant, s.nir.dept), true, s, coverage);
      if (!verified && s.tenantOver) {
        bits |= Reason.TENANT_COVERAGE.bit();
      }
    }
    s.level = slow;
    return bits;
  }

  /**
   * The key of a tenant's record for one department bucket: derived from the tenant's keyed key
   * (unpredictable without the guard's key, like it) by a bijective mix, so that it differs from
   * the tenant's own key and from every account's or client's but by chance.
   */
  static long coverageKey(long tenant, int dept) {
    long z = tenant + 0x434f5645_52000000L + dept * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private Decision storeFailure(RuntimeException e) {
    boolean failOpen = settings.failOpen();
    // the exception's message may come from a remote store: log its class only
    LOG.log(
        Level.WARNING,
        "nirguard guard store failed ({0}); {1}",
        e.getClass().getName(),
        failOpen ? "failing open" : "failing closed");
    return failOpen
        ? Decision.of(Verdict.ALLOW, Reason.STORE_UNAVAILABLE.bit(), Duration.ZERO)
        : Decision.of(Verdict.DENY, Reason.STORE_UNAVAILABLE.bit(), settings.slowDownDelay());
  }

  @Override
  public String toString() {
    return "Decider[" + store + "]";
  }
}
