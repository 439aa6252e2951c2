package io.github.nirguard.spark;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-JVM state of one {@link ProtectedKeys}: the decrypted ring and the tokenizers built from
 * it, shared by every task of the JVM, for one TTL at a time ({@link ProtectedKeys#cacheTtl()}).
 * Never serialized.
 */
final class Engines {
  /** Key: {@link ProtectedKeys#id()}. */
  private static final ConcurrentHashMap<String, Engines> BY_RING = new ConcurrentHashMap<>();

  /** How many rings this JVM has decrypted: for tests of the once-per-JVM rule. */
  static final AtomicInteger DECRYPTIONS = new AtomicInteger();

  /** How many times an expired entry was renewed by opening the ring with the KEK again (tests). */
  static final AtomicInteger RENEWALS = new AtomicInteger();

  private final KeyRing ring;

  /**
   * {@link System#nanoTime()} when the KEK last opened the ring. One TTL later (the caller's), the
   * entry is served only once the KEK has opened the ring again: whoever lost access to the KEK (a
   * revoked KMS grant) loses the keys within one TTL.
   */
  private volatile long openedAt;

  private final ConcurrentHashMap<String, KeyedTokenizer> keyed = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ReversibleTokenizer> reversible =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, NirFpe> fpe = new ConcurrentHashMap<>();

  private Engines(KeyRing ring) {
    this.ring = ring;
    this.openedAt = System.nanoTime();
  }

  /** Whether the keys' TTL has run out for this entry (a cheap check, made on every use). */
  boolean expired(ProtectedKeys keys) {
    return System.nanoTime() - openedAt >= keys.cacheTtlNanos();
  }

  /**
   * Returns the engines of a ring, decrypting it if this JVM has not yet done so; concurrent first
   * calls decrypt once. An entry older than the keys' TTL is served only after the KEK has opened
   * the ring again (a KMS call); if it no longer can, the entry is dropped and the call fails.
   */
  static Engines of(ProtectedKeys keys) {
    Engines e =
        BY_RING.computeIfAbsent(
            keys.id(),
            id -> {
              KeyRing r = open(keys);
              DECRYPTIONS.incrementAndGet();
              return new Engines(r);
            });
    if (e.expired(keys)) {
      e.renew(keys);
    }
    return e;
  }

  /** Opens the ring with the KEK again, or drops this entry. */
  private synchronized void renew(ProtectedKeys keys) {
    if (!expired(keys)) {
      return; // another thread renewed it meanwhile
    }
    try {
      open(keys);
    } catch (IllegalStateException failed) {
      BY_RING.remove(keys.id(), this);
      throw failed;
    }
    RENEWALS.incrementAndGet();
    openedAt = System.nanoTime();
  }

  private static KeyRing open(ProtectedKeys keys) {
    try {
      return keys.decrypt();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "nirguard: cannot decrypt the key ring with " + keys.kekReference() + " on this JVM", e);
    }
  }

  /** Forgets every decrypted ring of this JVM (tests). */
  static void clear() {
    BY_RING.clear();
  }

  KeyRing ring() {
    return ring;
  }

  KeyedTokenizer keyed(String purpose) {
    return keyed.computeIfAbsent(purpose, p -> build(() -> KeyedTokenizer.create(ring, p)));
  }

  ReversibleTokenizer reversible(String purpose, Token.Scheme scheme) {
    return reversible.computeIfAbsent(
        scheme.prefix() + " " + purpose,
        k ->
            build(
                () ->
                    scheme == Token.Scheme.SIV
                        ? ReversibleTokenizer.siv(ring, purpose)
                        : ReversibleTokenizer.prp(ring, purpose)));
  }

  /** The FPE of the purpose's primary key: the one to encrypt with. */
  NirFpe fpe(String purpose, NirFpe.Mode mode) {
    return fpe.computeIfAbsent(
        mode.name() + " " + purpose, k -> build(() -> NirFpe.create(ring, purpose, mode)));
  }

  /**
   * The FPE to decrypt with when no key id is given: the keyset's only key. FPE output carries no
   * key id and decrypts under any key to some NIR, so after a rotation the primary would be a guess
   * that silently gives wrong NIRs: with more than one key in the keyset (whatever their status),
   * this refuses, naming the purpose, and the caller must pass the key id.
   */
  NirFpe fpeOnlyKey(String purpose, NirFpe.Mode mode) {
    int size = ring.keyCount(purpose, KeyKind.FPE); // no keyset: NoSuchKeysetException naming it
    if (size > 1) {
      throw new IllegalArgumentException(
          "nirguard: the FPE keyset of purpose '"
              + purpose
              + "' holds "
              + size
              + " keys (it was rotated), so decrypting without a key id would guess the key and could give"
              + " wrong NIRs: pass the id of the key that encrypted the values,"
              + " nir_fpe_decrypt(text, purpose, mode, key_id), as nir_fpe_key_id gave it at encryption"
              + " (or see nir keys list)");
    }
    return fpe(purpose, mode);
  }

  /** The FPE of one given key of the purpose's keyset, for values it encrypted. */
  NirFpe fpe(String purpose, NirFpe.Mode mode, int keyId) {
    return fpe.computeIfAbsent(
        mode.name() + " " + purpose + " " + keyIdHex(keyId),
        k -> {
          var unused = ring.keyCount(purpose, KeyKind.FPE); // none: NoSuchKeysetException
          try {
            return NirFpe.forKey(ring, purpose, mode, keyId);
          } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                "nirguard: the FPE keyset of purpose '"
                    + purpose
                    + "' has no enabled key with the given key id (see nir keys list)");
          }
        });
  }

  /** The 8 hex digits of a key id, as {@code nir keys list} prints it. */
  static String keyIdHex(int keyId) {
    return String.format(Locale.ROOT, "%08x", keyId);
  }

  /** A factory that may fail. */
  @FunctionalInterface
  private interface Factory<T> {
    T make() throws GeneralSecurityException;
  }

  /**
   * Builds a tool; a missing keyset is a configuration error and stays an {@link
   * IllegalArgumentException} naming purpose and kind, which fails the query on purpose.
   */
  private static <T> T build(Factory<T> f) {
    try {
      return f.make();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("nirguard: a keyset of the ring cannot be used", e);
    }
  }
}
