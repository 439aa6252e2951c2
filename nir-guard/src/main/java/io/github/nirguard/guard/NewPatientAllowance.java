package io.github.nirguard.guard;

/**
 * The allowance of NIRs new to a principal ({@link Reason#NEW_PATIENTS}), one group of a {@link
 * GuardSettings}: the cold-start allowances of an account and of a client (0: no limit), the growth
 * factor over the learned daily count, and the multiple of the cold start a principal may see
 * before a human first steps up on it (0: no lifetime limit). What {@link Novelty} counts against.
 *
 * @param account the cold-start allowance of an account
 * @param client the cold-start allowance of a client
 * @param growth the factor over the learned daily count
 * @param lifetime the multiple of the cold start before a first step-up
 */
record NewPatientAllowance(int account, int client, double growth, int lifetime) {
  /** The defaults, documented on {@link GuardSettings#withNewPatients}: 30, 15, 2 and 1. */
  static final NewPatientAllowance DEFAULTS = new NewPatientAllowance(30, 15, 2.0, 1);

  /** A copy with other daily allowances; checks the account's, the client's, then the growth. */
  NewPatientAllowance withDaily(int account, int client, double growth) {
    return new NewPatientAllowance(
        allowance(account, "account allowance"),
        allowance(client, "client allowance"),
        growth(growth),
        lifetime);
  }

  /** A copy with another lifetime multiple, from 0 to 1,000. */
  NewPatientAllowance withLifetime(int times) {
    return new NewPatientAllowance(
        account, client, growth, SettingsValues.range(times, 0, 1000, "times"));
  }

  private static int allowance(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be 0 (off) or more");
    }
    return value;
  }

  private static double growth(double growth) {
    if (!(growth >= 1 && growth <= 100)) {
      throw new IllegalArgumentException("newPatients growth must be from 1 to 100");
    }
    return growth;
  }

  /**
   * As the guard's description has always shown it, e.g. {@code 30/15 x2.0 (before a first step-up
   * x1)}.
   */
  String describe() {
    return account + "/" + client + " x" + growth + " (before a first step-up x" + lifetime + ")";
  }
}
