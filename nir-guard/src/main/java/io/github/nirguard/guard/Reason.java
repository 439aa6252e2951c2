package io.github.nirguard.guard;

/**
 * The stable reason codes of a {@link Decision}: which signal fired. Codes are part of the API:
 * they are never renamed, only added.
 *
 * <pre>{@code
 * Decision d = guard.check(account, nir, now);
 * if (d.reasons().contains(Reason.SEQUENTIAL)) {
 *   alertSecurityTeam(account, d);   // toString() of a decision never shows a NIR
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Reason {
  /** Too many distinct NIRs in the last minute (sliding window). */
  RATE_MINUTE("too many distinct NIRs in the last minute"),
  /** Too many distinct NIRs in the last hour (sliding window). */
  RATE_HOUR("too many distinct NIRs in the last hour"),
  /** Too many distinct NIRs in the last 24 hours (sliding window). */
  RATE_DAY("too many distinct NIRs in the last 24 hours"),
  /**
   * New NIRs that continue one another: same sex, birth year, month and place, and order numbers a
   * few apart — a robot walking the number space.
   */
  SEQUENTIAL("consecutive order numbers in the same place and period of birth"),
  /** Many recent new NIRs share one sex, birth year, month and place (any order numbers). */
  SAME_BIRTH_GROUP("many NIRs of the same place and period of birth"),
  /** The recent new NIRs are spread over too many departments of birth. */
  WIDE_SPREAD("recent NIRs spread over too many departments of birth"),
  /**
   * The recent new NIRs are mostly from departments or birth decades that are rare among this
   * principal's usual patients.
   */
  OFF_PROFILE("recent NIRs unlike this principal's usual patients"),
  /** Too many recent lookups were invalid text or NIRs the service did not know. */
  FAILED_LOOKUPS("too many invalid or unknown NIRs"),
  /**
   * This NIR was queried by many distinct principals recently. Never denies on its own: it asks for
   * a step-up, and never for a principal to whom the NIR is a known patient.
   */
  SHARED_TARGET("this NIR was queried by many principals"),
  /** The principal is blocked after an earlier denial. */
  BLOCKED("principal blocked after an earlier denial"),
  /** The guard's store failed; the decision is the configured fail-closed (or fail-open) one. */
  STORE_UNAVAILABLE("the guard's store is unavailable"),
  /**
   * More NIRs new to this principal today than its history of normal use allows: a cold-start
   * allowance that grows with the days a human was present (answered with STEP_UP).
   */
  NEW_PATIENTS("more new NIRs today than this principal's history allows"),
  /**
   * Many recent new NIRs share one birth year, month and department (any sex, commune or order
   * number): a walk through the communes or the sexes of one birth period.
   */
  SAME_BIRTH_PERIOD("many NIRs of the same birth period and department"),
  /**
   * Recent new NIRs born in one commune, of one sex, in adjacent months: a walk through birth
   * dates.
   */
  BIRTHDATE_WALK("birth dates that continue one another in one place of birth"),
  /**
   * Many distinct NIRs of one birth period in one department, or of one birthplace and birth year,
   * queried by the whole tenant (every principal of the store) within minutes: a walk spread over
   * accounts and clients.
   */
  CROWD_WALK("one birth period or birthplace walked across principals"),
  /** A re-authentication was asked for earlier and has not been passed yet. */
  STEP_UP_REQUIRED("re-authentication required after an earlier step-up"),
  /**
   * The principal's tenant as a whole looked up more NIRs new to their accounts today than its
   * history allows (answered with STEP_UP, never DENY: a tenant's legitimate peak steps up).
   */
  TENANT_NEW_PATIENTS("more new NIRs today across the tenant than its history allows"),
  /**
   * More principals in their cold start (no human ever stepped up on them) began looking up new
   * NIRs in the tenant today than its norm: stolen accounts or fresh robot clients growing
   * together. Every principal of the tenant in its cold start is asked to step up for a while.
   */
  COLD_START_SWARM("many principals in their cold start growing together in the tenant"),
  /**
   * The client fingerprint supplied by the service (a device or network) was seen on many accounts
   * recently: stolen logins driven from one host (answered with STEP_UP).
   */
  SHARED_FINGERPRINT("one client fingerprint used by many accounts"),
  /**
   * Most of the principal's recent lookups of new NIRs were never followed by the care the service
   * reports ({@link EnumerationGuard#followUp}): a list replayed, not patients served. Opt-in
   * ({@link GuardSettings#withUnfollowedLookups}); answered with STEP_UP, then DENY.
   */
  UNFOLLOWED_LOOKUPS("recent new NIRs never followed by care"),
  /**
   * Every tenant together looked up more NIRs new to their accounts today than the guard's history
   * allows: the global budget beside the tenants' own ({@link GuardSettings#withGlobalNewPatients},
   * off by default; answered with STEP_UP, never DENY).
   */
  GLOBAL_NEW_PATIENTS("more new NIRs today across every tenant than the history allows"),
  /**
   * The tenant looked up more NIRs new to their accounts born in one department (or continent)
   * today than its history of that department allows: coverage of one slice of the NIR space by the
   * tenant as a whole ({@link GuardSettings#withTenantCoverage}; answered with STEP_UP, never
   * DENY).
   */
  TENANT_COVERAGE(
      "more new NIRs of one department of birth today than the tenant's history allows");

  private final String description;

  Reason(String description) {
    this.description = description;
  }

  /**
   * Returns a short English description, free of any personal data.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  int bit() {
    return 1 << ordinal();
  }
}
