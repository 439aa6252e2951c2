package io.github.nirguard.guard;

import io.github.nirguard.crypto.Fingerprinter;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.validate.NirValidator;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link EnumerationGuard} from its parts: the key, the store, the validator and the
 * {@link GuardSettings}; every part has a safe default. Not thread-safe; {@link #build()} may be
 * called more than once.
 *
 * <pre>{@code
 * EnumerationGuard guard = EnumerationGuard.builder()
 *     .keys(ring, "guard")
 *     .maxPrincipals(50_000)
 *     .settings(GuardSettings.defaults().withSequential(Limit.of(2, 4)))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GuardBuilder {
  private @Nullable Fingerprinter fingerprinter;
  private @Nullable GuardStore store;
  private int maxPrincipals = InMemoryGuardStore.DEFAULT_MAX_PRINCIPALS;
  private int targetSlots = InMemoryGuardStore.DEFAULT_TARGET_SLOTS;
  private boolean capacitySet;
  private NirValidator validator = NirValidator.strict();
  private GuardSettings settings = GuardSettings.defaults();
  private boolean observeOnly;
  private DecisionListener listener = (decision, enforced) -> {};

  GuardBuilder() {}

  /**
   * Derives the guard's fingerprint key from the {@link KeyKind#FINGERPRINT} keyset of a purpose
   * (its primary key; see {@link Fingerprinter#create}): a lookup host needs that keyset only, no
   * token key ({@code nir keys export --kind fingerprint}). Required with a shared store, so that
   * every instance computes the same fingerprints. Default: a random key per guard, which is right
   * for the in-memory store. Releases before the fingerprint kind derived the key from the TOKEN
   * keyset: see docs/keys.md for the migration.
   *
   * @param ring the key ring
   * @param purpose the purpose, e.g. {@code guard}
   * @return this builder
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws IllegalArgumentException if the ring has no FINGERPRINT keyset for the purpose (a
   *     {@code NoSuchKeysetException})
   */
  public GuardBuilder keys(KeyRing ring, String purpose) throws GeneralSecurityException {
    fingerprinter = Fingerprinter.create(ring, purpose);
    return this;
  }

  /** A fixed key, for reproducible tests only (package-private: keys belong in a key ring). */
  GuardBuilder fixedKeyForTests(byte[] key32) {
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
  public GuardBuilder store(GuardStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets the capacity of the default in-memory store, in records: one per account and one per
   * client of {@link EnumerationGuard#principal(CharSequence, CharSequence)}. Default 10,000 (at
   * most 62 MB: 6.2 KB per account record, 2.0 KB per client record).
   *
   * @param maxPrincipals the most principals held, at least 1
   * @return this builder
   */
  public GuardBuilder maxPrincipals(int maxPrincipals) {
    if (maxPrincipals < 1) {
      throw new IllegalArgumentException("maxPrincipals must be at least 1");
    }
    this.maxPrincipals = maxPrincipals;
    this.capacitySet = true;
    return this;
  }

  /**
   * Sets the number of target slots of the default in-memory store (for {@link
   * Reason#SHARED_TARGET}). Default 65,536 (2 MB).
   *
   * @param targetSlots a power of two from 1 to 2<sup>24</sup>
   * @return this builder
   */
  public GuardBuilder targetSlots(int targetSlots) {
    if (targetSlots < 1 || targetSlots > (1 << 24) || Integer.bitCount(targetSlots) != 1) {
      throw new IllegalArgumentException("targetSlots must be a power of two from 1 to 2^24");
    }
    this.targetSlots = targetSlots;
    this.capacitySet = true;
    return this;
  }

  /**
   * Sets the validator for {@link EnumerationGuard#check(CharSequence, CharSequence, Instant)}.
   * Default {@link NirValidator#strict()}.
   *
   * @param validator the validator
   * @return this builder
   */
  public GuardBuilder validator(NirValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
    return this;
  }

  /**
   * Sets the thresholds. Default {@link GuardSettings#defaults()}.
   *
   * @param settings the settings
   * @return this builder
   */
  public GuardBuilder settings(GuardSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Observation mode: the guard decides and records as usual (blocks included) but every check
   * answers ALLOW, carrying the reasons it would have given; the {@link #onDecision listener} hears
   * the decision it would have enforced. For calibrating on real traffic before enforcing. Default
   * {@code false}.
   *
   * @param observeOnly whether to answer ALLOW whatever the decision
   * @return this builder
   * @since 0.1.0
   */
  public GuardBuilder observeOnly(boolean observeOnly) {
    this.observeOnly = observeOnly;
    return this;
  }

  /**
   * Sets a listener that hears every decision (e.g. {@link DecisionCounts} for metrics). Default:
   * none.
   *
   * @param listener the listener
   * @return this builder
   * @since 0.1.0
   */
  public GuardBuilder onDecision(DecisionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Builds the guard.
   *
   * @return the guard
   * @throws IllegalStateException if a custom store is set without {@link #keys}, or together with
   *     in-memory capacities, or a limit exceeds what its window can count
   */
  public EnumerationGuard build() {
    if (store != null && fingerprinter == null) {
      throw new IllegalStateException(
          "a custom (shared) store needs a shared key: call keys(ring, purpose)");
    }
    if (store != null && capacitySet) {
      throw new IllegalStateException("maxPrincipals/targetSlots apply to the default store only");
    }
    settings.checkReachable();
    if (store == null || store instanceof InMemoryGuardStore) {
      SettingsValues.checkReachable(
          settings.sharedTarget(), InMemoryGuardStore.TAGS, "sharedTarget");
    }
    return new EnumerationGuard(
        fingerprinter != null ? fingerprinter : Fingerprinter.random(),
        store != null ? store : InMemoryGuardStore.create(maxPrincipals, targetSlots),
        validator,
        settings,
        observeOnly,
        listener);
  }

  /**
   * Returns the settings, never the key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "GuardBuilder[key=" + (fingerprinter == null ? "random" : "from key ring") + "]";
  }
}
