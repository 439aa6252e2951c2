package io.github.nirguard.guard;

import java.time.Duration;

/**
 * The read side of {@link GuardSettings}: the public accessors of its values, and what the guard's
 * internals read of them (the values themselves, the reachability check, the unusual share in
 * thousandths, the description). Sealed to {@link GuardSettings}, its only subclass, whose page
 * documents these accessors as its own ({@code docs/decisions/0019-guard-settings-read-side.md}).
 */
abstract sealed class SettingsAccessors permits GuardSettings {
  private final SettingsValues v;

  SettingsAccessors(SettingsValues v) {
    this.v = v;
  }

  /** The values, for the guard's internals (never changed once held). */
  SettingsValues values() {
    return v;
  }

  /** {@return the limit on distinct NIRs per sliding minute} */
  public Limit distinctPerMinute() {
    return v.distinctPerMinute;
  }

  /** {@return the limit on distinct NIRs per sliding hour} */
  public Limit distinctPerHour() {
    return v.distinctPerHour;
  }

  /** {@return the limit on distinct NIRs per sliding 24 hours} */
  public Limit distinctPerDay() {
    return v.distinctPerDay;
  }

  /** {@return the limit on chained new NIRs} */
  public Limit sequential() {
    return v.sequential;
  }

  /** {@return how far apart two order numbers may be and still chain} */
  public int sequentialGap() {
    return v.sequentialGap;
  }

  /** {@return the limit on new NIRs of one birth group} */
  public Limit sameBirthGroup() {
    return v.sameBirthGroup;
  }

  /** {@return how many distinct lookups the breadth signals look at} */
  public int breadthWindow() {
    return v.breadthWindow;
  }

  /** {@return the limit on the spread of the breadth window} */
  public Limit wideSpread() {
    return v.wideSpread;
  }

  /** {@return the limit on off-profile NIRs in the breadth window} */
  public Limit offProfile() {
    return v.offProfile;
  }

  /** {@return the share below which a department or decade is unusual} */
  public double unusualShare() {
    return v.unusualShare;
  }

  /** {@return how many learned patients {@link Reason#OFF_PROFILE} needs} */
  public int minHistory() {
    return v.minHistory;
  }

  /** {@return over how many of the latest lookups failures are counted} */
  public int failureWindow() {
    return v.failureWindow;
  }

  /** {@return the limit on failed lookups in the failure window} */
  public Limit failedLookups() {
    return v.failedLookups;
  }

  /** {@return the limit on distinct principals querying one NIR} */
  public Limit sharedTarget() {
    return v.sharedTarget;
  }

  /** {@return the shared-target window} */
  public Duration sharedTargetWindow() {
    return v.sharedTargetWindow;
  }

  /** {@return how long a principal stays blocked after a DENY} */
  public Duration blockFor() {
    return v.blockFor;
  }

  /** {@return the delay suggested with SLOW_DOWN} */
  public Duration slowDownDelay() {
    return v.slowDownDelay;
  }

  /** {@return whether the guard allows when its store fails} */
  public boolean failOpen() {
    return v.failOpen;
  }

  /** {@return how many recently seen NIRs each principal remembers} */
  public int knownPatients() {
    return v.knownPatients;
  }

  /** Checks that every limit fits what its window can count (the builder calls it). */
  void checkReachable() {
    v.checkReachable();
  }

  /** The unusual share in thousandths, as the guard compares it. */
  int unusualPermille() {
    return v.unusualPermille();
  }

  /** The values as the guard's {@code toString()} has always listed them. */
  String describe() {
    return v.describe();
  }
}
