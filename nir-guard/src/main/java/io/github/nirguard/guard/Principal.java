package io.github.nirguard.guard;

/**
 * Who asks, as the guard sees it: keyed fingerprints of an account and, optionally, of the client
 * within it (a workstation, a client certificate, a session). Made by {@link
 * EnumerationGuard#principal(CharSequence)} or {@link EnumerationGuard#principal(CharSequence,
 * CharSequence)}; immutable; holds no name; cheaper to reuse (keep it in the session) than to
 * rebuild on every check.
 *
 * <p>With a client, every signal is evaluated twice: over the account's traffic and over the
 * client's own. A robot using stolen credentials runs from its own client, so its lookups are not
 * diluted by the account owner's, and a DENY on the client blocks the whole account (its
 * credentials are compromised). What a client's NIRs are compared with (the account's usual
 * patients) is learned at the account level.
 *
 * <pre>{@code
 * Principal who = guard.principal(session.account(), session.clientCertificateId());
 * session.put("guard-principal", who);
 * Decision d = guard.check(who, nir, Instant.now());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Principal {
  final EnumerationGuard guard;
  final long account;
  final long client;
  final boolean hasClient;

  Principal(EnumerationGuard guard, long account, long client, boolean hasClient) {
    this.guard = guard;
    this.account = account;
    this.client = client;
    this.hasClient = hasClient;
  }

  /**
   * Returns whether a client is distinguished within the account.
   *
   * @return {@code true} if made with a client
   */
  public boolean hasClient() {
    return hasClient;
  }

  /** Compares the fingerprints (same guard key). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Principal
        && ((Principal) o).guard == guard
        && ((Principal) o).account == account
        && ((Principal) o).client == client
        && ((Principal) o).hasClient == hasClient;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(account * 31 + client);
  }

  /**
   * Returns {@code Principal[account]} or {@code Principal[account+client]}: never a name or a
   * fingerprint.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return hasClient ? "Principal[account+client]" : "Principal[account]";
  }
}
