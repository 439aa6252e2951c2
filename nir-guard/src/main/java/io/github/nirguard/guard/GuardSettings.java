package io.github.nirguard.guard;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The thresholds of an {@link EnumerationGuard}: immutable, every value with a documented default
 * ({@link #defaults()}), each {@code with…} method returning a changed copy; {@link #toString()}
 * lists the values.
 *
 * <p>A range that a single value must respect is checked by its {@code with…} method; whether a
 * limit fits its window ({@code wideSpread} and {@code breadthWindow}, for instance) is checked by
 * {@link GuardBuilder#build()}, so the order of the calls does not matter.
 *
 * <pre>{@code
 * GuardSettings settings = GuardSettings.defaults()
 *     .withDistinctPerHour(Limit.of(150, 400))
 *     .withSequential(Limit.of(2, 4))
 *     .withBlockFor(Duration.ofHours(24));
 * EnumerationGuard guard = EnumerationGuard.builder().keys(ring, "guard").settings(settings).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GuardSettings extends SettingsAccessors {
  static final int MAX_BREADTH_WINDOW = 56;
  private static final GuardSettings DEFAULTS = new GuardSettings(new SettingsValues());

  private GuardSettings(SettingsValues v) {
    super(v);
  }

  /** A copy with one change; the change validates its argument and may throw. */
  private GuardSettings with(Consumer<SettingsValues> change) {
    SettingsValues copy = values().copy();
    change.accept(copy);
    return new GuardSettings(copy);
  }

  /**
   * Returns the defaults, each listed on its {@code with…} method; set on the simulation of {@code
   * docs/guard.md}, with margin on the false-positive side.
   *
   * @return the default settings
   */
  public static GuardSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Sets the limit on distinct NIRs per sliding minute ({@link Reason#RATE_MINUTE}). Default {@code
   * Limit.of(12, 30)}: a counter rarely serves more than one patient a minute, a batch of
   * prescriptions a dozen.
   *
   * @param limit the limit
   * @return the changed copy
   */
  public GuardSettings withDistinctPerMinute(Limit limit) {
    return with(d -> d.distinctPerMinute = SettingsValues.limit(limit));
  }

  /**
   * Sets the limit on distinct NIRs per sliding hour ({@link Reason#RATE_HOUR}). Default {@code
   * Limit.of(150, 400)}.
   *
   * @param limit the limit
   * @return the changed copy
   */
  public GuardSettings withDistinctPerHour(Limit limit) {
    return with(d -> d.distinctPerHour = SettingsValues.limit(limit));
  }

  /**
   * Sets the limit on distinct NIRs per sliding 24 hours ({@link Reason#RATE_DAY}). Default {@code
   * Limit.of(600, 1500)}: a busy pharmacy sees a few hundred patients a day.
   *
   * @param limit the limit
   * @return the changed copy
   */
  public GuardSettings withDistinctPerDay(Limit limit) {
    return with(d -> d.distinctPerDay = SettingsValues.limit(limit));
  }

  /**
   * Sets the limit on chained new NIRs among the last 64 ({@link Reason#SEQUENTIAL}): a new NIR is
   * chained when an earlier one has the same sex, year, month and place of birth and an order
   * number at most {@link #sequentialGap()} away. Default {@code Limit.of(3, 5)}: twins make one
   * chain, a walker one per lookup.
   *
   * @param limit the limit, deny at most 64
   * @return the changed copy
   */
  public GuardSettings withSequential(Limit limit) {
    return with(d -> d.sequential = SettingsValues.limit(limit));
  }

  /**
   * Sets how far apart two order numbers may be and still chain. Default 8 (a walker skipping
   * unassigned numbers).
   *
   * @param gap from 1 to 998
   * @return the changed copy
   */
  public GuardSettings withSequentialGap(int gap) {
    return with(d -> d.sequentialGap = SettingsValues.range(gap, 1, 998, "sequentialGap"));
  }

  /**
   * Sets the limit on how many of the last 64 new NIRs share the birth group (sex, year, month,
   * place) of the newest one ({@link Reason#SAME_BIRTH_GROUP}). Default {@code Limit.of(4, 6)}.
   *
   * @param limit the limit, deny at most 64
   * @return the changed copy
   */
  public GuardSettings withSameBirthGroup(Limit limit) {
    return with(d -> d.sameBirthGroup = SettingsValues.limit(limit));
  }

  /**
   * Sets how many of the latest distinct lookups (new and returning patients; a NIR counts once a
   * day) the breadth signals look at. Default 48.
   *
   * @param window from 8 to 56
   * @return the changed copy
   */
  public GuardSettings withBreadthWindow(int window) {
    return with(
        d ->
            d.breadthWindow = SettingsValues.range(window, 8, MAX_BREADTH_WINDOW, "breadthWindow"));
  }

  /**
   * Sets the limit on the spread of the breadth window ({@link Reason#WIDE_SPREAD}): the number of
   * distinct departments of birth minus the number of lookups in the most common one. Works from
   * the first lookup, without history. Default {@code Limit.of(20, 25)} of 48: a practice's
   * patients pile up in a home department and come back, a robot's are spread over the country.
   *
   * @param limit the limit, deny at most the breadth window
   * @return the changed copy
   */
  public GuardSettings withWideSpread(Limit limit) {
    return with(d -> d.wideSpread = SettingsValues.limit(limit));
  }

  /**
   * Sets the limit on off-profile NIRs among the breadth window ({@link Reason#OFF_PROFILE}): a new
   * NIR (never a returning patient) is off-profile when its department or decade of birth makes up
   * less than {@link #unusualShare()} of the account's learned patients. Default {@code
   * Limit.of(22, 29)} of 48.
   *
   * @param limit the limit, deny at most the breadth window
   * @return the changed copy
   */
  public GuardSettings withOffProfile(Limit limit) {
    return with(d -> d.offProfile = SettingsValues.limit(limit));
  }

  /**
   * Sets the share below which a department or decade is unusual for a principal. Default 0.015
   * (1.5 %).
   *
   * @param share greater than 0, at most 0.5
   * @return the changed copy
   */
  public GuardSettings withUnusualShare(double share) {
    return with(d -> d.unusualShare = SettingsValues.share(share));
  }

  /**
   * Sets how many new patients the guard must have learned of an account before {@link
   * Reason#OFF_PROFILE} applies. A NIR is learned once it has left the breadth window, so a robot's
   * lookups cannot make themselves look usual. Default 30.
   *
   * @param newPatients at least 1
   * @return the changed copy
   */
  public GuardSettings withMinHistory(int newPatients) {
    return with(d -> d.minHistory = SettingsValues.minHistory(newPatients));
  }

  /**
   * Sets over how many of the latest lookups failures are counted. Default 32.
   *
   * @param lookups from 8 to 64
   * @return the changed copy
   */
  public GuardSettings withFailureWindow(int lookups) {
    return with(d -> d.failureWindow = SettingsValues.range(lookups, 8, 64, "failureWindow"));
  }

  /**
   * Sets the limit on failed lookups (invalid text, unknown NIR) in the failure window ({@link
   * Reason#FAILED_LOOKUPS}). Default {@code Limit.of(8, 12)} of 32: people make a typo in one
   * lookup of fifty; a robot guessing NIRs fails most of the time.
   *
   * @param limit the limit, deny at most the failure window
   * @return the changed copy
   */
  public GuardSettings withFailedLookups(Limit limit) {
    return with(d -> d.failedLookups = SettingsValues.limit(limit));
  }

  /**
   * Sets the limit on distinct principals querying one NIR within the shared-target window ({@link
   * Reason#SHARED_TARGET}); this denies the lookup, not the principal. Default {@code Limit.of(5,
   * 8)}: a patient meets a pharmacist, a doctor and a laboratory, not eight accounts a day.
   *
   * @param limit the limit (at most 8 with the in-memory store)
   * @return the changed copy
   */
  public GuardSettings withSharedTarget(Limit limit) {
    return with(d -> d.sharedTarget = SettingsValues.limit(limit));
  }

  /**
   * Sets the shared-target window. Default 24 hours.
   *
   * @param window positive, whole seconds
   * @return the changed copy
   */
  public GuardSettings withSharedTargetWindow(Duration window) {
    return with(d -> d.sharedTargetWindow = SettingsValues.atLeastASecond(window));
  }

  /**
   * Sets how long a principal stays blocked after a DENY from a principal signal. Default 24 hours;
   * zero makes denials non-sticky.
   *
   * @param duration from zero to 366 days
   * @return the changed copy
   */
  public GuardSettings withBlockFor(Duration duration) {
    return with(
        d ->
            d.blockFor =
                SettingsValues.upTo(duration, Duration.ofDays(366), "blockFor", "366 days"));
  }

  /**
   * Sets the delay suggested with SLOW_DOWN. Default 3 seconds.
   *
   * @param delay from zero to one hour
   * @return the changed copy
   */
  public GuardSettings withSlowDownDelay(Duration delay) {
    return with(
        d ->
            d.slowDownDelay =
                SettingsValues.upTo(delay, Duration.ofHours(1), "slowDownDelay", "1 hour"));
  }

  /**
   * Sets what the guard answers when its store fails: DENY (default, fail closed) or ALLOW ({@code
   * true}), both with {@link Reason#STORE_UNAVAILABLE}.
   *
   * @param failOpen whether to allow when the store fails
   * @return the changed copy
   */
  public GuardSettings withFailOpen(boolean failOpen) {
    return with(d -> d.failOpen = failOpen);
  }

  /**
   * Sets how many recently seen NIRs each principal remembers, to tell a returning patient from a
   * new one and to count a NIR once a day. Default 512 (4 KB per account; a pharmacy's new patients
   * of about two weeks).
   *
   * @param slots a power of two from 64 to 65,536
   * @return the changed copy
   */
  public GuardSettings withKnownPatients(int slots) {
    return with(d -> d.knownPatients = SettingsValues.slots(slots));
  }

  /**
   * Sets the walk signals of one principal's last 64 new NIRs: how many share the newest one's
   * birth year, month and department ({@link Reason#SAME_BIRTH_PERIOD}, a commune or sex walk;
   * default {@code Limit.of(5, 8)}), and how many continue an earlier one born in the same commune,
   * of the same sex, one month apart ({@link Reason#BIRTHDATE_WALK}; default {@code Limit.of(5,
   * 9)}). Counts, not adjacency: gaps and shuffling do not hide a walk.
   *
   * @param samePeriod the limit of {@link Reason#SAME_BIRTH_PERIOD}
   * @param birthdateWalk the limit of {@link Reason#BIRTHDATE_WALK}
   * @return the changed copy
   */
  public GuardSettings withBirthWalks(Limit samePeriod, Limit birthdateWalk) {
    return with(
        d -> {
          d.sameBirthPeriod = SettingsValues.limit(samePeriod);
          d.birthdateWalk = SettingsValues.limit(birthdateWalk);
        });
  }

  /**
   * Sets the tenant-wide walk signal ({@link Reason#CROWD_WALK}): distinct NIRs new to their
   * principal, counted over every principal of the store, per birth period and department and per
   * birthplace and birth year, within a window. Default {@code Limit.of(6, 8)} within 10 minutes:
   * its slow-down level slows, its deny level asks for a STEP_UP (never a denial: legitimate
   * patients of a walked period must stay reachable). The in-memory store counts up to 8.
   *
   * @param limit the limit (deny at most 8)
   * @param window the window, at least a second
   * @return the changed copy
   */
  public GuardSettings withCrowdWalk(Limit limit, Duration window) {
    return with(
        d -> {
          d.crowdWalk = SettingsValues.limit(limit);
          d.crowdWindow = SettingsValues.positive(window, "crowdWindow");
        });
  }

  /**
   * Sets the allowance of NIRs new to a principal per UTC day ({@link Reason#NEW_PATIENTS},
   * answered with STEP_UP): {@code max(cold, growth × learned)}, where {@code learned} is the
   * largest daily count of a recent day that stayed within its allowance or on which a human
   * stepped up (decaying by an eighth a day, and at most doubling a day). Defaults: 30 for an
   * account, 15 for a client, growth 2. A robot replaying a list never steps up, so its allowance
   * stays at the cold start.
   *
   * @param account the cold-start allowance of an account, 0 for no limit
   * @param client the cold-start allowance of a client, 0 for no limit
   * @param growth the factor over the learned daily count, 1 to 100
   * @return the changed copy
   */
  public GuardSettings withNewPatients(int account, int client, double growth) {
    return with(d -> d.newPatients = d.newPatients.withDaily(account, client, growth));
  }

  /**
   * Sets how many new NIRs a principal on which no human ever stepped up may see in all, as a
   * multiple of its cold-start allowance ({@link Reason#NEW_PATIENTS}): default 1, i.e. 30 for an
   * account and 15 for a client, however slowly they come. A new workstation steps up once in its
   * life; a robot's client that stays under the daily allowance, or waits out a requirement, is
   * stopped all the same.
   *
   * @param times the multiple, 0 for no lifetime limit, at most 1,000
   * @return the changed copy
   */
  public GuardSettings withNewPatientsBeforeStepUp(int times) {
    return with(d -> d.newPatients = d.newPatients.withLifetime(times));
  }

  /**
   * Sets how long a step-up requirement lasts when nobody passes it: on an account (every client
   * not verified must step up; default 24 hours) and on a client that was asked (default 7 days,
   * renewed by each attempt: a human steps up, a robot keeps knocking); and how long a client that
   * stepped up is exempt from {@link Reason#NEW_PATIENTS} and pending requirements (default 12
   * hours).
   *
   * @param account the account's requirement, at least a second
   * @param client a client's requirement, at least a second
   * @param verified the exemption after a step-up, at least a second
   * @return the changed copy
   */
  public GuardSettings withStepUpFor(Duration account, Duration client, Duration verified) {
    return with(d -> d.stepUps = StepUpTimes.of(account, client, verified));
  }

  /**
   * Sets whether the breadth signals ({@link Reason#WIDE_SPREAD}, {@link Reason#OFF_PROFILE}) ask
   * for a STEP_UP at their deny level instead of blocking the account. Default {@code true}: a
   * practitioner whose patients are unlike usual can vouch for them, a robot cannot; a verified
   * client is slowed down instead. The sequence, rate and failure signals always deny.
   *
   * @param stepUp whether breadth asks for a step-up
   * @return the changed copy
   */
  public GuardSettings withBreadthStepsUp(boolean stepUp) {
    return with(d -> d.breadthStepsUp = stepUp);
  }

  /**
   * Sets the tenant's allowance of NIRs new to their accounts per UTC day ({@link
   * Reason#TENANT_NEW_PATIENTS}, answered with STEP_UP): {@code max(cold, growth × learned)}, where
   * {@code learned} is the decaying peak (an eighth a day) of the daily count of new NIRs looked up
   * by the tenant's established principals (on which a human stepped up at least once), growing at
   * most fourfold a day: a robot's fresh clients never raise it. Over it, every principal of the
   * tenant that is not verified is asked to step up at its next new NIR, for the rest of the day.
   * Defaults: cold 2,000, growth 2 — a tenant's legitimate peak (a vaccination campaign) costs its
   * unverified professionals one card insertion each, never a denial.
   *
   * @param cold the allowance of a tenant with no history, 0 for no limit
   * @param growth the factor over the learned daily count, 1 to 100
   * @return the changed copy
   */
  public GuardSettings withTenantNewPatients(int cold, double growth) {
    return with(
        d -> {
          d.tenantNewPatients = SettingsValues.coldAllowance(cold, "tenantNewPatients");
          d.tenantGrowth = SettingsValues.growth(growth, "tenantNewPatients");
        });
  }

  /**
   * Sets the cold-start swarm signal ({@link Reason#COLD_START_SWARM}, answered with STEP_UP): the
   * count, per tenant and UTC day, of principals in their cold start (no human ever stepped up on
   * them: new accounts, new clients) that began looking up new NIRs, against {@code max(cold,
   * growth × learned)}, where {@code learned} is the peak of the daily count of such principals on
   * which a human then stepped up, halved at each new day; on the tenant's first day the count is
   * only learned from (every principal is then in its cold start). Over it, the tenant's alarm is
   * raised for {@code alarmFor}: every principal of the tenant in its cold start is asked to step
   * up at its next new NIR (its cold-start allowance falls to zero); established principals go on.
   * Defaults: cold 20, growth 2, 7 days.
   *
   * @param cold the count allowed a tenant with no history, 0 to turn the signal off
   * @param growth the factor over the learned daily count, 1 to 100
   * @param alarmFor how long the alarm lasts once raised, at least a second
   * @return the changed copy
   */
  public GuardSettings withColdStartSwarm(int cold, double growth, Duration alarmFor) {
    return with(
        d -> {
          d.coldStartSwarm = SettingsValues.coldAllowance(cold, "coldStartSwarm");
          d.swarmGrowth = SettingsValues.growth(growth, "coldStartSwarm");
          d.swarmAlarmFor = SettingsValues.positive(alarmFor, "swarmAlarmFor");
        });
  }

  /**
   * Sets the shared client fingerprint signal ({@link Reason#SHARED_FINGERPRINT}): distinct
   * accounts presenting one client fingerprint ({@link Principal#withClientFingerprint}) within a
   * window, counted for each NIR new to its account. Default {@code Limit.of(6, 8)} within 24
   * hours: at its slow-down level the client is slowed, at its deny level it is asked to step up
   * (and stays asked), never denied; a verified client is exempt (a shared network of a medical
   * centre steps up once). The in-memory store counts up to 8.
   *
   * @param limit the limit (deny at most 8)
   * @param window the window, at least a second
   * @return the changed copy
   */
  public GuardSettings withSharedFingerprint(Limit limit, Duration window) {
    return with(
        d -> {
          d.sharedFingerprint = SettingsValues.limit(limit);
          d.fingerprintWindow = SettingsValues.positive(window, "fingerprintWindow");
        });
  }

  /**
   * Sets the global budget of NIRs new to their accounts per UTC day, over every tenant ({@link
   * Reason#GLOBAL_NEW_PATIENTS}, answered with STEP_UP): {@code max(cold, growth × learned)}, where
   * {@code learned} is the decaying peak (an eighth a day) of the daily count of new NIRs looked up
   * by established principals (on which a human stepped up at least once), growing at most fourfold
   * a day — the tenants' allowance ({@link #withTenantNewPatients}) applied to all of them at once.
   * Over it, every principal that is not verified is asked to step up at its next new NIR, for the
   * rest of the UTC day. Default {@code 0}: off (without tenants, the default tenant already is the
   * global budget). For a service that supplies tenants, a robot spread over many small tenants
   * stays under each one's allowance; this counts them together. One more store update per NIR new
   * to its account, on one record (a hot key on a shared store).
   *
   * @param cold the allowance with no history, 0 to turn the budget off
   * @param growth the factor over the learned daily count, 1 to 100
   * @return the changed copy
   */
  public GuardSettings withGlobalNewPatients(int cold, double growth) {
    return with(
        d -> {
          d.globalNewPatients = SettingsValues.coldAllowance(cold, "globalNewPatients");
          d.globalGrowth = SettingsValues.growth(growth, "globalNewPatients");
        });
  }

  /**
   * Sets the tenant's coverage per department of birth ({@link Reason#TENANT_COVERAGE}, answered
   * with STEP_UP): NIRs new to their accounts looked up today (UTC) by the tenant's principals,
   * counted per department bucket of birth (each mainland or overseas department, Corsica, birth
   * abroad by continent), against {@code max(cold, growth × learned)}, where {@code learned} is the
   * decaying peak (an eighth a day) of that department's daily count of new NIRs looked up by
   * established principals (on which a human stepped up at least once), growing at most fourfold a
   * day. Over it, every unverified client of the tenant meeting a new NIR born in that department
   * is asked to step up, for the rest of the UTC day; other departments, verified clients and
   * returning patients go on. Default {@code 0}: off. It is for a robot that the per-principal
   * allowances do not hold (established or verified clients in its hands) replaying a list one
   * department at a time: that covers the department far beyond the tenant's history there, while
   * the tenant's total ({@link #withTenantNewPatients}) stays within its own. In the simulation
   * (docs/guard.md) every robot is held by its clients' allowances first, and a cold allowance low
   * enough to matter asks hundreds of legitimate accounts to step up: calibrate it in observation
   * mode. One more store update per NIR new to its account, on one record per tenant and department
   * bucket (at most 123 per tenant: count them in {@code maxPrincipals}).
   *
   * @param cold the allowance per department with no history, 0 to turn the signal off
   * @param growth the factor over the learned daily count, 1 to 100
   * @return the changed copy
   */
  public GuardSettings withTenantCoverage(int cold, double growth) {
    return with(
        d -> {
          d.tenantCoverage = SettingsValues.coldAllowance(cold, "tenantCoverage");
          d.coverageGrowth = SettingsValues.growth(growth, "tenantCoverage");
        });
  }

  /**
   * Turns on and sets the follow-up signal ({@link Reason#UNFOLLOWED_LOOKUPS}), for a service that
   * reports the care following its lookups ({@link EnumerationGuard#followUp}): each lookup of a
   * NIR new to the account waits for its follow-up; one not reported within {@code within} counts
   * as unfollowed. The limit is on the unfollowed among the last 16 settled lookups of the
   * principal (account and client): at its slow-down level an unverified principal is asked to step
   * up (the account's clients, when the account's count is over) and a verified one is slowed down;
   * at its deny level the account is denied and blocked, verified or not. Default {@code
   * Limit.off()}: turn it on only if the service reports follow-ups for nearly every lookup that
   * leads to care (otherwise every principal would look like a robot). The simulation used {@code
   * Limit.of(10, 14)} within 2 hours (the default window).
   *
   * @param limit the limit on unfollowed lookups among the last 16 settled (deny at most 16), or
   *     {@code Limit.off()}
   * @param within how long a lookup waits for its follow-up, at least a second
   * @return the changed copy
   */
  public GuardSettings withUnfollowedLookups(Limit limit, Duration within) {
    return with(
        d -> {
          d.unfollowedLookups = SettingsValues.limit(limit);
          d.followUpWithin = SettingsValues.positive(within, "followUpWithin");
        });
  }

  /**
   * Returns every value, e.g. {@code GuardSettings[perMinute=Limit[slowDown=12, deny=30], …]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "GuardSettings[" + describe() + ", knownPatients=" + knownPatients() + "]";
  }
}
