package io.github.nirguard.guard;

import java.time.Duration;

/**
 * How long step-up states last, one group of a {@link GuardSettings}: an account's requirement when
 * nobody passes it, a client's requirement (renewed by each attempt), and a client's exemption
 * after it stepped up. Each at least a second; read by {@link Mutation}.
 *
 * @param account the account's requirement
 * @param client a client's requirement
 * @param verified the exemption after a step-up
 */
record StepUpTimes(Duration account, Duration client, Duration verified) {
  /**
   * The defaults, documented on {@link GuardSettings#withStepUpFor}: 24 hours, 7 days, 12 hours.
   */
  static final StepUpTimes DEFAULTS =
      new StepUpTimes(Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(12));

  /** The three durations, checked in that order. */
  static StepUpTimes of(Duration account, Duration client, Duration verified) {
    return new StepUpTimes(
        SettingsValues.positive(account, "stepUpFor"),
        SettingsValues.positive(client, "clientStepUpFor"),
        SettingsValues.positive(verified, "verifiedFor"));
  }

  /** As the guard's description has always shown them, e.g. {@code stepUpFor=PT24H/PT168H, …}. */
  String describe() {
    return "stepUpFor=" + account + "/" + client + ", verifiedFor=" + verified;
  }
}
