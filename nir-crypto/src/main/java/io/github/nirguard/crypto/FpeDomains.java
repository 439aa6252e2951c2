package io.github.nirguard.crypto;

import io.github.nirguard.crypto.fpe.Ff1;
import io.github.nirguard.crypto.internal.NirRank;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The FF1 side of {@link NirFpe}: one FF1 per rank domain (same key, the domain's radix), the tweak
 * that binds purpose and mode (plus an optional record tweak), and the cycle-walks that bring an
 * FF1 output back into the ranked range, one value or a batch at a time.
 */
final class FpeDomains {
  /** One FF1 per rank domain, indexed by {@link NirRank#ordinal()}. */
  private final Ff1[] ff1;

  /** The prepared FF1 domains without a record tweak, indexed like {@link #ff1}. */
  private final Ff1.Domain[] domains;

  private final byte[] baseTweak;

  /**
   * @param key the 32-byte AES key, copied (the caller wipes its array)
   * @param mode the mode, bound into the tweak
   * @param purpose the purpose, bound into the tweak
   */
  FpeDomains(byte[] key, NirFpe.Mode mode, String purpose) {
    NirRank[] ranks = NirRank.values();
    this.ff1 = new Ff1[ranks.length];
    this.domains = new Ff1.Domain[ranks.length];
    this.baseTweak =
        ("nirguard-fpe/1/" + mode.name().toLowerCase(java.util.Locale.ROOT) + "/" + purpose)
            .getBytes(StandardCharsets.UTF_8);
    for (NirRank r : ranks) {
      ff1[r.ordinal()] = Ff1.insecureFromRawKey(key, r.radix());
      domains[r.ordinal()] = ff1[r.ordinal()].domain(tweak(null), r.digits());
    }
  }

  /** Encrypts a rank of {@code r}, cycle-walking back into {@code [0, r.size())}. */
  long encrypt(NirRank r, long x, byte @Nullable [] recordTweak) {
    Ff1.Domain d = domain(r, recordTweak);
    do {
      x = d.encrypt(x); // cycle-walk: the ranked range is a subset of [0, radix^digits)
    } while (x >= r.size());
    return x;
  }

  /** Decrypts a rank of {@code r}, cycle-walking back into {@code [0, r.size())}. */
  long decrypt(NirRank r, long y, byte @Nullable [] recordTweak) {
    Ff1.Domain d = domain(r, recordTweak);
    do {
      y = d.decrypt(y);
    } while (y >= r.size());
    return y;
  }

  /**
   * Encrypts {@code x[0..n)}, ranks of {@code r}, in place without a record tweak: each FF1 round
   * costs one AES call for the whole batch, and the few outputs that leave the ranked range walk
   * again, in batches too.
   */
  void encryptAll(NirRank r, long[] x, int n) {
    Ff1.Domain d = domains[r.ordinal()];
    d.encrypt(x, x, n);
    int m = 0;
    for (int j = 0; j < n; j++) {
      if (x[j] >= r.size()) {
        m++;
      }
    }
    if (m == 0) {
      return;
    }
    int[] walk = new int[m]; // walk[i]: the index in x of y[i]
    long[] y = new long[m];
    m = 0;
    for (int j = 0; j < n; j++) {
      if (x[j] >= r.size()) {
        walk[m] = j;
        y[m++] = x[j];
      }
    }
    while (m > 0) {
      d.encrypt(y, y, m);
      int left = 0;
      for (int i = 0; i < m; i++) {
        if (y[i] >= r.size()) {
          walk[left] = walk[i];
          y[left++] = y[i];
        } else {
          x[walk[i]] = y[i];
        }
      }
      m = left;
    }
  }

  private Ff1.Domain domain(NirRank r, byte @Nullable [] recordTweak) {
    if (recordTweak == null) {
      return domains[r.ordinal()];
    }
    return ff1[r.ordinal()].domain(tweak(recordTweak), r.digits());
  }

  private byte[] tweak(byte @Nullable [] recordTweak) {
    if (recordTweak == null) {
      return baseTweak.clone();
    }
    if (recordTweak.length > 128) {
      throw new IllegalArgumentException("record tweak longer than 128 bytes");
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(baseTweak);
    b.write(0);
    b.writeBytes(recordTweak);
    return b.toByteArray();
  }
}
