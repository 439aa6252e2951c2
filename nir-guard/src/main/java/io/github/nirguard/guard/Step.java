package io.github.nirguard.guard;

import io.github.nirguard.crypto.Fingerprinter;
import org.jspecify.annotations.Nullable;

/**
 * The inputs and outputs of one mutation of a {@link GuardRecord}, reused by one thread (the guard
 * allocates nothing on ALLOW). Re-runnable: a store may run a mutation twice, the outputs are
 * overwritten.
 */
final class Step {
  /** What a step does to a record. */
  enum Kind {
    /** A query by a valid NIR. */
    LOOKUP,
    /** A query whose text was not a valid NIR: a failed lookup. */
    INVALID,
    /** A NIR allowed earlier matched nobody: a failed lookup, and no patient. */
    UNKNOWN,
    /** Read the counts, change nothing but the expired buckets. */
    SNAPSHOT,
    /** An operator lifts the block and the short-term evidence. */
    RELEASE,
    /** Block the account after a DENY on one of its clients. */
    BLOCK,
    /** Require a step-up of the step's client, in the account's record. */
    REQUIRE,
    /** The step's client re-authenticated: verify it, in the account's record. */
    STEP_UP,
    /** The service reported care following a lookup of the step's NIR. */
    FOLLOW_UP
  }

  /** The queried NIR, for LOOKUP, UNKNOWN and FOLLOW_UP. */
  final NirFeatures nir;

  /** Set by {@link #start}; before the first start, a kind that changes nothing. */
  Kind kind = Kind.SNAPSHOT;

  /** The epoch second; the mutation moves it up to the record's latest. */
  long now;

  /** Whether the record is a client's (else an account's). */
  boolean clientLevel;

  /** For BLOCK: the reasons of the client's DENY. */
  int blockBits;

  /** Output: 0 allow, 1 slow down, 2 deny. */
  int level;

  /** Output: the reasons, as {@link Reason#bit()}s. */
  int bits;

  /** Output: the end of the account's block, epoch seconds. */
  long blockedUntil;

  /** Output of SNAPSHOT: null until a record is found. */
  @Nullable PrincipalSnapshot snapshot;

  /** From the account's LOOKUP to its client's: a NIR new to the account. */
  boolean accountNew;

  /** From the account's LOOKUP to its client's: a NIR the account already saw today. */
  boolean accountToday;

  /** Whether the NIR is unusual for the account (judged at the account level). */
  boolean unusual;

  /** The client's tag in the account's step-up table (0 for the account alone). */
  int clientTag;

  /** From the account's step: the client re-authenticated recently. */
  boolean verified;

  /** Output: a step-up is asked for (a signal fired, or a requirement is pending). */
  boolean stepUp;

  /** Output: a requirement was pending; nothing was recorded. */
  boolean pending;

  /** Output: the end of the requirement, epoch seconds, 0 for a one-off step-up. */
  long stepUpUntil;

  /**
   * Output of a LOOKUP's new NIR (or of STEP_UP): the finest principal (the client, else the
   * account) is in its cold start, no human having ever stepped up on it (before this step, for
   * STEP_UP).
   */
  boolean cold;

  /** Output of a LOOKUP's new NIR: the finest principal's first new NIR of the UTC day. */
  boolean firstToday;

  /** Output of the tenant's step: the tenant is over its allowance of new NIRs today. */
  boolean tenantOver;

  /** Output of the tenant's step: the tenant's cold-start alarm is on. */
  boolean swarm;

  /** Output of FOLLOW_UP: a lookup of the NIR was waiting for its follow-up. */
  boolean found;

  Step(Fingerprinter fingerprinter) {
    this.nir = new NirFeatures(fingerprinter);
  }

  /** Starts a step of a kind at a time, on the account's record. */
  Step start(Kind kind, long now) {
    this.kind = kind;
    this.now = now;
    this.clientLevel = false;
    this.accountNew = false;
    this.accountToday = false;
    this.verified = false;
    this.cold = false;
    this.firstToday = false;
    this.tenantOver = false;
    this.swarm = false;
    return this;
  }

  /** Clears the outputs. */
  void clearOutcome() {
    level = 0;
    bits = 0;
    blockedUntil = 0;
    stepUp = false;
    pending = false;
    stepUpUntil = 0;
  }

  /** Adds a signal's verdict: its reason if it fired (level 1 or 2), the higher level. */
  void raise(Reason reason, int signalLevel) {
    if (signalLevel > 0) {
      bits |= reason.bit();
      level = Math.max(level, signalLevel);
    }
  }

  @Override
  public String toString() {
    return "Step[" + kind + ", level " + level + "]";
  }
}
