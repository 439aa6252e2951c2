package io.github.nirguard.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a key holder can do to one AES-GCM ciphertext (no associated data) without the nonce
 * changing: write another ciphertext whose tag is any tag they choose, because GHASH is linear in
 * the ciphertext under a hash key {@code H = AES_K(0)} they can compute (NIST SP 800-38D §6.4,
 * §7.1). Test code: the attack that decision 0021 describes, built so that the tests can show which
 * swaps the verified decryption refuses and which it cannot see. The field arithmetic is GF(2^128)
 * in GCM's bit order (SP 800-38D, Algorithm 1); AES is the JDK's; {@link #tag} checks the
 * arithmetic against the JDK's GCM.
 */
final class GcmForger {
  private final long[] h;

  /** The hash key of this AES key. */
  GcmForger(byte[] aesKey) throws GeneralSecurityException {
    this.h = load(aes(aesKey).doFinal(new byte[16]), 0);
  }

  private static Cipher aes(byte[] key) throws GeneralSecurityException {
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    return ecb;
  }

  /**
   * The GCM tag of this ciphertext (no associated data) under a 96-bit nonce, from the field
   * arithmetic here: equal to the JDK's tag when the arithmetic is right.
   */
  static byte[] tag(byte[] aesKey, byte[] nonce, byte[] ciphertext, int length)
      throws GeneralSecurityException {
    long[] hashKey = load(aes(aesKey).doFinal(new byte[16]), 0);
    long[] x = {0, 0};
    for (int at = 0; at < length; at += 16) {
      byte[] block = new byte[16];
      System.arraycopy(ciphertext, at, block, 0, Math.min(16, length - at));
      x = mul(xor(x, load(block, 0)), hashKey);
    }
    x = mul(xor(x, new long[] {0, 8L * length}), hashKey);
    byte[] j0 = ByteBuffer.allocate(16).put(nonce).putInt(1).array();
    return store(xor(x, load(aes(aesKey).doFinal(j0), 0)));
  }

  /**
   * Another ciphertext with the tag {@code newTag}: {@code segment} is ciphertext then its 16-byte
   * tag, at least one full block of ciphertext; only the first block changes.
   */
  byte[] withTag(byte[] segment, byte[] newTag) {
    int length = segment.length - 16;
    long[] delta = xor(load(segment, length), load(newTag, 0));
    long[] x = mul(delta, inverse(pow(h, blocks(length))));
    byte[] forged = segment.clone();
    xorInto(forged, 0, x);
    System.arraycopy(newTag, 0, forged, length, 16);
    return forged;
  }

  /**
   * Another ciphertext with the same tag: the first block XOR {@code d}, the second XOR {@code
   * d·H}, whose contributions to GHASH cancel. At least two full blocks of ciphertext.
   */
  byte[] sameTag(byte[] segment, byte[] d) {
    byte[] forged = segment.clone();
    long[] dd = load(d, 0);
    xorInto(forged, 0, dd);
    xorInto(forged, 16, mul(dd, h));
    return forged;
  }

  /** The blocks GHASH multiplies the first ciphertext block by H for: the ciphertext's + 1. */
  private static int blocks(int length) {
    return (length + 15) / 16 + 1;
  }

  static long[] load(byte[] b, int at) {
    ByteBuffer buf = ByteBuffer.wrap(b, at, 16);
    return new long[] {buf.getLong(), buf.getLong()};
  }

  static byte[] store(long[] x) {
    return ByteBuffer.allocate(16).putLong(x[0]).putLong(x[1]).array();
  }

  private static void xorInto(byte[] b, int at, long[] x) {
    byte[] s = store(x);
    for (int i = 0; i < 16; i++) {
      b[at + i] ^= s[i];
    }
  }

  static long[] xor(long[] a, long[] b) {
    return new long[] {a[0] ^ b[0], a[1] ^ b[1]};
  }

  /** x·y in GF(2^128), GCM's bit order: bit 0 is the most significant bit of the first byte. */
  static long[] mul(long[] x, long[] y) {
    long zh = 0;
    long zl = 0;
    long vh = y[0];
    long vl = y[1];
    for (int i = 0; i < 128; i++) {
      long bit = i < 64 ? x[0] >>> (63 - i) : x[1] >>> (127 - i);
      if ((bit & 1) != 0) {
        zh ^= vh;
        zl ^= vl;
      }
      boolean lsb = (vl & 1) != 0;
      vl = (vl >>> 1) | (vh << 63);
      vh >>>= 1;
      if (lsb) {
        vh ^= 0xE100000000000000L;
      }
    }
    return new long[] {zh, zl};
  }

  static long[] pow(long[] x, long e) {
    long[] result = {Long.MIN_VALUE, 0}; // the field's 1: the first bit set
    long[] square = x;
    for (long k = e; k > 0; k >>>= 1) {
      if ((k & 1) != 0) {
        result = mul(result, square);
      }
      square = mul(square, square);
    }
    return result;
  }

  /** x^(2^128 - 2) = 1/x for x ≠ 0. */
  static long[] inverse(long[] x) {
    long[] result = {Long.MIN_VALUE, 0};
    long[] square = x;
    for (int bit = 0; bit < 128; bit++) {
      if (bit > 0) { // 2^128 - 2: every bit set but the lowest
        result = mul(result, square);
      }
      square = mul(square, square);
    }
    return result;
  }
}
