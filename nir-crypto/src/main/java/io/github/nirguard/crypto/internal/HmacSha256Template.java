package io.github.nirguard.crypto.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 with its constant parts absorbed once: the SHA-256 states after {@code K⊕ipad ‖
 * prefix} (one per fixed message prefix) and after {@code K⊕opad} are kept as templates that are
 * never updated, only copied with {@link MessageDigest#clone()}. A call then compresses the message
 * tail and the inner hash, where {@code Mac.update/doFinal} also recompresses ipad and opad. It
 * allocates the two digest copies only. The raw key is not kept.
 *
 * <p>Not thread-safe: give each thread its own {@link #copy()}. Internal: the engine of the keyed
 * tokens.
 *
 * <pre>{@code
 * HmacSha256Template t = new HmacSha256Template(key, tokenPrefix, rekeyPrefix);
 * HmacSha256Template mine = t.copy();                     // one per thread
 * mine.mac(0, message, 0, length, out, 0);                 // HMAC(key, tokenPrefix ‖ message)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HmacSha256Template {
  /** SHA-256 block size, and so the HMAC pad length. */
  private static final int BLOCK = 64;

  /** Length of a MAC. */
  public static final int MAC_BYTES = 32;

  private final MessageDigest[] inner;
  private final MessageDigest outer;

  /**
   * Absorbs a key and fixed message prefixes.
   *
   * @param key the HMAC key, at most 64 bytes (not kept; the caller wipes it)
   * @param prefixes the message prefixes, selected by index in {@link #mac}
   * @throws IllegalArgumentException if the key is longer than a SHA-256 block
   */
  public HmacSha256Template(byte[] key, byte[]... prefixes) {
    if (key.length > BLOCK) {
      throw new IllegalArgumentException("HMAC keys longer than a block are not supported");
    }
    byte[] pad = new byte[BLOCK];
    try {
      MessageDigest keyed = sha256();
      keyed.update(keyPad(key, pad, (byte) 0x36));
      this.inner = new MessageDigest[prefixes.length];
      for (int i = 0; i < prefixes.length; i++) {
        inner[i] = copyOf(keyed);
        inner[i].update(prefixes[i]);
      }
      this.outer = sha256();
      outer.update(keyPad(key, pad, (byte) 0x5c));
    } finally {
      Arrays.fill(pad, (byte) 0);
    }
  }

  private HmacSha256Template(MessageDigest[] inner, MessageDigest outer) {
    this.inner = inner;
    this.outer = outer;
  }

  /**
   * Returns a template of its own for another thread: threads share nothing mutable.
   *
   * @return a copy
   */
  public HmacSha256Template copy() {
    MessageDigest[] in = new MessageDigest[inner.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = copyOf(inner[i]);
    }
    return new HmacSha256Template(in, copyOf(outer));
  }

  /**
   * Computes {@code HMAC-SHA-256(key, prefixes[prefix] ‖ msg[off, off + len))} into {@code
   * out[outOff, outOff + 32)}; {@code out} may be {@code msg} if the ranges do not overlap.
   *
   * @param prefix the index of the message prefix
   * @param msg the message tail
   * @param off where it starts
   * @param len its length
   * @param out receives the 32-byte MAC
   * @param outOff where the MAC goes
   */
  public void mac(int prefix, byte[] msg, int off, int len, byte[] out, int outOff) {
    try {
      MessageDigest in = copyOf(inner[prefix]);
      in.update(msg, off, len);
      in.digest(out, outOff, MAC_BYTES);
      MessageDigest o = copyOf(outer);
      o.update(out, outOff, MAC_BYTES);
      o.digest(out, outOff, MAC_BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] keyPad(byte[] key, byte[] pad, byte xor) {
    Arrays.fill(pad, xor);
    for (int i = 0; i < key.length; i++) {
      pad[i] = (byte) (key[i] ^ xor);
    }
    return pad;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Copies a SHA-256 state (the JDK's SUN provider and Bouncy Castle support it). */
  private static MessageDigest copyOf(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-256 provider cannot copy digest states", e);
    }
  }

  /**
   * Says what this is, never key material.
   *
   * @return {@code HmacSha256Template[n prefixes]}
   */
  @Override
  public String toString() {
    return "HmacSha256Template[" + inner.length + " prefixes]";
  }
}
