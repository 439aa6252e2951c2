package io.github.nirguard.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nirguard.testkit.ForAll;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link HmacSha256Template} against the JDK's own {@code HmacSHA256} ({@link Mac}), the
 * independent oracle: every key length it accepts (0 to 64 bytes, the block), several prefixes,
 * messages at offsets, output in place, and copies that share no state.
 */
class HmacSha256TemplateTest {
  private static byte[] jdkMac(byte[] key, byte[] prefix, byte[] msg, int off, int len)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    // the JDK refuses an empty key; HMAC pads it with zeros, as it pads any short key
    mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
    mac.update(prefix);
    mac.update(msg, off, len);
    return mac.doFinal();
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void equalsTheJdksHmacForEveryKeyLengthUpToABlock() throws Exception {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    int cases = Math.max(65 * 3, ForAll.size() / 4);
    for (int i = 0; i < cases; i++) {
      String at = "seed " + seed + ", case " + i;
      byte[] key = bytes(r, i % 65); // 0 to 64 bytes: a 64-byte key is used as is, unhashed
      byte[][] prefixes = {bytes(r, r.nextInt(80)), bytes(r, r.nextInt(80)), new byte[0]};
      byte[] keyCopy = key.clone();
      HmacSha256Template t = new HmacSha256Template(key, prefixes);
      assertArrayEquals(keyCopy, key, "the caller's key is not changed: " + at);
      HmacSha256Template mine = r.nextBoolean() ? t : t.copy();
      byte[] msg = bytes(r, r.nextInt(200));
      int off = msg.length == 0 ? 0 : r.nextInt(msg.length);
      int len = r.nextInt(msg.length - off + 1);
      int p = r.nextInt(prefixes.length);
      byte[] out = new byte[HmacSha256Template.MAC_BYTES + 7];
      int outOff = r.nextInt(8);
      mine.mac(p, msg, off, len, out, outOff);
      assertArrayEquals(
          jdkMac(key, prefixes[p], msg, off, len),
          Arrays.copyOfRange(out, outOff, outOff + HmacSha256Template.MAC_BYTES),
          at);
      // the templates are never updated: the same call again gives the same MAC
      byte[] again = new byte[HmacSha256Template.MAC_BYTES];
      mine.mac(p, msg, off, len, again, 0);
      assertArrayEquals(jdkMac(key, prefixes[p], msg, off, len), again, at);
    }
  }

  @Test
  void theMacMayOverwriteItsOwnMessage() throws Exception {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    byte[] key = bytes(r, 32);
    byte[] prefix = bytes(r, 5);
    byte[] buffer = bytes(r, 100);
    byte[] expected = jdkMac(key, prefix, buffer, 40, 60);
    new HmacSha256Template(key, prefix).mac(0, buffer, 40, 60, buffer, 0);
    assertArrayEquals(expected, Arrays.copyOf(buffer, 32), "seed " + seed);
  }

  @Test
  void copiesShareNoState() throws Exception {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    byte[] key = bytes(r, 32);
    byte[] prefix = bytes(r, 9);
    HmacSha256Template t = new HmacSha256Template(key, prefix);
    HmacSha256Template a = t.copy();
    HmacSha256Template b = a.copy();
    byte[] m1 = bytes(r, 50);
    byte[] m2 = bytes(r, 70);
    byte[] outA = new byte[32];
    byte[] outB = new byte[32];
    // interleaved: a's call between b's would corrupt b if they shared a digest
    a.mac(0, m1, 0, m1.length, outA, 0);
    b.mac(0, m2, 0, m2.length, outB, 0);
    t.mac(0, m1, 0, m1.length, new byte[32], 0);
    assertArrayEquals(jdkMac(key, prefix, m1, 0, m1.length), outA, "seed " + seed);
    assertArrayEquals(jdkMac(key, prefix, m2, 0, m2.length), outB, "seed " + seed);
  }

  @Test
  void keysLongerThanABlockAreRefusedAndNothingIsPrinted() {
    assertThrows(IllegalArgumentException.class, () -> new HmacSha256Template(new byte[65]));
    byte[] key = new byte[64];
    Arrays.fill(key, (byte) 0x41);
    HmacSha256Template t = new HmacSha256Template(key, new byte[1], new byte[2]);
    assertEquals("HmacSha256Template[2 prefixes]", t.toString());
    assertEquals("HmacSha256Template[2 prefixes]", t.copy().toString());
  }
}
