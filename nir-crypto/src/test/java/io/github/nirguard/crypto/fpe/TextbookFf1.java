package io.github.nirguard.crypto.fpe;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * FF1 encryption written line by line after SP 800-38G Algorithm 7, for tests only.
 *
 * <p>Slow and allocation-heavy on purpose: it uses the JCA's AES/CBC for the PRF and plain
 * BigInteger arithmetic, so it shares no code with {@link Ff1}.
 */
final class TextbookFf1 {

  private TextbookFf1() {}

  static int[] encrypt(byte[] key, int radix, byte[] tweak, int[] x) {
    try {
      int n = x.length;
      int t = tweak.length;
      BigInteger r = BigInteger.valueOf(radix);
      // 1-2
      int u = n / 2;
      int v = n - u;
      int[] a = Arrays.copyOfRange(x, 0, u);
      int[] b = Arrays.copyOfRange(x, u, n);
      // 3-4
      int bytesB = (int) Math.ceil(r.pow(v).subtract(BigInteger.ONE).bitLength() / 8.0);
      int d = 4 * (int) Math.ceil(bytesB / 4.0) + 4;
      // 5
      ByteBuffer p = ByteBuffer.allocate(16);
      p.put((byte) 1).put((byte) 2).put((byte) 1);
      p.put((byte) (radix >> 16)).put((byte) (radix >> 8)).put((byte) radix);
      p.put((byte) 10).put((byte) (u % 256)).putInt(n).putInt(t);
      // 6
      for (int i = 0; i < 10; i++) {
        int zeros = Math.floorMod(-t - bytesB - 1, 16);
        ByteBuffer q = ByteBuffer.allocate(t + zeros + 1 + bytesB);
        q.put(tweak).put(new byte[zeros]).put((byte) i).put(bytes(num(b, r), bytesB));
        byte[] pq = ByteBuffer.allocate(16 + q.capacity()).put(p.array()).put(q.array()).array();
        Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
        cbc.init(
            Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        byte[] all = cbc.doFinal(pq);
        byte[] rr = Arrays.copyOfRange(all, all.length - 16, all.length);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        ByteBuffer s = ByteBuffer.allocate(((d + 15) / 16) * 16).put(rr);
        for (int j = 1; j < (d + 15) / 16; j++) {
          byte[] block = bytes(new BigInteger(1, rr).xor(BigInteger.valueOf(j)), 16);
          s.put(ecb.doFinal(block));
        }
        BigInteger y = new BigInteger(1, Arrays.copyOf(s.array(), d));
        int m = i % 2 == 0 ? u : v;
        BigInteger c = num(a, r).add(y).mod(r.pow(m));
        a = b;
        b = str(c, r, m);
      }
      int[] out = Arrays.copyOf(a, n);
      System.arraycopy(b, 0, out, u, v);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger num(int[] x, BigInteger r) {
    BigInteger acc = BigInteger.ZERO;
    for (int xi : x) {
      acc = acc.multiply(r).add(BigInteger.valueOf(xi));
    }
    return acc;
  }

  private static int[] str(BigInteger c, BigInteger r, int m) {
    int[] out = new int[m];
    for (int k = m - 1; k >= 0; k--) {
      BigInteger[] qr = c.divideAndRemainder(r);
      out[k] = qr[1].intValueExact();
      c = qr[0];
    }
    return out;
  }

  /** [x]^s: x as s bytes, big-endian. */
  private static byte[] bytes(BigInteger x, int s) {
    byte[] raw = x.toByteArray();
    byte[] out = new byte[s];
    int len = Math.min(raw.length, s);
    System.arraycopy(raw, raw.length - len, out, s - len, len);
    return out;
  }
}
