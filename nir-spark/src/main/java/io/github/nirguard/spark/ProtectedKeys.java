package io.github.nirguard.spark;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyRing;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key ring as it travels through a Spark job: the KEK-encrypted ring file and a {@link
 * KekReference} — never a cleartext key.
 *
 * <p>It is {@link Serializable} and goes to the executors inside the functions' closures (which
 * Spark distributes as broadcast blocks). Each JVM resolves the KEK and decrypts the ring on first
 * use, and keeps it in a static cache keyed by a SHA-256 digest of the ring bytes and the KEK
 * reference; later tasks on that JVM reuse it for one TTL ({@link #withCacheTtl}, ten minutes by
 * default), after which the KEK must open the ring again before it is used.
 *
 * <pre>{@code
 * ProtectedKeys keys = ProtectedKeys.fromFile(Path.of("keys.ring"), KekReference.kms("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"));
 * keys.describe();                              // on the driver: fail fast if the KEK is wrong
 * NirFunctions nir = NirFunctions.register(spark, keys);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ProtectedKeys implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] HEADER = "nirguard-keyring ".getBytes(StandardCharsets.US_ASCII);

  /** The TTL of the per-JVM decrypted ring unless {@link #withCacheTtl} says otherwise. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);

  private final byte[] ringFile;
  private final KekReference kek;

  /** Seconds; 0 in forms serialized before the TTL existed: the default. */
  private final long cacheTtlSeconds;

  private transient volatile @Nullable String id;

  private ProtectedKeys(byte[] ringFile, KekReference kek, long cacheTtlSeconds) {
    this.ringFile = ringFile;
    this.kek = kek;
    this.cacheTtlSeconds = cacheTtlSeconds;
  }

  private ProtectedKeys(byte[] ringFile, KekReference kek) {
    this(ringFile, kek, DEFAULT_CACHE_TTL.getSeconds());
  }

  /**
   * Returns these keys with another TTL for the decrypted ring each JVM keeps: once it has run out,
   * the ring is used again only after the KEK has opened it anew (for a KMS KEK, a call the KMS can
   * refuse: revoking the job's access to the key stops it within one TTL). Default: {@link
   * #DEFAULT_CACHE_TTL}.
   *
   * <pre>{@code
   * ProtectedKeys keys = ProtectedKeys.fromFile(ring, KekReference.kms(uri)).withCacheTtl(Duration.ofMinutes(2));
   * }</pre>
   *
   * @param ttl at least one second
   * @return the keys with that TTL (same ring, same {@link #id()})
   */
  public ProtectedKeys withCacheTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.getSeconds() < 1) {
      throw new IllegalArgumentException("the cache TTL must be at least one second");
    }
    return new ProtectedKeys(ringFile, kek, ttl.getSeconds());
  }

  /**
   * Returns the TTL of the decrypted ring each JVM keeps (see {@link #withCacheTtl}).
   *
   * @return the TTL
   */
  public Duration cacheTtl() {
    if (cacheTtlSeconds < 0) {
      return Duration.ZERO;
    }
    return cacheTtlSeconds > 0 ? Duration.ofSeconds(cacheTtlSeconds) : DEFAULT_CACHE_TTL;
  }

  /** {@link #cacheTtl()} in nanoseconds, read on every use of the cached ring. */
  long cacheTtlNanos() {
    if (cacheTtlSeconds < 0) {
      return 0;
    }
    return cacheTtlSeconds > 0 ? cacheTtlSeconds * 1_000_000_000L : DEFAULT_CACHE_TTL.toNanos();
  }

  /** A copy whose cached ring expires at once, so every use needs the KEK (tests). */
  ProtectedKeys expiringAtOnce() {
    return new ProtectedKeys(ringFile, kek, -1);
  }

  /**
   * Reads a key ring file (as written by {@code nir keys create} or {@link KeyRing#write}), still
   * encrypted; nothing is decrypted here.
   *
   * @param ringFile the key ring file on the driver
   * @param kek where every JVM finds the ring's KEK
   * @return the protected keys
   * @throws IOException if the file cannot be read or is not a key ring file
   */
  public static ProtectedKeys fromFile(Path ringFile, KekReference kek) throws IOException {
    return of(Files.readAllBytes(ringFile), kek);
  }

  /**
   * Wraps the bytes of a key ring file (e.g. fetched from object storage), still encrypted.
   *
   * @param ringFile the content of a key ring file
   * @param kek where every JVM finds the ring's KEK
   * @return the protected keys
   * @throws IOException if the bytes are not a key ring file
   */
  public static ProtectedKeys of(byte[] ringFile, KekReference kek) throws IOException {
    Objects.requireNonNull(ringFile, "ringFile");
    Objects.requireNonNull(kek, "kek");
    if (!looksLikeRing(ringFile)) {
      throw new IOException("not a nirguard key ring file (line 1)");
    }
    return new ProtectedKeys(ringFile.clone(), kek);
  }

  /**
   * Encrypts an in-memory ring with a KEK and wraps the result; for rings built in code (tests,
   * notebooks). The caller vouches that {@code reference} resolves to the same KEK on every JVM.
   *
   * @param ring the ring
   * @param kek the KEK to encrypt it with, here
   * @param reference where every JVM finds that KEK
   * @return the protected keys
   * @throws GeneralSecurityException if encryption fails
   */
  public static ProtectedKeys seal(KeyRing ring, Kek kek, KekReference reference)
      throws GeneralSecurityException {
    Objects.requireNonNull(ring, "ring");
    Objects.requireNonNull(kek, "kek");
    Objects.requireNonNull(reference, "reference");
    return new ProtectedKeys(ring.toBytes(kek), reference);
  }

  /**
   * Returns the KEK reference.
   *
   * @return the reference
   */
  public KekReference kekReference() {
    return kek;
  }

  /**
   * Returns the decrypted key ring of this JVM: decrypted on first use, then cached (one decryption
   * per executor and TTL, not per task; see {@link #withCacheTtl}).
   *
   * @return the key ring
   * @throws IllegalStateException if the KEK cannot be obtained or does not decrypt the ring (the
   *     message names the KEK reference, never key material)
   */
  public KeyRing open() {
    return Engines.of(this).ring();
  }

  /**
   * Decrypts (or reuses) the ring on this JVM and describes its keys — ids, kinds, status, never
   * material. Call it on the driver to fail before the job starts if the KEK is wrong.
   *
   * @return one entry per key
   * @throws IllegalStateException if the ring cannot be decrypted here
   */
  public List<KeyInfo> describe() {
    return open().describe();
  }

  /**
   * Returns a stable identifier of this ring and KEK reference: the hex SHA-256 of both. Equal for
   * equal inputs on every JVM; reveals nothing about the keys.
   *
   * @return 64 hex digits
   */
  public String id() {
    String s = id;
    if (s == null) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(ringFile);
        md.update((byte) 0);
        md.update(kek.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder(64);
        for (byte x : md.digest()) {
          b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        s = b.toString();
        id = s;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
    }
    return s;
  }

  /**
   * Decrypts the ring: the only place the KEK is resolved. Called by {@link Engines} once per JVM,
   * and again each time the cached ring's TTL runs out.
   */
  KeyRing decrypt() throws IOException, GeneralSecurityException {
    return KeyRing.fromBytes(ringFile, kek.resolve());
  }

  private static boolean looksLikeRing(byte[] b) {
    if (b.length < HEADER.length) {
      return false;
    }
    for (int i = 0; i < HEADER.length; i++) {
      if (b[i] != HEADER[i]) {
        return false;
      }
    }
    return true;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (ringFile == null || kek == null || !looksLikeRing(ringFile)) {
      throw new InvalidObjectException("incomplete ProtectedKeys");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtectedKeys && ((ProtectedKeys) o).id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  /**
   * Returns the start of the identifier and the KEK reference, never key material.
   *
   * @return e.g. {@code ProtectedKeys[id=3f9a0c12, kek=KekReference[environment NIRGUARD_KEK]]}
   */
  @Override
  public String toString() {
    return "ProtectedKeys[id=" + id().substring(0, 8) + ", kek=" + kek + "]";
  }
}
