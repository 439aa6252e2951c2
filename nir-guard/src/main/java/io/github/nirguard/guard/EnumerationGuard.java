package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Fingerprinter;
import io.github.nirguard.guard.Step.Kind;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An embeddable guard against enumeration of NIRs: a lookup service calls it before answering a
 * query by NIR, and gets ALLOW, SLOW_DOWN, STEP_UP or DENY with the reasons. Thread-safe; a check
 * costs about a microsecond or less and allocates nothing when it allows.
 *
 * <p>Signals, per principal (the account the service authenticated): distinct NIRs per sliding
 * minute, hour and day; new NIRs that continue one another (same place and period of birth, close
 * order numbers) or crowd into one birth group; new NIRs spread over too many departments of birth,
 * or unlike the principal's usual patients; failed lookups (invalid text, unknown NIRs); and, per
 * NIR, many distinct principals querying it. Each threshold is a {@link Limit} with a documented
 * default, in {@link GuardSettings}. A DENY from a principal signal blocks the principal for {@code
 * blockFor} (24 hours by default) or until {@link #release}.
 *
 * <p>The guard never stores a NIR or a principal name: it keeps 64-bit keyed fingerprints (a {@link
 * Fingerprinter}: SipHash-2-4 under a key derived from the key ring, or a random per-process key)
 * and coarse features — department of birth, decade of the two-digit birth year, order number, and
 * a keyed fingerprint of the birth group — in fixed-size records ({@link GuardRecord}).
 *
 * <pre>{@code
 * EnumerationGuard guard = EnumerationGuard.builder()
 *     .keys(ring, "guard")                          // shared key: needed with a shared store
 *     .settings(GuardSettings.defaults()            // every threshold has a default
 * .withDistinctPerHour(Limit.of(150, 400)))
 *     .build();
 *
 * Decision d = guard.check(account, nir, Instant.now());
 * switch (d.verdict()) {
 *   case DENY -> { return refuse(d.delay()); }
 *   case STEP_UP -> { return reauthenticate(); }   // then guard.stepUp(principal, now)
 *   case SLOW_DOWN -> pause(d.delay());
 *   case ALLOW -> { }
 * }
 * Optional<Patient> p = registry.find(nir);
 * if (p.isEmpty()) {
 *   guard.recordUnknown(account, nir, Instant.now());   // counts as a failed lookup
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EnumerationGuard {
  private static final long TENANT_DOMAIN = 0x54454e41_4e540001L;
  private static final long DEVICE_DOMAIN = 0x44455649_43450001L;
  private static final long GLOBAL_DOMAIN = 0x474c4f42_414c0001L;
  private final Fingerprinter fingerprinter;
  private final GuardStore store;
  private final NirValidator validator;
  private final GuardSettings settings;
  private final Mutation mutation;
  private final Decider decider;
  private final ThreadLocal<Step> steps;
  private final boolean observeOnly;
  private final DecisionListener listener;
  private final long defaultTenant;
  private final TenantWide tenantWide;

  EnumerationGuard(
      Fingerprinter fingerprinter,
      GuardStore store,
      NirValidator validator,
      GuardSettings settings,
      boolean observeOnly,
      DecisionListener listener) {
    this.observeOnly = observeOnly;
    this.listener = listener;
    this.fingerprinter = fingerprinter;
    this.store = store;
    this.validator = validator;
    this.settings = settings;
    this.mutation = new Mutation(settings);
    this.tenantWide = new TenantWide(settings);
    this.decider =
        new Decider(
            store,
            settings,
            mutation,
            tenantWide,
            TenantWide.global(settings),
            fingerprinter.fingerprintNames(GLOBAL_DOMAIN, TENANT_DOMAIN));
    this.defaultTenant = fingerprinter.fingerprintNames(TENANT_DOMAIN, TENANT_DOMAIN);
    this.steps = ThreadLocal.withInitial(() -> new Step(fingerprinter));
  }

  /**
   * Returns a builder with the documented defaults.
   *
   * @return a new builder
   */
  public static GuardBuilder builder() {
    return new GuardBuilder();
  }

  /**
   * Returns the principal of an account, for checks where the account is all the service knows.
   *
   * @param account the authenticated account, e.g. a practitioner's identifier
   * @return the principal (keyed fingerprints only)
   * @throws NullPointerException if {@code account} is null
   * @throws IllegalArgumentException if {@code account} is empty
   */
  public Principal principal(CharSequence account) {
    return new Principal(this, key(account, "account"), 0, false, defaultTenant);
  }

  /**
   * Returns the principal of a client within an account: signals are evaluated over the account's
   * traffic and over the client's own, and a DENY on the client blocks the account. Use the finest
   * stable client identity the service has: a client certificate, a device, a session.
   *
   * @param account the authenticated account
   * @param client the client within the account
   * @return the principal (keyed fingerprints only)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty
   */
  public Principal principal(CharSequence account, CharSequence client) {
    long a = key(account, "account");
    long c = key(client, "client");
    return new Principal(this, a, fingerprinter.fingerprintNames(a, c), true, defaultTenant);
  }

  /**
   * Checks a query by NIR before the service answers it, and records it.
   *
   * @param principal who asks
   * @param nir the NIR queried
   * @param at when (the guard works in the time it is given; instants older than the principal's
   *     latest are taken as the latest)
   * @return the decision
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the principal was made by another guard
   */
  public Decision check(Principal principal, Nir nir, Instant at) {
    Objects.requireNonNull(nir, "nir");
    Step s = start(principal, at, Kind.LOOKUP);
    s.nir.set(nir);
    return run(principal, s);
  }

  /**
   * Checks a query by NIR for an account: {@code check(principal(account), nir, at)}.
   *
   * @param account the authenticated account
   * @param nir the NIR queried
   * @param at when
   * @return the decision
   */
  public Decision check(CharSequence account, Nir nir, Instant at) {
    return check(principal(account), nir, at);
  }

  /**
   * Checks a query by NIR given as text: a valid text (under the builder's validator, strict by
   * default) is checked like {@link #check(Principal, Nir, Instant)}, an invalid one is recorded as
   * a failed lookup like {@link #checkInvalid(Principal, Instant)}. The service must still refuse
   * invalid text.
   *
   * @param principal who asks
   * @param text the text as typed (null counts as invalid)
   * @param at when
   * @return the decision
   */
  public Decision check(Principal principal, CharSequence text, Instant at) {
    if (text == null) {
      return checkInvalid(principal, at);
    }
    ValidationResult r = validator.validate(text);
    Optional<Nir> nir = r.nir();
    return nir.isPresent() ? check(principal, nir.get(), at) : checkInvalid(principal, at);
  }

  /**
   * Checks a query by NIR text for an account: {@code check(principal(account), text, at)}.
   *
   * @param account the authenticated account
   * @param text the text as typed
   * @param at when
   * @return the decision
   */
  public Decision check(CharSequence account, CharSequence text, Instant at) {
    return check(principal(account), text, at);
  }

  /**
   * Records a query whose text was not a valid NIR (a failed lookup), and decides on the principal.
   *
   * @param principal who asks
   * @param at when
   * @return the decision
   */
  public Decision checkInvalid(Principal principal, Instant at) {
    return run(principal, start(principal, at, Kind.INVALID));
  }

  /**
   * Records an invalid query for an account: {@code checkInvalid(principal(account), at)}.
   *
   * @param account the authenticated account
   * @param at when
   * @return the decision
   */
  public Decision checkInvalid(CharSequence account, Instant at) {
    return checkInvalid(principal(account), at);
  }

  /**
   * Records that a NIR the principal queried (and the guard allowed) matched nobody: a failed
   * lookup. The NIR is also removed from what the guard learned of the account's patients.
   *
   * @param principal who asked
   * @param nir the NIR that was not found
   * @param at when
   * @return the decision for the principal after this failure
   */
  public Decision recordUnknown(Principal principal, Nir nir, Instant at) {
    Objects.requireNonNull(nir, "nir");
    Step s = start(principal, at, Kind.UNKNOWN);
    s.nir.set(nir);
    return run(principal, s);
  }

  /**
   * Records an unknown NIR for an account: {@code recordUnknown(principal(account), nir, at)}.
   *
   * @param account the authenticated account
   * @param nir the NIR that was not found
   * @param at when
   * @return the decision
   */
  public Decision recordUnknown(CharSequence account, Nir nir, Instant at) {
    return recordUnknown(principal(account), nir, at);
  }

  /**
   * Lifts the block of the principal's account (an operator's decision) and forgets the short-term
   * evidence of the account and, if given, of the client; what was learned of the account's usual
   * patients is kept.
   *
   * @param principal the principal
   * @return whether the guard held a record for the account
   */
  public boolean release(Principal principal) {
    Step s = start(principal, Instant.EPOCH, Kind.RELEASE);
    boolean found = store.update(principal.account, false, s, mutation);
    if (principal.hasClient) {
      s.clientLevel = true;
      store.update(principal.client, false, s, mutation);
    }
    return found;
  }

  /**
   * Records that the principal's professional re-authenticated after a {@link Verdict#STEP_UP}
   * (e.g. with their health-professional card): the client (or the account alone, for a principal
   * without client) is verified for {@code verifiedFor} (12 hours by default) — exempt from {@link
   * Reason#NEW_PATIENTS} and from pending step-up requirements — and today counts as a day of
   * normal use, from which the principal's allowance of new NIRs may grow. Call it only after a
   * real re-authentication: it is what a robot holding stolen passwords cannot do.
   *
   * <pre>{@code
   * Decision d = guard.check(who, nir, Instant.now());
   * if (d.verdict() == Verdict.STEP_UP && cpsCard.authenticate(session)) {
   *   guard.stepUp(who, Instant.now());
   *   d = guard.check(who, nir, Instant.now());
   * }
   * }</pre>
   *
   * @param principal the principal that re-authenticated
   * @param at when
   */
  public void stepUp(Principal principal, Instant at) {
    Step s = start(principal, at, Kind.STEP_UP);
    s.clientTag = principal.hasClient ? StepUps.tag(principal.client) : 0;
    store.update(principal.account, true, s, mutation);
    if (principal.hasClient) {
      s.clientLevel = true;
      store.update(principal.client, true, s, mutation);
    }
    if (s.cold && !tenantWide.isOff()) {
      // a human vouched for a principal in its cold start: the tenant's norm of cold starts
      store.update(principal.tenant, true, s, tenantWide);
    }
  }

  /**
   * Reports that a lookup was followed by real care: a dispensing, a claim, an admission — what a
   * patient brings and a robot replaying a list does not. With the follow-up signal on ({@link
   * GuardSettings#withUnfollowedLookups}), a principal whose lookups of new NIRs are mostly not
   * followed up within the window is asked to step up, then denied ({@link
   * Reason#UNFOLLOWED_LOOKUPS}); with it off (the default) this does nothing. Report with the
   * principal that looked the NIR up (same account and client); a follow-up of a NIR the principal
   * did not look up recently is ignored.
   *
   * <pre>{@code
   * Decision d = guard.check(who, nir, Instant.now());
   * // ... answered; later, the pharmacist dispenses to this patient:
   * guard.followUp(who, nir, Instant.now());
   * }</pre>
   *
   * @param principal who looked the NIR up
   * @param nir the NIR
   * @param at when the care happened
   * @return whether a lookup of this NIR by the principal was waiting for its follow-up (at the
   *     account's level); always false when the signal is off
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the principal was made by another guard
   */
  public boolean followUp(Principal principal, Nir nir, Instant at) {
    Objects.requireNonNull(nir, "nir");
    Step s = start(principal, at, Kind.FOLLOW_UP);
    if (!mutation.followsUp()) {
      return false;
    }
    s.nir.set(nir);
    s.found = false;
    store.update(principal.account, false, s, mutation);
    boolean found = s.found;
    if (principal.hasClient) {
      s.clientLevel = true;
      store.update(principal.client, false, s, mutation);
    }
    return found;
  }

  /**
   * Reports a follow-up for an account: {@code followUp(principal(account), nir, at)}.
   *
   * @param account the account that looked the NIR up
   * @param nir the NIR
   * @param at when the care happened
   * @return whether a lookup of this NIR was waiting for its follow-up
   */
  public boolean followUp(CharSequence account, Nir nir, Instant at) {
    return followUp(principal(account), nir, at);
  }

  /**
   * Lifts the block of an account: {@code release(principal(account))}.
   *
   * @param account the account
   * @return whether the guard held a record for it
   */
  public boolean release(CharSequence account) {
    return release(principal(account));
  }

  /**
   * Returns what the guard holds about a principal, in counts: about the client when the principal
   * has one, else about the account.
   *
   * @param principal the principal
   * @param at the time the sliding windows end
   * @return the snapshot, or empty if the guard holds no record for it
   */
  public Optional<PrincipalSnapshot> snapshot(Principal principal, Instant at) {
    Step s = start(principal, at, Kind.SNAPSHOT);
    s.clientLevel = principal.hasClient;
    s.snapshot = null;
    boolean found =
        store.update(
            principal.hasClient ? principal.client : principal.account, false, s, mutation);
    PrincipalSnapshot snapshot = s.snapshot;
    s.snapshot = null;
    return found ? Optional.ofNullable(snapshot) : Optional.empty();
  }

  /**
   * Returns what the guard holds about an account: {@code snapshot(principal(account), at)}.
   *
   * @param account the account
   * @param at the time the sliding windows end
   * @return the snapshot, or empty
   */
  public Optional<PrincipalSnapshot> snapshot(CharSequence account, Instant at) {
    return snapshot(principal(account), at);
  }

  /**
   * Returns the store holding the guard's state.
   *
   * @return the store
   */
  public GuardStore store() {
    return store;
  }

  /**
   * Returns the settings the guard was built with.
   *
   * @return the settings
   */
  public GuardSettings settings() {
    return settings;
  }

  /** The key of a tenant's record (never an account's or a client's). */
  long tenantKey(CharSequence tenant) {
    return fingerprinter.fingerprintNames(key(tenant, "tenant"), TENANT_DOMAIN);
  }

  /** The key of a client fingerprint in the store's target table, never 0. */
  long deviceKey(CharSequence fingerprint) {
    return fingerprinter.fingerprintNames(key(fingerprint, "fingerprint"), DEVICE_DOMAIN) | 1;
  }

  private long key(CharSequence name, String what) {
    Objects.requireNonNull(name, what);
    if (name.length() == 0) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return fingerprinter.fingerprintName(name);
  }

  private Step start(Principal principal, Instant at, Kind kind) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(at, "at");
    if (principal.guard != this) {
      throw new IllegalArgumentException("the principal was made by another guard");
    }
    return steps.get().start(kind, at.getEpochSecond());
  }

  /**
   * Runs a step on the account's record, then on the client's (a DENY there blocks the account),
   * then counts the NIR's principals, and decides.
   */
  private Decision run(Principal p, Step s) {
    return observed(decider.decide(p, s));
  }

  /** Tells the listener; in observation mode, answers ALLOW with the reasons. */
  private Decision observed(Decision d) {
    try {
      listener.onDecision(d, !observeOnly);
    } catch (RuntimeException e) {
      // a metrics hook must not change the answer
    }
    if (observeOnly && d.verdict() != Verdict.ALLOW) {
      return Decision.of(Verdict.ALLOW, d.reasonBits(), Duration.ZERO);
    }
    return d;
  }

  /**
   * Returns the configuration (thresholds and store), never the key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "EnumerationGuard[" + settings.describe() + ", store=" + store + "]";
  }
}
