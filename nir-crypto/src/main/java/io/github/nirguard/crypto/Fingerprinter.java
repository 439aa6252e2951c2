package io.github.nirguard.crypto;

import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keyed 64-bit fingerprints of short values and names, for counting without storing: the
 * enumeration guard's fingerprints of NIRs, birth groups and principals. Immutable, thread-safe,
 * allocation-free; a fingerprint costs a few dozen nanoseconds.
 *
 * <p>SipHash-2-4 under two independent 128-bit keys, one for values ({@link #fingerprint(long,
 * long)}) and one for names ({@link #fingerprintName(CharSequence)}, {@link #fingerprintNames(long,
 * long)}). The 256 bits come from the PRF primary key of a purpose's {@link KeyKind#FINGERPRINT}
 * keyset over {@code nirguard/v1/guard-siphash/<purpose>}, so that every process with the key ring
 * computes the same fingerprints, or from a random key that lives as long as the object. A
 * fingerprint is no token: 64 bits are enough to count and tell apart, not to publish; without the
 * key it cannot be tested against candidate values.
 *
 * <pre>{@code
 * Fingerprinter f = Fingerprinter.create(ring, "guard");   // or Fingerprinter.random()
 * long account = f.fingerprintName("rpps-10001234567");
 * long client = f.fingerprintNames(account, f.fingerprintName("workstation-3"));
 * long patient = f.fingerprint(0x6e67_6e69_7231_0001L, nir.numericBody());   // a domain per kind
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Fingerprinter {
  /** The PRF input, followed by the purpose: fixed, or every stored fingerprint would change. */
  static final String INFO = "nirguard/v1/guard-siphash/";

  static final int KEY_BYTES = 32;

  private final SipHash values;
  private final SipHash names;

  private Fingerprinter(byte[] key32) {
    this.values = SipHash.of(key32, 0);
    this.names = SipHash.of(key32, 16);
  }

  /**
   * Derives the key from the primary key of a purpose's {@link KeyKind#FINGERPRINT} keyset: every
   * fingerprinter created from the same ring and purpose computes the same fingerprints, and a
   * lookup host needs that keyset only ({@code nir keys export --kind fingerprint}).
   *
   * @param ring the key ring
   * @param purpose the purpose, e.g. {@code guard}
   * @return the fingerprinter
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no FINGERPRINT keyset for the purpose (an {@link
   *     IllegalArgumentException}, as is an invalid purpose name)
   * @throws NullPointerException if {@code ring} is null
   */
  public static Fingerprinter create(KeyRing ring, String purpose) throws GeneralSecurityException {
    return fromPrf(ring, purpose, KeyKind.FINGERPRINT);
  }

  /**
   * Derives the key as releases before the {@link KeyKind#FINGERPRINT} kind did, from the primary
   * key of a purpose's {@link KeyKind#TOKEN} keyset: for fingerprints stored under that key (a
   * shared guard store being migrated) and known-answer tests only. New deployments use {@link
   * #create}; docs/keys.md describes the migration.
   *
   * <pre>{@code
   * Fingerprinter old = Fingerprinter.fromTokenKeyset(ring, "guard");   // the 0.1 fingerprints
   * }</pre>
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the fingerprinter
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no TOKEN keyset for the purpose
   * @since 0.1.0
   */
  public static Fingerprinter fromTokenKeyset(KeyRing ring, String purpose)
      throws GeneralSecurityException {
    return fromPrf(ring, purpose, KeyKind.TOKEN);
  }

  private static Fingerprinter fromPrf(KeyRing ring, String purpose, KeyKind kind)
      throws GeneralSecurityException {
    Objects.requireNonNull(ring, "ring");
    Purpose.check(purpose);
    TinkSetup.ensure();
    PrfSet prf = ring.handle(purpose, kind).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    byte[] key = prf.computePrimary((INFO + purpose).getBytes(StandardCharsets.UTF_8), KEY_BYTES);
    try {
      return new Fingerprinter(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Draws a random key, which lives as long as the fingerprinter: right for state that stays in one
   * process (the guard's in-memory store).
   *
   * @return the fingerprinter
   */
  public static Fingerprinter random() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      return new Fingerprinter(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Uses raw key bytes, for known-answer tests and reproducible simulations only: keys belong in a
   * {@link KeyRing}. The array is read, not kept; the caller wipes it.
   *
   * @param key 32 key bytes
   * @return the fingerprinter
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static Fingerprinter insecureFromRawKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a 32-byte key is required");
    }
    return new Fingerprinter(key);
  }

  /**
   * Returns the fingerprint of a value in a domain: SipHash-2-4, under the value key, of the 16
   * bytes {@code le64(domain) || le64(value)}. Use one domain constant per kind of value.
   *
   * @param domain a constant separating kinds of values
   * @param value the value, e.g. a NIR's numeric body
   * @return the fingerprint
   */
  public long fingerprint(long domain, long value) {
    return values.hash(domain, value);
  }

  /**
   * Returns the fingerprint of a name: SipHash-2-4, under the name key, of its UTF-16LE encoding.
   *
   * @param name the name, e.g. an account identifier
   * @return the fingerprint
   */
  public long fingerprintName(CharSequence name) {
    return names.hash(name);
  }

  /**
   * Returns the fingerprint of a pair of name fingerprints, e.g. a client within an account:
   * SipHash-2-4, under the name key, of {@code le64(first) || le64(second)}.
   *
   * @param first the first fingerprint
   * @param second the second fingerprint
   * @return the fingerprint
   */
  public long fingerprintNames(long first, long second) {
    return names.hash(first, second);
  }

  /**
   * Returns {@code Fingerprinter[SipHash-2-4, key hidden]}: never the key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "Fingerprinter[SipHash-2-4, key hidden]";
  }
}
