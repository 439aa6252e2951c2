package io.github.nirguard.crypto.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 4648 base32, lowercase, no padding: case-insensitive and safe in CSV cells and file names.
 * Internal: the value part of keyed and PRP tokens.
 *
 * <pre>{@code
 * Base32.encode16(mac, 0, ascii, 13);   // 16 bytes to 26 characters
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Base32 {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
      VALUES[Character.toUpperCase(ALPHABET[i])] = (byte) i;
    }
  }

  private Base32() {}

  public static int encodedLength(int bytes) {
    return (bytes * 8 + 4) / 5;
  }

  /** Encodes {@code len} bytes into {@code out} at {@code pos}; returns the new position. */
  public static int encode(byte[] in, int off, int len, char[] out, int pos) {
    int buffer = 0;
    int bits = 0;
    for (int i = off; i < off + len; i++) {
      buffer = (buffer << 8) | (in[i] & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out[pos++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) {
      out[pos++] = ALPHABET[(buffer << (5 - bits)) & 31];
    }
    return pos;
  }

  private static final byte[] ASCII =
      "abcdefghijklmnopqrstuvwxyz234567".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Every 10-bit value as its two characters, in ASCII: {@code PAIRS[2v]} and {@code PAIRS[2v + 1]}
   * encode the high and low 5 bits of {@code v}.
   */
  private static final byte[] PAIRS = new byte[2048];

  static {
    for (int v = 0; v < 1024; v++) {
      PAIRS[2 * v] = ASCII[v >>> 5];
      PAIRS[2 * v + 1] = ASCII[v & 31];
    }
  }

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * {@link #encode} specialised for the 16 bytes of a token, in ASCII: the bytes read as two
   * big-endian longs, cut into 13 groups of 10 bits (the last one the final byte and two zero
   * bits), each written as two characters from one table. {@code in} and {@code out} may be the
   * same array if the ranges do not overlap.
   *
   * @param in the 16 bytes at {@code off}
   * @param out receives 26 ASCII characters at {@code pos}
   */
  public static void encode16(byte[] in, int off, byte[] out, int pos) {
    long hi = (long) LONG_BE.get(in, off);
    long lo = (long) LONG_BE.get(in, off + 8);
    pair(out, pos, (int) (hi >>> 54));
    pair(out, pos + 2, (int) (hi >>> 44));
    pair(out, pos + 4, (int) (hi >>> 34));
    pair(out, pos + 6, (int) (hi >>> 24));
    pair(out, pos + 8, (int) (hi >>> 14));
    pair(out, pos + 10, (int) (hi >>> 4));
    pair(out, pos + 12, (int) (hi << 6 | lo >>> 58));
    pair(out, pos + 14, (int) (lo >>> 48));
    pair(out, pos + 16, (int) (lo >>> 38));
    pair(out, pos + 18, (int) (lo >>> 28));
    pair(out, pos + 20, (int) (lo >>> 18));
    pair(out, pos + 22, (int) (lo >>> 8));
    pair(out, pos + 24, (int) (lo << 2));
  }

  /** Writes the two characters of the low 10 bits of {@code v}. */
  private static void pair(byte[] out, int pos, int v) {
    int i = (v & 1023) << 1;
    out[pos] = PAIRS[i];
    out[pos + 1] = PAIRS[i + 1];
  }

  /**
   * Decodes {@code chars} characters of {@code s} from {@code start} into exactly {@code
   * out.length} bytes; returns false on a bad character, wrong length or non-zero trailing bits.
   */
  public static boolean decode(CharSequence s, int start, int chars, byte[] out) {
    if (chars != encodedLength(out.length)) {
      return false;
    }
    int buffer = 0;
    int bits = 0;
    int pos = 0;
    for (int i = start; i < start + chars; i++) {
      char c = s.charAt(i);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        return false;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[pos++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return (buffer & ((1 << bits) - 1)) == 0;
  }
}
