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
    record(r, s, account, now);
    evaluate(r, s, now);
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
    if (!today) {
      RateWindow.addAll(r.rate, now);
      breadth.add(r, s.nir.dept, isNew && s.unusual);
    }
  }

  /** Reads every signal off the record into the step's level and reasons. */
  private void evaluate(GuardRecord r, Step s, long now) {
    for (Signal signal : SIGNALS) {
      Limit limit = limits[signal.ordinal()];
      if (!limit.isOff()) { // an idle rate window is left as it is
        s.raise(signal.reason, limit.level(signal.count(r, now, failures)));
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
