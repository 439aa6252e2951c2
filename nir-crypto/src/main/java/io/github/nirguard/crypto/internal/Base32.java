package io.github.nirguard.crypto.internal;

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
   * {@link #encode} specialised for the 16 bytes of a token, in ASCII: three 40-bit groups of 8
   * characters, then the last byte as 2 characters (about twice as fast as the general loop).
   * {@code in} and {@code out} may be the same array if the ranges do not overlap.
   *
   * @param in the 16 bytes at {@code off}
   * @param out receives 26 ASCII characters at {@code pos}
   */
  public static void encode16(byte[] in, int off, byte[] out, int pos) {
    for (int g = off; g < off + 15; g += 5) {
      long x =
          (in[g] & 0xFFL) << 32
              | (in[g + 1] & 0xFFL) << 24
              | (in[g + 2] & 0xFFL) << 16
              | (in[g + 3] & 0xFFL) << 8
              | (in[g + 4] & 0xFFL);
      for (int k = 0; k < 8; k++) {
        out[pos++] = ASCII[(int) (x >>> (35 - 5 * k)) & 31];
      }
    }
    int last = in[off + 15] & 0xFF;
    out[pos] = ASCII[last >>> 3];
    out[pos + 1] = ASCII[(last << 2) & 31];
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
