package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The nine FF1 samples published by NIST for SP 800-38G, on every path. */
class Ff1NistSamplesTest {

  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  // key, radix, tweak (hex), plaintext, ciphertext; numerals written over 0-9a-z
  private static final String SAMPLES =
      """
      2B7E151628AED2A6ABF7158809CF4F3C,10,,0123456789,2433477484
      2B7E151628AED2A6ABF7158809CF4F3C,10,39383736353433323130,0123456789,6124200773
      2B7E151628AED2A6ABF7158809CF4F3C,36,3737373770717273373737,0123456789abcdefghi,a9tv40mll9kdu509eum
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F,10,,0123456789,2830668132
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F,10,39383736353433323130,0123456789,2496655549
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F,36,3737373770717273373737,0123456789abcdefghi,xbj3kv35jrawxv32ysr
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94,10,,0123456789,6657667009
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94,10,39383736353433323130,0123456789,1001623463
      2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94,36,3737373770717273373737,0123456789abcdefghi,xs8a0azh2avyalyzuwd
      """;

  static Stream<Arguments> allSamples() {
    return SAMPLES
        .lines()
        .map(line -> line.split(",", -1))
        .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4]));
  }

  static Stream<Arguments> decimalSamples() {
    return allSamples().filter(a -> (Integer) a.get()[1] == 10);
  }

  @ParameterizedTest(name = "sample {index}: radix {1}, tweak \"{2}\"")
  @MethodSource("allSamples")
  void generalPath(String key, int radix, String tweak, String plain, String cipher) {
    Ff1 ff1 = Ff1.insecureFromRawKey(hex(key), radix);
    assertArrayEquals(numerals(cipher), ff1.encrypt(hex(tweak), numerals(plain)), "encrypt");
    assertArrayEquals(numerals(plain), ff1.decrypt(hex(tweak), numerals(cipher)), "decrypt");
  }

  @ParameterizedTest(name = "sample {index}: tweak \"{2}\"")
  @MethodSource("decimalSamples")
  void decimalFastPath(String key, int radix, String tweak, String plain, String cipher) {
    Ff1.Domain domain = Ff1.insecureFromRawKey(hex(key), 10).domain(hex(tweak), plain.length());
    assertEquals(Long.parseLong(cipher), domain.encrypt(Long.parseLong(plain)), "encrypt");
    assertEquals(Long.parseLong(plain), domain.decrypt(Long.parseLong(cipher)), "decrypt");
    assertEquals(cipher, domain.encrypt(plain), "encrypt digits");
    assertEquals(plain, domain.decrypt(cipher), "decrypt digits");
  }

  @ParameterizedTest(name = "sample {index}: tweak \"{2}\"")
  @MethodSource("decimalSamples")
  void decimalBatchPath(String key, int radix, String tweak, String plain, String cipher) {
    Ff1.Domain domain = Ff1.insecureFromRawKey(hex(key), 10).domain(hex(tweak), plain.length());
    // The sample repeated across two chunks (256 + 44), mixed with its ciphertext.
    long p = Long.parseLong(plain);
    long c = Long.parseLong(cipher);
    long[] in = new long[300];
    for (int i = 0; i < in.length; i++) {
      in[i] = (i % 3 == 0) ? c : p;
    }
    long[] out = new long[300];
    domain.encrypt(in, out, in.length);
    for (int i = 0; i < in.length; i++) {
      if (i % 3 != 0) {
        assertEquals(c, out[i], "encrypt, index " + i);
      }
    }
    long[] back = new long[300];
    domain.decrypt(out, back, out.length);
    assertArrayEquals(in, back, "decrypt");
    long[] cs = new long[300];
    Arrays.fill(cs, c);
    domain.decrypt(cs, cs, cs.length); // in place
    for (long v : cs) {
      assertEquals(p, v, "decrypt in place");
    }
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static int[] numerals(String s) {
    int[] out = new int[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET.indexOf(s.charAt(i));
    }
    return out;
  }
}
