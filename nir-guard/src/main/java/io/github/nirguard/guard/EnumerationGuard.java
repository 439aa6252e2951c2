package io.github.nirguard.guard;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Fingerprinter;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An embeddable guard against enumeration of NIRs: a lookup service calls it before answering a
 * query by NIR, and gets ALLOW, SLOW_DOWN or DENY with the reasons. Thread-safe; a check costs
 * about a microsecond or less and allocates nothing when it allows.
 *
 * <p>Signals, per principal (the account the service authenticated): distinct NIRs per sliding
 * minute, hour and day; new NIRs that continue one another (same place and period of birth, close
 * order numbers) or crowd into one birth group; new NIRs spread over too many departments of
 * birth, or unlike the principal's usual patients; failed lookups (invalid text, unknown NIRs); and,
 * per NIR, many distinct principals querying it. Each threshold is a {@link Limit} with a documented
 * default. A DENY from a principal signal blocks the principal for {@code blockFor} (24 hours by
 * default) or until {@link #release}.
 *
 * <p>The guard never stores a NIR or a principal name: it keeps 64-bit keyed fingerprints
 * (a {@link Fingerprinter}: SipHash-2-4 under a key derived from the key ring, or a random
 * per-process key) and coarse features — department of birth, decade of the two-digit birth year,
 * order number, and a keyed fingerprint of the birth group — in fixed-size records
 * ({@link GuardRecord}).
 *
 * <pre>{@code
 * EnumerationGuard guard = EnumerationGuard.builder()
 *     .keys(ring, "guard")                          // shared key: needed with a shared store
 *     .distinctPerHour(Limit.of(150, 400))          // every threshold has a default
 *     .build();
 *
 * Decision d = guard.check(account, nir, Instant.now());
 * switch (d.verdict()) {
 *   case DENY -> { return refuse(d.delay()); }
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
  private static final System.Logger LOG = System.getLogger(EnumerationGuard.class.getName());

  static final long DOMAIN_NIR = 0x6e67_6e69_7231_0001L;
  static final long DOMAIN_GROUP = 0x6e67_6772_7031_0002L;
  static final int HIST_CAP = 4096;
  static final int MAX_BREADTH_WINDOW = 56;
  static final int KIND_LOOKUP = 0;
  static final int KIND_INVALID = 1;
  static final int KIND_UNKNOWN = 2;
  static final int KIND_SNAPSHOT = 3;
  static final int KIND_RELEASE = 4;
  static final int KIND_BLOCK = 5;
  private static final long DAY = 86_400;
  private static final int RING_MASK = GuardRecord.RING - 1;
  private static final BiConsumer<GuardRecord, Context> MUTATION = (r, c) -> c.guard.apply(r, c);

  private final Fingerprinter fingerprinter;
  private final GuardStore store;
  private final NirValidator validator;
  private final Limit perMinute;
  private final Limit perHour;
  private final Limit perDay;
  private final Limit sequential;
  private final int sequentialGap;
  private final Limit sameBirthGroup;
  private final int breadthWindow;
  private final Limit wideSpread;
  private final Limit offProfile;
  private final int unusualPermille;
  private final int minHistory;
  private final int failureWindow;
  private final long failureMask;
  private final Limit failedLookups;
  private final Limit sharedTarget;
  private final long targetWindowSeconds;
  private final long blockSeconds;
  private final Duration slowDelay;
  private final boolean failOpen;
  private final int knownSlots;
  private final ThreadLocal<Context> contexts;

  /** Per-thread inputs and outputs of one mutation; re-runnable (outputs are overwritten). */
  static final class Context {
    final EnumerationGuard guard;
    int kind;
    long now;
    boolean clientLevel;
    long body;
    int corsica;
    boolean prefixReady;
    long nirFp;
    int prefix;
    int order;
    int dept;
    int decade;
    int level;
    int bits;
    long blockedUntil;
    int blockBits;
    boolean accountNew;
    boolean accountToday;
    boolean unusual;
    PrincipalSnapshot snapshot;

    Context(EnumerationGuard guard) {
      this.guard = guard;
    }
  }

  private EnumerationGuard(Builder b, Fingerprinter fingerprinter) {
    this.fingerprinter = fingerprinter;
    this.store = b.store != null ? b.store : InMemoryGuardStore.create(b.maxPrincipals, b.targetSlots);
    this.validator = b.validator;
    this.perMinute = b.perMinute;
    this.perHour = b.perHour;
    this.perDay = b.perDay;
    this.sequential = b.sequential;
    this.sequentialGap = b.sequentialGap;
    this.sameBirthGroup = b.sameBirthGroup;
    this.breadthWindow = b.breadthWindow;
    this.wideSpread = b.wideSpread;
    this.offProfile = b.offProfile;
    this.unusualPermille = (int) Math.round(b.unusualShare * 1000);
    this.minHistory = b.minHistory;
    this.failureWindow = b.failureWindow;
    this.failureMask = b.failureWindow == 64 ? -1L : (1L << b.failureWindow) - 1;
    this.failedLookups = b.failedLookups;
    this.sharedTarget = b.sharedTarget;
    this.targetWindowSeconds = b.sharedTargetWindow.getSeconds();
    this.blockSeconds = b.blockFor.getSeconds();
    this.slowDelay = b.slowDownDelay;
    this.failOpen = b.failOpen;
    this.knownSlots = b.knownPatients;
    this.contexts = ThreadLocal.withInitial(() -> new Context(this));
  }

  /**
   * Returns a builder with the documented defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- the API --------------------------------------------------------------------------------

  /**
   * Returns the principal of an account, for checks where the account is all the service knows.
   *
   * @param account the authenticated account, e.g. a practitioner's identifier
   * @return the principal (keyed fingerprints only)
   * @throws NullPointerException if {@code account} is null
   * @throws IllegalArgumentException if {@code account} is empty
   */
  public Principal principal(CharSequence account) {
    return new Principal(this, key(account, "account"), 0, false);
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
    return new Principal(this, a, fingerprinter.fingerprintNames(a, c), true);
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
    Context c = start(principal, at, KIND_LOOKUP);
    features(c, nir);
    return run(principal, c);
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
   * Records a query whose text was not a valid NIR (a failed lookup), and decides on the
   * principal.
   *
   * @param principal who asks
   * @param at when
   * @return the decision
   */
  public Decision checkInvalid(Principal principal, Instant at) {
    Context c = start(principal, at, KIND_INVALID);
    return run(principal, c);
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
    Context c = start(principal, at, KIND_UNKNOWN);
    features(c, nir);
    return run(principal, c);
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
   * Lifts the block of the principal's account (an operator's decision) and forgets the
   * short-term evidence of the account and, if given, of the client; what was learned of the
   * account's usual patients is kept.
   *
   * @param principal the principal
   * @return whether the guard held a record for the account
   */
  public boolean release(Principal principal) {
    Context c = start(principal, Instant.EPOCH, KIND_RELEASE);
    boolean found = store.update(principal.account, false, c, MUTATION);
    if (principal.hasClient) {
      c.clientLevel = true;
      store.update(principal.client, false, c, MUTATION);
    }
    return found;
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
   * Returns what the guard holds about a principal, in counts: about the client when the
   * principal has one, else about the account.
   *
   * @param principal the principal
   * @param at the time the sliding windows end
   * @return the snapshot, or empty if the guard holds no record for it
   */
  public Optional<PrincipalSnapshot> snapshot(Principal principal, Instant at) {
    Context c = start(principal, at, KIND_SNAPSHOT);
    c.clientLevel = principal.hasClient;
    c.snapshot = null;
    boolean found = store.update(principal.hasClient ? principal.client : principal.account, false,
        c, MUTATION);
    PrincipalSnapshot s = c.snapshot;
    c.snapshot = null;
    return found ? Optional.ofNullable(s) : Optional.empty();
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

  // ---- internals ------------------------------------------------------------------------------

  private long key(CharSequence name, String what) {
    Objects.requireNonNull(name, what);
    if (name.length() == 0) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return fingerprinter.fingerprintName(name);
  }

  private Context start(Principal principal, Instant at, int kind) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(at, "at");
    if (principal.guard != this) {
      throw new IllegalArgumentException("the principal was made by another guard");
    }
    Context c = contexts.get();
    c.kind = kind;
    c.now = at.getEpochSecond();
    c.clientLevel = false;
    c.accountNew = false;
    c.accountToday = false;
    return c;
  }

  private void features(Context c, Nir nir) {
    long v = nir.numericBody();
    char letter = nir.corsicaLetter();
    int corsica = letter == 'A' ? 1 : letter == 'B' ? 2 : 0;
    c.body = v;
    c.corsica = corsica;
    c.prefixReady = false;
    c.nirFp = fingerprinter.fingerprint(DOMAIN_NIR, v * 4 + corsica);
    c.order = (int) (v % 1000);
    c.decade = (int) (v / 10_000_000_000L % 100) / 10;
    c.dept = department(v, corsica);
  }

  /** The birth group's fingerprint, computed when first needed (new NIRs only). */
  private int prefix(Context c) {
    if (!c.prefixReady) {
      c.prefix = (int) fingerprinter.fingerprint(DOMAIN_GROUP, (c.body / 1000) * 4 + c.corsica);
      c.prefixReady = true;
    }
    return c.prefix;
  }

  /**
   * The department bucket: 1–96 mainland (20 = Corsica before 1976), 97/98 = 2A/2B, 99–106 =
   * 971–978, 107–111 = 984–988, 112–121 = born abroad by the hundreds digit of the INSEE country
   * code (roughly the continent), 122 = anything else.
   */
  static int department(long body, int corsica) {
    if (corsica == 1) {
      return 97;
    }
    if (corsica == 2) {
      return 98;
    }
    int place = (int) (body / 1000 % 100_000);
    int d2 = place / 1000;
    if (d2 >= 1 && d2 <= 96) {
      return d2;
    }
    if (d2 == 99) {
      return 112 + (place % 1000) / 100;
    }
    int d3 = place / 100;
    if (d3 >= 971 && d3 <= 978) {
      return 99 + (d3 - 971);
    }
    if (d3 >= 984 && d3 <= 988) {
      return 107 + (d3 - 984);
    }
    return 122;
  }

  private Decision run(Principal p, Context c) {
    int kind = c.kind;
    long now = c.now;
    int level;
    int bits;
    long blockedUntil;
    try {
      store.update(p.account, true, c, MUTATION);
      level = c.level;
      bits = c.bits;
      blockedUntil = c.blockedUntil;
      now = c.now;
      if (p.hasClient && level < 2) {
        c.clientLevel = true;
        c.now = now;
        store.update(p.client, true, c, MUTATION);
        if (c.level > 0) {
          bits |= c.bits;
          level = Math.max(level, c.level);
        }
        if (c.level == 2 && blockSeconds > 0) {
          // a robot on one client means the account's credentials are compromised
          c.kind = KIND_BLOCK;
          c.clientLevel = false;
          c.blockBits = c.bits;
          store.update(p.account, true, c, MUTATION);
          blockedUntil = c.blockedUntil;
        }
      }
      if (kind == KIND_LOOKUP && level < 2 && !sharedTarget.isOff()) {
        int n = store.touchTarget(c.nirFp, (int) (p.account >>> 48) | 1, now, targetWindowSeconds);
        int l = sharedTarget.level(n);
        if (l > 0) {
          bits |= Reason.SHARED_TARGET.bit();
          level = Math.max(level, l);
        }
      }
    } catch (RuntimeException e) {
      return storeFailure(e);
    }
    if (level == 0) {
      return Decision.allow();
    }
    if (level == 1) {
      return Decision.of(Verdict.SLOW_DOWN, bits, slowDelay);
    }
    long wait = blockedUntil - now;
    return Decision.of(Verdict.DENY, bits, wait > 0 ? Duration.ofSeconds(wait) : slowDelay);
  }

  private Decision storeFailure(RuntimeException e) {
    // the exception's message may come from a remote store: log its class only
    LOG.log(Level.WARNING, "nirguard guard store failed ({0}); {1}", e.getClass().getName(),
        failOpen ? "failing open" : "failing closed");
    return failOpen
        ? Decision.of(Verdict.ALLOW, Reason.STORE_UNAVAILABLE.bit(), Duration.ZERO)
        : Decision.of(Verdict.DENY, Reason.STORE_UNAVAILABLE.bit(), slowDelay);
  }

  /** The mutation, under the store's lock for the record (of an account or of a client). */
  void apply(GuardRecord r, Context c) {
    c.level = 0;
    c.bits = 0;
    c.blockedUntil = 0;
    boolean account = !c.clientLevel;
    if (account) {
      r.ensureKnownSlots(knownSlots);
    }
    if (c.kind == KIND_RELEASE) {
      r.blockedUntil = 0;
      r.blockReasons = 0;
      r.clearEvidence();
      return;
    }
    long now = Math.max(c.now, r.lastSeen);
    if (c.kind == KIND_SNAPSHOT) {
      c.snapshot = snapshot(r, now);
      return;
    }
    if (c.kind == KIND_BLOCK) {
      r.blockedUntil = Math.max(r.blockedUntil, now + blockSeconds);
      r.blockReasons = c.blockBits;
      r.clearEvidence();
      c.blockedUntil = r.blockedUntil;
      return;
    }
    if (c.kind != KIND_UNKNOWN) {
      r.checks++;
    }
    r.lastSeen = now;
    if (account && r.blockedUntil > now) {
      c.level = 2;
      c.bits = Reason.BLOCKED.bit() | r.blockReasons;
      c.blockedUntil = r.blockedUntil;
      c.now = now;
      return;
    }
    if (c.kind == KIND_LOOKUP) {
      if (account) {
        lookup(r, c, now);
      } else {
        r.failureBits <<= 1;
        if (!c.accountToday) {
          addRate(r, now);
          breadth(r, c, c.accountNew && c.unusual);
        }
        if (c.accountNew) {
          push(r, c, false);
        }
      }
    } else if (c.kind == KIND_INVALID) {
      r.failureBits = (r.failureBits << 1) | 1;
      r.failures++;
    } else {
      r.failureBits |= ~r.failureBits & (r.failureBits + 1);
      r.failures++;
      if (account) {
        unlearn(r, c);
      }
    }
    evaluate(r, c, now);
    if (c.level == 2 && blockSeconds > 0) {
      r.clearEvidence();
      if (account) {
        r.blockedUntil = now + blockSeconds;
        r.blockReasons = c.bits;
        c.blockedUntil = r.blockedUntil;
      }
    }
    c.now = now;
  }

  /**
   * Records a lookup at the account level and tells the client level whether it is new. The
   * known-patient table is 2-way set-associative: a NIR may sit in either slot of its pair, and a
   * new one replaces the pair's less recently seen entry.
   */
  private void lookup(GuardRecord r, Context c, long now) {
    r.failureBits <<= 1;
    long[] known = r.known;
    long day = (now / DAY) & 0xFFFF;
    long hi = fingerprintBits(c.nirFp);
    int idx = (int) c.nirFp & (known.length - 2);
    int slot;
    boolean seen;
    if ((known[idx] & ~0xFFFFL) == hi) {
      slot = idx;
      seen = true;
    } else if ((known[idx + 1] & ~0xFFFFL) == hi) {
      slot = idx + 1;
      seen = true;
    } else {
      seen = false;
      long a = known[idx];
      long b = known[idx + 1];
      // empty first, else the older day (days compared modulo 2^16 from today)
      slot = a == 0 ? idx
          : b == 0 ? idx + 1
          : ((day - (a & 0xFFFF)) & 0xFFFF) >= ((day - (b & 0xFFFF)) & 0xFFFF) ? idx : idx + 1;
    }
    boolean today = seen && (known[slot] & 0xFFFF) == day;
    known[slot] = hi | day;
    boolean isNew = !seen && push(r, c, true);
    c.accountToday = today;
    c.accountNew = isNew;
    if (!today) {
      addRate(r, now);
      breadth(r, c, isNew && c.unusual);
    }
  }

  private static long fingerprintBits(long nirFp) {
    long hi = nirFp & 0xFFFF_FFFF_FFFF_0000L;
    return hi == 0 ? 0x10000 : hi;
  }

  /** Pushes a new NIR on the ring and recomputes its signals; false if the ring already has it. */
  private boolean push(GuardRecord r, Context c, boolean account) {
    long[] ring = r.ring;
    int size = r.ringSize;
    int next = r.ringNext;
    boolean full = size == GuardRecord.RING;
    int prefix = prefix(c);
    int order = c.order;
    int group = 1;
    int chained = 0;
    boolean chain = false;
    for (int i = 0; i < size; i++) {
      if (full && i == next) {
        continue; // the oldest entry, about to be overwritten
      }
      long x = ring[i];
      if ((x & GuardRecord.CHAINED) != 0) {
        chained++;
      }
      if ((int) x == prefix) {
        int d = Math.abs((int) (x >>> GuardRecord.ORDER_SHIFT & 0x3FF) - order);
        if (d == 0) {
          c.unusual = (x & GuardRecord.UNUSUAL) != 0;
          return false; // the same NIR, forgotten by the known-patient table: not new after all
        }
        group++;
        if (d <= sequentialGap) {
          chain = true;
        }
      }
    }
    boolean unusual;
    if (account) {
      int total = r.histTotal;
      unusual = total >= minHistory
          && ((long) r.deptHist[c.dept] * 1000 < (long) unusualPermille * total
              || (long) r.decadeHist[c.decade] * 1000 < (long) unusualPermille * total);
      c.unusual = unusual;
    } else {
      unusual = c.unusual; // judged against the account's usual patients
    }
    ring[next] = (prefix & 0xFFFF_FFFFL)
        | ((long) order << GuardRecord.ORDER_SHIFT)
        | ((long) c.dept << GuardRecord.DEPT_SHIFT)
        | ((long) c.decade << GuardRecord.DECADE_SHIFT)
        | (unusual ? GuardRecord.UNUSUAL : 0)
        | (chain ? GuardRecord.CHAINED : 0);
    r.ringNext = (next + 1) & RING_MASK;
    if (!full) {
      r.ringSize = size + 1;
    }
    if (account && r.ringSize > breadthWindow) {
      // the baseline learns a NIR once it leaves the breadth window: a robot's recent lookups
      // never make themselves look usual
      long old = ring[(next - breadthWindow) & RING_MASK];
      if ((old & GuardRecord.UNKNOWN) == 0) {
        learn(r, (int) (old >>> GuardRecord.DEPT_SHIFT) & 0x7F,
            (int) (old >>> GuardRecord.DECADE_SHIFT) & 0xF);
      }
    }
    r.chained = chained + (chain ? 1 : 0);
    r.group = group;
    return true;
  }

  /**
   * Adds a distinct lookup to the breadth window and recomputes its signals: the departments of
   * birth beyond the most common one, and the off-profile entries.
   */
  private void breadth(GuardRecord r, Context c, boolean unusual) {
    byte[] ring = r.breadth;
    int w = breadthWindow;
    if (r.windowSize != w) {
      rebuildWindow(r, w);
    }
    int next = r.breadthNext;
    if (r.breadthSize >= w) {
      windowRemove(r, ring[(next - w) & RING_MASK]); // leaves the window
    }
    byte entry = (byte) (c.dept | (unusual ? 0x80 : 0));
    ring[next] = entry;
    r.breadthNext = (next + 1) & RING_MASK;
    if (r.breadthSize < GuardRecord.RING) {
      r.breadthSize++;
    }
    windowAdd(r, entry);
    r.spread = Math.max(0, r.windowDistinct - r.windowTop);
  }

  /** Recomputes the window's counts from the ring (after a change of window or a read). */
  private static void rebuildWindow(GuardRecord r, int w) {
    java.util.Arrays.fill(r.window, (byte) 0);
    r.windowDistinct = 0;
    r.windowTop = 0;
    r.unusual = 0;
    r.windowSize = w;
    int n = Math.min(w, r.breadthSize);
    for (int k = 0, i = (r.breadthNext - 1) & RING_MASK; k < n; k++, i = (i - 1) & RING_MASK) {
      windowAdd(r, r.breadth[i]);
    }
  }

  private static void windowAdd(GuardRecord r, byte entry) {
    byte[] win = r.window;
    int d = entry & 0x7F;
    int old = win[d];
    win[d] = (byte) (old + 1);
    if (old == 0) {
      r.windowDistinct++;
    } else {
      win[GuardRecord.DEPTS + old]--;
    }
    win[GuardRecord.DEPTS + old + 1]++;
    if (old + 1 > r.windowTop) {
      r.windowTop = old + 1;
    }
    if (entry < 0) {
      r.unusual++;
    }
  }

  private static void windowRemove(GuardRecord r, byte entry) {
    byte[] win = r.window;
    int d = entry & 0x7F;
    int old = win[d];
    if (old == 0) {
      return; // not in the window (cannot happen with a consistent record)
    }
    win[d] = (byte) (old - 1);
    win[GuardRecord.DEPTS + old]--;
    if (old == 1) {
      r.windowDistinct--;
    } else {
      win[GuardRecord.DEPTS + old - 1]++;
    }
    if (old == r.windowTop && win[GuardRecord.DEPTS + old] == 0) {
      r.windowTop = old - 1;
    }
    if (entry < 0) {
      r.unusual--;
    }
  }

  private static void learn(GuardRecord r, int dept, int decade) {
    r.deptHist[dept]++;
    r.decadeHist[decade]++;
    if (++r.histTotal >= HIST_CAP) {
      int total = 0;
      for (int i = 0; i < GuardRecord.DEPTS; i++) {
        total += r.deptHist[i] >>= 1;
      }
      for (int i = 0; i < GuardRecord.DECADES; i++) {
        r.decadeHist[i] >>= 1;
      }
      r.histTotal = total;
    }
  }

  /** An unknown NIR is no patient: forget it as known, and keep it out of the baseline. */
  private void unlearn(GuardRecord r, Context c) {
    long[] known = r.known;
    long hi = fingerprintBits(c.nirFp);
    int idx = (int) c.nirFp & (known.length - 2);
    if ((known[idx] & ~0xFFFFL) == hi) {
      known[idx] = 0;
    } else if ((known[idx + 1] & ~0xFFFFL) == hi) {
      known[idx + 1] = 0;
    }
    long[] ring = r.ring;
    int prefix = prefix(c);
    for (int i = 0; i < r.ringSize; i++) {
      long x = ring[i];
      if ((int) x == prefix && (int) (x >>> GuardRecord.ORDER_SHIFT & 0x3FF) == c.order
          && (x & GuardRecord.UNKNOWN) == 0) {
        ring[i] = x | GuardRecord.UNKNOWN;
        int age = (r.ringNext - 1 - i) & RING_MASK;
        if (age >= breadthWindow && r.deptHist[c.dept] > 0 && r.decadeHist[c.decade] > 0) {
          r.deptHist[c.dept]--; // already learned
          r.decadeHist[c.decade]--;
          r.histTotal--;
        }
        return;
      }
    }
  }

  private static void addRate(GuardRecord r, long now) {
    bump(r, 0, GuardRecord.MINUTE_OFFSET, GuardRecord.MINUTE_BUCKETS, GuardRecord.MINUTE_SPAN, now);
    bump(r, 1, GuardRecord.HOUR_OFFSET, GuardRecord.HOUR_BUCKETS, GuardRecord.HOUR_SPAN, now);
    bump(r, 2, GuardRecord.DAY_OFFSET, GuardRecord.DAY_BUCKETS, GuardRecord.DAY_SPAN, now);
  }

  /** Moves a window's head to the bucket of {@code now}, emptying the buckets it passes. */
  private static int advance(int[] rate, int w, int offset, int n, int span, long now) {
    int stamp = (int) (now / span);
    int head = rate[GuardRecord.RATE_HEAD + w];
    if (stamp > head) {
      int steps = stamp - head >= n ? n : stamp - head;
      int total = rate[GuardRecord.RATE_TOTAL + w];
      for (int k = 1; k <= steps; k++) {
        int slot = offset + (int) (((long) head + k) % n);
        total -= rate[slot];
        rate[slot] = 0;
      }
      rate[GuardRecord.RATE_TOTAL + w] = total;
      rate[GuardRecord.RATE_HEAD + w] = stamp;
    }
    return stamp;
  }

  private static void bump(GuardRecord r, int w, int offset, int n, int span, long now) {
    int[] rate = r.rate;
    int stamp = advance(rate, w, offset, n, span, now);
    rate[offset + stamp % n]++;
    rate[GuardRecord.RATE_TOTAL + w]++;
  }

  /** The count of a window ending now: its running total, after emptying the expired buckets. */
  private static int sum(GuardRecord r, int w, int offset, int n, int span, long now) {
    advance(r.rate, w, offset, n, span, now);
    return r.rate[GuardRecord.RATE_TOTAL + w];
  }

  private void evaluate(GuardRecord r, Context c, long now) {
    int level = 0;
    int bits = 0;
    int l;
    if (!perMinute.isOff()) {
      l = perMinute.level(sum(r, 0, GuardRecord.MINUTE_OFFSET, GuardRecord.MINUTE_BUCKETS,
          GuardRecord.MINUTE_SPAN, now));
      if (l > 0) {
        bits |= Reason.RATE_MINUTE.bit();
        level = Math.max(level, l);
      }
    }
    if (!perHour.isOff()) {
      l = perHour.level(sum(r, 1, GuardRecord.HOUR_OFFSET, GuardRecord.HOUR_BUCKETS,
          GuardRecord.HOUR_SPAN, now));
      if (l > 0) {
        bits |= Reason.RATE_HOUR.bit();
        level = Math.max(level, l);
      }
    }
    if (!perDay.isOff()) {
      l = perDay.level(sum(r, 2, GuardRecord.DAY_OFFSET, GuardRecord.DAY_BUCKETS,
          GuardRecord.DAY_SPAN, now));
      if (l > 0) {
        bits |= Reason.RATE_DAY.bit();
        level = Math.max(level, l);
      }
    }
    l = failedLookups.level(Long.bitCount(r.failureBits & failureMask));
    if (l > 0) {
      bits |= Reason.FAILED_LOOKUPS.bit();
      level = Math.max(level, l);
    }
    l = sequential.level(r.chained);
    if (l > 0) {
      bits |= Reason.SEQUENTIAL.bit();
      level = Math.max(level, l);
    }
    l = sameBirthGroup.level(r.group);
    if (l > 0) {
      bits |= Reason.SAME_BIRTH_GROUP.bit();
      level = Math.max(level, l);
    }
    l = wideSpread.level(r.spread);
    if (l > 0) {
      bits |= Reason.WIDE_SPREAD.bit();
      level = Math.max(level, l);
    }
    l = offProfile.level(r.unusual);
    if (l > 0) {
      bits |= Reason.OFF_PROFILE.bit();
      level = Math.max(level, l);
    }
    c.level = level;
    c.bits = bits;
  }

  private PrincipalSnapshot snapshot(GuardRecord r, long now) {
    return new PrincipalSnapshot(r.checks, r.failures,
        sum(r, 0, GuardRecord.MINUTE_OFFSET, GuardRecord.MINUTE_BUCKETS, GuardRecord.MINUTE_SPAN, now),
        sum(r, 1, GuardRecord.HOUR_OFFSET, GuardRecord.HOUR_BUCKETS, GuardRecord.HOUR_SPAN, now),
        sum(r, 2, GuardRecord.DAY_OFFSET, GuardRecord.DAY_BUCKETS, GuardRecord.DAY_SPAN, now),
        Long.bitCount(r.failureBits & failureMask), r.chained, r.spread, r.unusual, r.histTotal,
        r.blockedUntil > now ? Instant.ofEpochSecond(r.blockedUntil) : null,
        r.blockedUntil > now ? r.blockReasons : 0);
  }

  /**
   * Returns the configuration (thresholds and store), never the key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "EnumerationGuard[perMinute=" + perMinute + ", perHour=" + perHour + ", perDay=" + perDay
        + ", sequential=" + sequential + " (gap " + sequentialGap + "), sameBirthGroup="
        + sameBirthGroup + ", breadthWindow=" + breadthWindow + ", wideSpread=" + wideSpread
        + ", offProfile=" + offProfile + " (share " + unusualPermille / 1000.0 + ", history "
        + minHistory + "), failedLookups=" + failedLookups + " (of " + failureWindow
        + "), sharedTarget=" + sharedTarget + " (" + Duration.ofSeconds(targetWindowSeconds)
        + "), blockFor=" + Duration.ofSeconds(blockSeconds) + ", slowDownDelay=" + slowDelay
        + ", failOpen=" + failOpen + ", store=" + store + "]";
  }

  /**
   * Builds an {@link EnumerationGuard}; every setting has a safe default, listed on its method.
   * Not thread-safe; {@link #build()} may be called more than once.
   *
   * <pre>{@code
   * EnumerationGuard guard = EnumerationGuard.builder()
   *     .keys(ring, "guard")
   *     .maxPrincipals(50_000)
   *     .sequential(Limit.of(2, 4))
   *     .blockFor(Duration.ofHours(24))
   *     .build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Fingerprinter fingerprinter;
    private GuardStore store;
    private int maxPrincipals = InMemoryGuardStore.DEFAULT_MAX_PRINCIPALS;
    private int targetSlots = InMemoryGuardStore.DEFAULT_TARGET_SLOTS;
    private boolean capacitySet;
    private NirValidator validator = NirValidator.strict();
    private Limit perMinute = Limit.of(12, 30);
    private Limit perHour = Limit.of(150, 400);
    private Limit perDay = Limit.of(600, 1500);
    private Limit sequential = Limit.of(3, 5);
    private int sequentialGap = 8;
    private Limit sameBirthGroup = Limit.of(4, 6);
    private int breadthWindow = 48;
    private Limit wideSpread = Limit.of(20, 25);
    private Limit offProfile = Limit.of(22, 29);
    private double unusualShare = 0.015;
    private int minHistory = 30;
    private int failureWindow = 32;
    private Limit failedLookups = Limit.of(8, 12);
    private Limit sharedTarget = Limit.of(5, 8);
    private Duration sharedTargetWindow = Duration.ofHours(24);
    private Duration blockFor = Duration.ofHours(24);
    private Duration slowDownDelay = Duration.ofSeconds(3);
    private boolean failOpen;
    private int knownPatients = 512;

    private Builder() {}

    /**
     * Derives the guard's fingerprint key from the {@link KeyKind#TOKEN} keyset of a purpose
     * (its primary key; see {@link Fingerprinter#create}). Required with a shared store, so that
     * every instance computes the same fingerprints. Default: a random key per guard, which is
     * right for the in-memory store.
     *
     * @param ring the key ring
     * @param purpose the purpose, e.g. {@code guard}
     * @return this builder
     * @throws GeneralSecurityException if the keyset cannot be used
     * @throws IllegalArgumentException if the ring has no TOKEN keyset for the purpose
     */
    public Builder keys(KeyRing ring, String purpose) throws GeneralSecurityException {
      fingerprinter = Fingerprinter.create(ring, purpose);
      return this;
    }

    /** A fixed key, for reproducible tests only (package-private: keys belong in a key ring). */
    Builder fixedKeyForTests(byte[] key32) {
      fingerprinter = Fingerprinter.insecureFromRawKey(key32);
      return this;
    }

    /**
     * Uses a store, e.g. one shared by several instances. Default: an {@link InMemoryGuardStore}
     * sized by {@link #maxPrincipals}.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(GuardStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the capacity of the default in-memory store, in records: one per account and one per
     * client of {@link EnumerationGuard#principal(CharSequence, CharSequence)}. Default 10,000
     * (at most 56 MB: 5.6 KB per account record, 1.5 KB per client record).
     *
     * @param maxPrincipals the most principals held, at least 1
     * @return this builder
     */
    public Builder maxPrincipals(int maxPrincipals) {
      if (maxPrincipals < 1) {
        throw new IllegalArgumentException("maxPrincipals must be at least 1");
      }
      this.maxPrincipals = maxPrincipals;
      this.capacitySet = true;
      return this;
    }

    /**
     * Sets the number of target slots of the default in-memory store (for
     * {@link Reason#SHARED_TARGET}). Default 65,536 (2 MB).
     *
     * @param targetSlots a power of two from 1 to 2<sup>24</sup>
     * @return this builder
     */
    public Builder targetSlots(int targetSlots) {
      if (targetSlots < 1 || targetSlots > (1 << 24) || Integer.bitCount(targetSlots) != 1) {
        throw new IllegalArgumentException("targetSlots must be a power of two from 1 to 2^24");
      }
      this.targetSlots = targetSlots;
      this.capacitySet = true;
      return this;
    }

    /**
     * Sets how many recently seen NIRs each principal remembers, to tell a returning patient from
     * a new one and to count a NIR once a day. Default 512 (4 KB per account; a pharmacy's new
     * patients of about two weeks).
     *
     * @param slots a power of two from 64 to 65,536
     * @return this builder
     */
    public Builder knownPatients(int slots) {
      if (slots < 64 || slots > GuardRecord.MAX_KNOWN || Integer.bitCount(slots) != 1) {
        throw new IllegalArgumentException("knownPatients must be a power of two from 64 to 65536");
      }
      this.knownPatients = slots;
      return this;
    }

    /**
     * Sets the validator for {@link EnumerationGuard#check(CharSequence, CharSequence, Instant)}.
     * Default {@link NirValidator#strict()}.
     *
     * @param validator the validator
     * @return this builder
     */
    public Builder validator(NirValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Sets the limit on distinct NIRs per sliding minute ({@link Reason#RATE_MINUTE}). Default
     * {@code Limit.of(12, 30)}: a counter rarely serves more than one patient a minute, a batch
     * of prescriptions a dozen.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder distinctPerMinute(Limit limit) {
      this.perMinute = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the limit on distinct NIRs per sliding hour ({@link Reason#RATE_HOUR}). Default
     * {@code Limit.of(150, 400)}.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder distinctPerHour(Limit limit) {
      this.perHour = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the limit on distinct NIRs per sliding 24 hours ({@link Reason#RATE_DAY}). Default
     * {@code Limit.of(600, 1500)}: a busy pharmacy sees a few hundred patients a day.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder distinctPerDay(Limit limit) {
      this.perDay = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the limit on chained new NIRs among the last 64 ({@link Reason#SEQUENTIAL}): a new NIR
     * is chained when an earlier one has the same sex, year, month and place of birth and an order
     * number at most {@link #sequentialGap} away. Default {@code Limit.of(3, 5)}: twins make one
     * chain, a walker one per lookup.
     *
     * @param limit the limit, deny at most 64
     * @return this builder
     */
    public Builder sequential(Limit limit) {
      this.sequential = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets how far apart two order numbers may be and still chain. Default 8 (a walker skipping
     * unassigned numbers).
     *
     * @param gap from 1 to 998
     * @return this builder
     */
    public Builder sequentialGap(int gap) {
      if (gap < 1 || gap > 998) {
        throw new IllegalArgumentException("sequentialGap must be from 1 to 998");
      }
      this.sequentialGap = gap;
      return this;
    }

    /**
     * Sets the limit on how many of the last 64 new NIRs share the birth group (sex, year, month,
     * place) of the newest one ({@link Reason#SAME_BIRTH_GROUP}). Default {@code Limit.of(4, 6)}.
     *
     * @param limit the limit, deny at most 64
     * @return this builder
     */
    public Builder sameBirthGroup(Limit limit) {
      this.sameBirthGroup = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets how many of the latest distinct lookups (new and returning patients; a NIR counts once a
     * day) the breadth signals look at. Default 48.
     *
     * @param window from 8 to 56
     * @return this builder
     */
    public Builder breadthWindow(int window) {
      if (window < 8 || window > MAX_BREADTH_WINDOW) {
        throw new IllegalArgumentException("breadthWindow must be from 8 to 56");
      }
      this.breadthWindow = window;
      return this;
    }

    /**
     * Sets the limit on the spread of the breadth window ({@link Reason#WIDE_SPREAD}): the number
     * of distinct departments of birth minus the number of lookups in the most common one. Works
     * from the first lookup, without history. Default {@code Limit.of(20, 25)} of 48: a practice's
     * patients pile up in a home department and come back, a robot's are spread over the country.
     *
     * @param limit the limit, deny at most the breadth window
     * @return this builder
     */
    public Builder wideSpread(Limit limit) {
      this.wideSpread = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the limit on off-profile NIRs among the breadth window ({@link Reason#OFF_PROFILE}): a
     * new NIR (never a returning patient) is off-profile when its department or decade of birth
     * makes up less than {@link #unusualShare} of the account's learned patients. Default
     * {@code Limit.of(22, 29)} of 48.
     *
     * @param limit the limit, deny at most the breadth window
     * @return this builder
     */
    public Builder offProfile(Limit limit) {
      this.offProfile = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the share below which a department or decade is unusual for a principal. Default
     * 0.015 (1.5 %).
     *
     * @param share greater than 0, at most 0.5
     * @return this builder
     */
    public Builder unusualShare(double share) {
      if (!(share > 0 && share <= 0.5)) {
        throw new IllegalArgumentException("unusualShare must be in (0, 0.5]");
      }
      this.unusualShare = share;
      return this;
    }

    /**
     * Sets how many new patients the guard must have learned of an account before
     * {@link Reason#OFF_PROFILE} applies. A NIR is learned once it has left the breadth window, so
     * a robot's lookups cannot make themselves look usual. Default 30.
     *
     * @param newPatients at least 1
     * @return this builder
     */
    public Builder minHistory(int newPatients) {
      if (newPatients < 1) {
        throw new IllegalArgumentException("minHistory must be at least 1");
      }
      this.minHistory = newPatients;
      return this;
    }

    /**
     * Sets over how many of the latest lookups failures are counted. Default 32.
     *
     * @param lookups from 8 to 64
     * @return this builder
     */
    public Builder failureWindow(int lookups) {
      if (lookups < 8 || lookups > 64) {
        throw new IllegalArgumentException("failureWindow must be from 8 to 64");
      }
      this.failureWindow = lookups;
      return this;
    }

    /**
     * Sets the limit on failed lookups (invalid text, unknown NIR) in the failure window
     * ({@link Reason#FAILED_LOOKUPS}). Default {@code Limit.of(8, 12)} of 32: people make a typo
     * in one lookup of fifty; a robot guessing NIRs fails most of the time.
     *
     * @param limit the limit, deny at most the failure window
     * @return this builder
     */
    public Builder failedLookups(Limit limit) {
      this.failedLookups = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the limit on distinct principals querying one NIR within the shared-target window
     * ({@link Reason#SHARED_TARGET}); this denies the lookup, not the principal. Default
     * {@code Limit.of(5, 8)}: a patient meets a pharmacist, a doctor and a laboratory, not eight
     * accounts a day.
     *
     * @param limit the limit (at most 8 with the in-memory store)
     * @return this builder
     */
    public Builder sharedTarget(Limit limit) {
      this.sharedTarget = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Sets the shared-target window. Default 24 hours.
     *
     * @param window positive, whole seconds
     * @return this builder
     */
    public Builder sharedTargetWindow(Duration window) {
      if (window.getSeconds() < 1) {
        throw new IllegalArgumentException("sharedTargetWindow must be at least one second");
      }
      this.sharedTargetWindow = window;
      return this;
    }

    /**
     * Sets how long a principal stays blocked after a DENY from a principal signal. Default 24
     * hours; zero makes denials non-sticky.
     *
     * @param duration from zero to 366 days
     * @return this builder
     */
    public Builder blockFor(Duration duration) {
      if (duration.isNegative() || duration.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("blockFor must be from 0 to 366 days");
      }
      this.blockFor = duration;
      return this;
    }

    /**
     * Sets the delay suggested with SLOW_DOWN. Default 3 seconds.
     *
     * @param delay from zero to one hour
     * @return this builder
     */
    public Builder slowDownDelay(Duration delay) {
      if (delay.isNegative() || delay.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("slowDownDelay must be from 0 to 1 hour");
      }
      this.slowDownDelay = delay;
      return this;
    }

    /**
     * Sets what the guard answers when its store fails: DENY (default, fail closed) or ALLOW
     * ({@code true}), both with {@link Reason#STORE_UNAVAILABLE}.
     *
     * @param failOpen whether to allow when the store fails
     * @return this builder
     */
    public Builder failOpen(boolean failOpen) {
      this.failOpen = failOpen;
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     * @throws IllegalStateException if a custom store is set without {@link #keys}, or together
     *     with in-memory capacities, or a limit exceeds what its window can count
     */
    public EnumerationGuard build() {
      if (store != null && fingerprinter == null) {
        throw new IllegalStateException(
            "a custom (shared) store needs a shared key: call keys(ring, purpose)");
      }
      if (store != null && capacitySet) {
        throw new IllegalStateException("maxPrincipals/targetSlots apply to the default store only");
      }
      check(sequential, GuardRecord.RING, "sequential");
      check(sameBirthGroup, GuardRecord.RING, "sameBirthGroup");
      check(wideSpread, breadthWindow, "wideSpread");
      check(offProfile, breadthWindow, "offProfile");
      check(failedLookups, failureWindow, "failedLookups");
      if (store == null || store instanceof InMemoryGuardStore) {
        check(sharedTarget, InMemoryGuardStore.TAGS, "sharedTarget");
      }
      return new EnumerationGuard(this, fingerprinter != null ? fingerprinter : Fingerprinter.random());
    }

    private static void check(Limit limit, int max, String name) {
      if (!limit.isOff() && limit.deny() > max) {
        throw new IllegalStateException(name + " deny threshold exceeds what its window can count ("
            + max + ")");
      }
    }

    /**
     * Returns the settings, never the key.
     *
     * @return a description
     */
    @Override
    public String toString() {
      return "EnumerationGuard.Builder[key=" + (fingerprinter == null ? "random" : "from key ring") + "]";
    }
  }
}
