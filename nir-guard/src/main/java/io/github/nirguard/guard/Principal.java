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
 * <p>A principal belongs to a tenant: every principal made without {@link #inTenant} shares the
 * guard's one default tenant. The tenant-wide signals ({@link Reason#TENANT_NEW_PATIENTS}, {@link
 * Reason#COLD_START_SWARM}) count over a tenant's principals. A client fingerprint ({@link
 * #withClientFingerprint}) is what the service sees of the device or network behind the session;
 * the same fingerprint on many accounts raises {@link Reason#SHARED_FINGERPRINT}.
 *
 * <pre>{@code
 * Principal who = guard.principal(session.account(), session.clientCertificateId())
 *     .inTenant(session.organisationId())          // optional: one tenant by default
 *     .withClientFingerprint(session.deviceHash()); // optional: a device or network the service sees
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
  final long tenant;
  final long device;

  Principal(EnumerationGuard guard, long account, long client, boolean hasClient, long tenant) {
    this(guard, account, client, hasClient, tenant, 0);
  }

  private Principal(
      EnumerationGuard guard,
      long account,
      long client,
      boolean hasClient,
      long tenant,
      long device) {
    this.guard = guard;
    this.account = account;
    this.client = client;
    this.hasClient = hasClient;
    this.tenant = tenant;
    this.device = device;
  }

  /**
   * Returns this principal in a tenant: an organisation the service knows (a pharmacy chain, a
   * hospital group, a software vendor's customer). The tenant-wide signals count per tenant;
   * without a tenant, every principal of the guard shares one.
   *
   * @param tenant the tenant's identifier
   * @return a copy in that tenant (keyed fingerprints only)
   * @throws NullPointerException if {@code tenant} is null
   * @throws IllegalArgumentException if {@code tenant} is empty
   */
  public Principal inTenant(CharSequence tenant) {
    return new Principal(guard, account, client, hasClient, guard.tenantKey(tenant), device);
  }

  /**
   * Returns this principal with a client fingerprint: what the service sees of the device or
   * network behind the session (a device certificate's hash, a network range, a user-agent
   * fingerprint). The same fingerprint on more accounts than {@code sharedFingerprint} allows
   * within its window asks the client for a step-up ({@link Reason#SHARED_FINGERPRINT}).
   *
   * @param fingerprint the client fingerprint
   * @return a copy with that fingerprint (keyed, never kept in clear)
   * @throws NullPointerException if {@code fingerprint} is null
   * @throws IllegalArgumentException if {@code fingerprint} is empty
   */
  public Principal withClientFingerprint(CharSequence fingerprint) {
    return new Principal(guard, account, client, hasClient, tenant, guard.deviceKey(fingerprint));
  }

  /**
   * Returns whether a client fingerprint was given.
   *
   * @return {@code true} if made with {@link #withClientFingerprint}
   */
  public boolean hasClientFingerprint() {
    return device != 0;
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
        && ((Principal) o).hasClient == hasClient
        && ((Principal) o).tenant == tenant
        && ((Principal) o).device == device;
  }

  @Override
  public int hashCode() {
    return Long.hashCode((account * 31 + client) * 31 + tenant) * 31 + Long.hashCode(device);
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
