package io.github.nirguard.guard;

import io.github.nirguard.guard.Step.Kind;
import java.util.function.BiConsumer;

/**
 * The tenant-wide signals, run by the store on the tenant's own record (a {@link GuardRecord} under
 * the tenant's key) for each NIR new to its account, and for each step-up of a principal in its
 * cold start:
 *
 * <ul>
 *   <li>{@link Reason#TENANT_NEW_PATIENTS}: NIRs new to their account looked up by the tenant's
 *       principals today (UTC), against {@code max(cold, growth × learned)}; {@code learned} is the
 *       decaying peak of the daily count of new NIRs looked up by <em>established</em> principals
 *       (on which a human stepped up at least once), growing at most fourfold a day, so that a
 *       robot's fresh clients never raise the tenant's norm. Over it, every principal that is not
 *       verified is asked to step up at its next new NIR, for the rest of the day.
 *   <li>{@link Reason#COLD_START_SWARM}: principals in their cold start (no human ever stepped up
 *       on them) that began on new NIRs today, against {@code max(cold, growth × learned)}; {@code
 *       learned} is the peak of the daily count of such principals on which a human then stepped
 *       up, halved at each new day (the guard's own cold start, when everyone steps up, is
 *       forgotten within days) (new workstations, new accounts). Over it, the tenant's alarm is
 *       raised for {@code alarmFor}: every principal of the tenant in its cold start is asked to
 *       step up at its next new NIR. Only a human's step-up raises {@code learned}, so it is not
 *       capped; on the tenant's first day (the guard's own cold start, when every principal is in
 *       its cold start) the count is only learned from.
 * </ul>
 *
 * <p>Both answer STEP_UP, never DENY: a tenant's legitimate peak (a vaccination campaign, a wave of
 * new workstations) costs each unverified professional a card insertion.
 */
final class TenantWide implements BiConsumer<GuardRecord, Step> {
  private static final long DAY = 86_400;

  private final int newCold;
  private final double newGrowth;
  private final int swarmCold;
  private final double swarmGrowth;
  private final long alarmSeconds;

  TenantWide(GuardSettings s) {
    this(
        s.values().tenantNewPatients,
        s.values().tenantGrowth,
        s.values().coldStartSwarm,
        s.values().swarmGrowth,
        s.values().swarmAlarmFor.getSeconds());
  }

  private TenantWide(
      int newCold, double newGrowth, int swarmCold, double swarmGrowth, long alarmSeconds) {
    this.newCold = newCold;
    this.newGrowth = newGrowth;
    this.swarmCold = swarmCold;
    this.swarmGrowth = swarmGrowth;
    this.alarmSeconds = alarmSeconds;
  }

  /**
   * The global budget ({@link Reason#GLOBAL_NEW_PATIENTS}): the same count of new NIRs, over every
   * tenant, in one record; no cold-start swarm.
   */
  static TenantWide global(GuardSettings s) {
    SettingsValues v = s.values();
    return new TenantWide(v.globalNewPatients, v.globalGrowth, 0, 2.0, 1);
  }

  /**
   * The tenant's coverage per department of birth ({@link Reason#TENANT_COVERAGE}): the same count
   * of new NIRs, in one record per tenant and department bucket; no cold-start swarm.
   */
  static TenantWide coverage(GuardSettings s) {
    SettingsValues v = s.values();
    return new TenantWide(v.tenantCoverage, v.coverageGrowth, 0, 2.0, 1);
  }

  /** Whether both tenant-wide signals are off. */
  boolean isOff() {
    return newCold == 0 && swarmCold == 0;
  }

  @Override
  public void accept(GuardRecord r, Step s) {
    long now = Math.max(s.now, r.lastSeen);
    r.lastSeen = now;
    int day = (int) (now / DAY);
    if (day != r.novelDay) {
      rollNew(r, day);
    }
    if (day != r.swarmDay) {
      rollSwarm(r, day);
    }
    if (s.kind == Kind.STEP_UP) {
      r.swarmHumans++;
      return;
    }
    r.checks++;
    if (r.tenantSince == 0) {
      r.tenantSince = day + 1;
    }
    r.novelToday++;
    if (!s.cold) {
      r.vouchedToday++;
    } else if (s.firstToday) {
      r.swarmToday++;
    }
    s.tenantOver = newCold > 0 && r.novelToday > allowance(newCold, newGrowth, r.learnedNovel);
    // on the tenant's first day every principal is in its cold start (the guard's own): it learns
    if (swarmCold > 0
        && day >= r.tenantSince
        && r.swarmToday > allowance(swarmCold, swarmGrowth, r.swarmLearned)) {
      r.swarmUntil = Math.max(r.swarmUntil, now + alarmSeconds);
    }
    s.swarm = r.swarmUntil > now;
  }

  private static int allowance(int cold, double growth, int learned) {
    return (int) Math.max(cold, Math.min(1 << 30, growth * learned));
  }

  private void rollNew(GuardRecord r, int day) {
    int learned = r.learnedNovel;
    int cap = 4 * Math.max(newCold, learned);
    r.learnedNovel = Math.max(learned - learned / 8, Math.min(r.vouchedToday, cap));
    r.novelToday = 0;
    r.vouchedToday = 0;
    r.novelDay = day;
  }

  private void rollSwarm(GuardRecord r, int day) {
    int learned = r.swarmLearned;
    r.swarmLearned = Math.max(learned / 2, r.swarmHumans);
    r.swarmToday = 0;
    r.swarmHumans = 0;
    r.swarmDay = day;
  }

  @Override
  public String toString() {
    return "TenantWide[" + newCold + ", " + swarmCold + "]";
  }
}
