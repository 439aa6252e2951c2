package io.github.nirguard.guard;

import io.github.nirguard.guard.KnownPatients.Sighting;
import io.github.nirguard.guard.Step.Kind;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What a step does to a principal's record, run by the store under its lock for the record (of an
 * account or of a client): record the evidence, then read every {@link Signal} off the record.
 * Stateless between calls (the settings only); re-runnable on a fresh copy of the record.
 */
final class Mutation implements BiConsumer<GuardRecord, Step> {
  private static final long DAY = 86_400;
  private static final Signal[] SIGNALS = Signal.values();

  private final Limit[] limits = new Limit[SIGNALS.length];
  private final int knownSlots;
  private final long blockSeconds;
  private final FailedLookups failures;
  private final BreadthWindow breadth;
  private final RecentNirs recent;
  private final Novelty novelty;
  private final long stepUpSeconds;
  private final long clientStepUpSeconds;
  private final long verifiedSeconds;
  private final boolean breadthStepsUp;
  private final FollowUps followUps;

  Mutation(GuardSettings s) {
    for (Signal signal : SIGNALS) {
      limits[signal.ordinal()] = signal.limit(s);
    }
    this.knownSlots = s.knownPatients();
    this.blockSeconds = s.blockFor().getSeconds();
    this.failures = new FailedLookups(s.failureWindow());
    this.breadth = new BreadthWindow(s.breadthWindow());
    this.recent =
        new RecentNirs(
            s.sequentialGap(),
            s.breadthWindow(),
            new Baseline(s.unusualPermille(), s.minHistory()));
    SettingsValues v = s.values();
    this.novelty = new Novelty(v.newPatients);
    this.stepUpSeconds = v.stepUps.account().getSeconds();
    this.clientStepUpSeconds = v.stepUps.client().getSeconds();
    this.verifiedSeconds = v.stepUps.verified().getSeconds();
    this.breadthStepsUp = v.breadthStepsUp;
    this.followUps = new FollowUps(v.unfollowedLookups, v.followUpWithin.getSeconds());
  }

  /** Whether the follow-up signal is on (else a reported follow-up changes nothing). */
  boolean followsUp() {
    return !followUps.isOff();
  }

  @Override
  public void accept(GuardRecord r, Step s) {
    s.clearOutcome();
    boolean account = !s.clientLevel;
    if (account) {
      r.ensureKnownSlots(knownSlots);
    }
    if (s.kind == Kind.RELEASE) {
      r.blockedUntil = 0;
      r.blockReasons = 0;
      r.clearEvidence();
      if (account) {
        StepUps.clear(r);
      }
      return;
    }
    long now = Math.max(s.now, r.lastSeen);
    if (s.kind == Kind.SNAPSHOT) {
      s.snapshot = snapshot(r, now);
      return;
    }
    if (s.kind == Kind.BLOCK) {
      r.blockedUntil = Math.max(r.blockedUntil, now + blockSeconds);
      r.blockReasons = s.blockBits;
      r.clearEvidence();
      s.blockedUntil = r.blockedUntil;
      return;
    }
    if (s.kind == Kind.REQUIRE) {
      StepUps.require(r, s.clientTag, now + clientStepUpSeconds, now);
      s.stepUpUntil = StepUps.requiredUntil(r, s.clientTag);
      return;
    }
    if (s.kind == Kind.FOLLOW_UP) {
      s.found = FollowUps.followed(r, s.nir.fingerprint);
      return;
    }
    if (s.kind == Kind.STEP_UP) {
      s.cold = r.humanDay < 0;
      r.settled = 0; // a human vouched for the lookups so far: unfollowed ones count from here
      if (account) {
        StepUps.verify(r, s.clientTag, now + verifiedSeconds, now);
      }
      novelty.human(r, now, account);
      return;
    }
    if (s.kind != Kind.UNKNOWN) {
      r.checks++;
    }
    r.lastSeen = now;
    if (account && r.blockedUntil > now) {
      s.level = 2;
      s.bits = Reason.BLOCKED.bit() | r.blockReasons;
      s.blockedUntil = r.blockedUntil;
      s.now = now;
      return;
    }
    if (account && s.kind == Kind.LOOKUP && pending(r, s, now)) {
      return;
    }
    record(r, s, account, now);
    evaluate(r, s, now);
    if (account && s.stepUp && s.level < 2) {
      // too many new NIRs for the account: every client not verified must step up
      r.stepUpUntil = now + stepUpSeconds;
      r.stepUpReasons = s.bits;
      StepUps.require(r, s.clientTag, now + clientStepUpSeconds, now);
      s.stepUpUntil = Math.max(r.stepUpUntil, now + clientStepUpSeconds);
    }
    if (s.level == 2 && blockSeconds > 0) {
      r.clearEvidence();
      if (account) {
        r.blockedUntil = now + blockSeconds;
        r.blockReasons = s.bits;
        s.blockedUntil = r.blockedUntil;
      }
    }
    s.now = now;
  }

  /**
   * Whether a step-up is pending for the step's client (its own, or the account's while the client
   * is not verified): then nothing is recorded, and the client's requirement is renewed.
   */
  private boolean pending(GuardRecord r, Step s, long now) {
    int state = StepUps.state(r, s.clientTag, now);
    s.verified = state > 0;
    if (s.verified || (state == 0 && r.stepUpUntil <= now)) {
      return false;
    }
    long until = now + clientStepUpSeconds;
    StepUps.require(r, s.clientTag, until, now);
    s.stepUp = true;
    s.pending = true;
    s.bits = Reason.STEP_UP_REQUIRED.bit() | r.stepUpReasons;
    s.stepUpUntil = Math.max(until, r.stepUpUntil);
    s.now = now;
    return true;
  }

  /** Records the evidence of a LOOKUP, INVALID or UNKNOWN step. */
  private void record(GuardRecord r, Step s, boolean account, long now) {
    switch (s.kind) {
      case LOOKUP -> {
        if (account) {
          lookupByAccount(r, s, now);
        } else {
          FailedLookups.succeeded(r);
          if (!s.accountToday) {
            RateWindow.addAll(r.rate, now);
            breadth.add(r, s.nir.dept, s.accountNew && s.unusual);
          }
          if (s.accountNew) {
            recent.push(r, s, false);
            newPatient(r, s, false, now);
          }
        }
      }
      case INVALID -> FailedLookups.failed(r);
      case UNKNOWN -> {
        FailedLookups.laterFailed(r);
        if (account) {
          // an unknown NIR is no patient: forget it as known, and keep it out of the baseline
          KnownPatients.forget(r.known, s.nir.fingerprint);
          recent.markUnknown(r, s.nir);
        }
      }
      default -> throw new IllegalStateException("not an evidence step: " + s.kind);
    }
  }

  /**
   * A lookup at the account level: tells the client level whether the NIR is new to the account and
   * whether the account saw it today (a NIR counts once a day).
   */
  private void lookupByAccount(GuardRecord r, Step s, long now) {
    FailedLookups.succeeded(r);
    Sighting seen = KnownPatients.see(r.known, s.nir.fingerprint, (now / DAY) & 0xFFFF);
    boolean today = seen == Sighting.TODAY;
    boolean isNew = seen == Sighting.NEW && recent.push(r, s, true);
    s.accountToday = today;
    s.accountNew = isNew;
    if (isNew) {
      newPatient(r, s, true, now);
    }
    if (!today) {
      RateWindow.addAll(r.rate, now);
      breadth.add(r, s.nir.dept, isNew && s.unusual);
    }
  }

  /** Counts a NIR new to the account against the principal's allowance. */
  private void newPatient(GuardRecord r, Step s, boolean account, long now) {
    if (novelty.count(r, now, account, s.verified)) {
      s.stepUp = true;
      s.bits |= Reason.NEW_PATIENTS.bit();
    }
    if (!followUps.isOff()) {
      int level = followUps.lookedUp(r, s.nir.fingerprint, now);
      if (level == 1 && !s.verified) {
        s.stepUp = true; // a human can vouch for the patients; a robot cannot
        s.bits |= Reason.UNFOLLOWED_LOOKUPS.bit();
      } else {
        s.raise(Reason.UNFOLLOWED_LOOKUPS, level); // verified: slowed, then denied
      }
    }
    // for the tenant: the finest principal's state (the client's step comes after the account's)
    s.cold = r.humanDay < 0;
    s.firstToday = r.novelToday == 1;
  }

  /** Reads every signal off the record into the step's level and reasons. */
  private void evaluate(GuardRecord r, Step s, long now) {
    for (Signal signal : SIGNALS) {
      Limit limit = limits[signal.ordinal()];
      if (!limit.isOff()) { // an idle rate window is left as it is
        int level = limit.level(signal.count(r, now, failures));
        // unlike this principal's patients: a human can vouch for them, a robot cannot; without a
        // client, a step-up vouches for whoever uses the account: a verified account is denied
        if (level == 2 && breadthStepsUp && signal.breadth && (!s.verified || s.clientTag != 0)) {
          if (s.verified) {
            level = 1; // a verified client is slowed
          } else {
            s.stepUp = true;
            s.bits |= signal.reason.bit();
            continue;
          }
        }
        s.raise(signal.reason, level);
      }
    }
  }

  private PrincipalSnapshot snapshot(GuardRecord r, long now) {
    return new PrincipalSnapshot(
        r.checks,
        r.failures,
        RateWindow.MINUTE.count(r.rate, now),
        RateWindow.HOUR.count(r.rate, now),
        RateWindow.DAY.count(r.rate, now),
        failures.count(r),
        r.chained,
        r.spread,
        r.unusual,
        r.histTotal,
        r.blockedUntil > now ? Instant.ofEpochSecond(r.blockedUntil) : null,
        r.blockedUntil > now ? r.blockReasons : 0);
  }

  @Override
  public String toString() {
    return "Mutation[" + knownSlots + " known slots]";
  }
}
