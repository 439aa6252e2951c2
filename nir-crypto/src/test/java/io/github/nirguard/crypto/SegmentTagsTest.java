package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentTags} against a plain model (a map from segment to its tag, zeros where nothing was
 * put): pieces of tags put at any offset, segments far beyond the first size hint (the array
 * grows), matches at any offset and length, and {@code keep}.
 */
class SegmentTagsTest {
  static final long SEED = ForAll.seed();

  /** The model: each segment's tag, and the segments the tags cover. */
  static final class Model {
    final int size;
    final Map<Long, byte[]> tags = new HashMap<>();
    long count;

    Model(int size) {
      this.size = size;
    }

    void put(long i, int at, byte[] b, int off, int len) {
      System.arraycopy(b, off, tags.computeIfAbsent(i, x -> new byte[size]), at, len);
      count = Math.max(count, i + 1);
    }

    boolean matches(long i, int at, byte[] b, int off, int len) {
      if (i >= count) {
        return false;
      }
      byte[] tag = tags.getOrDefault(i, new byte[size]);
      return Arrays.equals(b, off, off + len, tag, at, at + len);
    }
  }

  @Test
  void tagsBehaveAsAMapOfSegmentsToTags() {
    ForAll.check(
        "SegmentTags = a map of segments to tags",
        Math.max(100, ForAll.size() / 10),
        SEED,
        r -> r.split(),
        r -> {
          int size = r.nextBoolean() ? 16 : 1 + r.nextInt(40);
          long hint = r.nextInt(4);
          SegmentTags tags = new SegmentTags(size, hint);
          Model model = new Model(size);
          long span = 1 + r.nextInt(r.nextBoolean() ? 8 : 3000);
          for (int step = 0; step < 300; step++) {
            long i = r.nextLong(span);
            int at = r.nextInt(size);
            int len = r.nextInt(size - at + 1);
            byte[] b = new byte[len + 4];
            r.nextBytes(b);
            int off = r.nextInt(5);
            len = Math.min(len, b.length - off);
            switch (r.nextInt(5)) {
              case 0:
              case 1:
                tags.put(i, at, b, off, len);
                model.put(i, at, b, off, len);
                break;
              case 2:
                { // ask about what is there, at this offset, often equal
                  byte[] there = model.tags.getOrDefault(i, new byte[size]);
                  byte[] q = Arrays.copyOfRange(there, at, at + len);
                  if (len > 0 && r.nextBoolean()) {
                    q[r.nextInt(len)] ^= (byte) (1 + r.nextInt(255));
                  }
                  assertEquals(
                      model.matches(i, at, q, 0, len),
                      tags.matches(i, at, q, 0, len),
                      "matches(" + i + ", " + at + ", " + len + ") of what is there");
                  break;
                }
              case 3:
                assertEquals(
                    model.matches(i, at, b, off, len),
                    tags.matches(i, at, b, off, len),
                    "matches(" + i + ", " + at + ", " + len + ")");
                break;
              default:
                if (r.nextInt(10) == 0) {
                  long n = r.nextLong(span + 1);
                  tags.keep(n);
                  model.count = Math.min(model.count, n);
                }
            }
          }
        });
  }

  @Test
  void aSegmentNeverReachedDoesNotMatchEvenZeros() {
    SegmentTags tags = new SegmentTags(16, 4);
    byte[] zeros = new byte[16];
    assertFalse(tags.matches(0, 0, zeros, 0, 16), "nothing put yet");
    tags.put(2, 0, zeros, 0, 16);
    assertTrue(tags.matches(1, 0, zeros, 0, 16), "below the last segment put: zeros");
    assertFalse(tags.matches(3, 0, zeros, 0, 16), "past it");
    tags.keep(2);
    assertFalse(tags.matches(2, 0, zeros, 0, 16), "kept only the first two");
  }

  @Test
  void aSegmentPastTheLargestArrayIsRefused() {
    SegmentTags tags = new SegmentTags(16, 1);
    byte[] tag = new byte[16];
    new SplittableRandom(SEED).nextBytes(tag);
    long last = (Integer.MAX_VALUE - 8) / 16 - 1; // the last whose tag ends within the limit
    assertThrows(IllegalStateException.class, () -> tags.put(last + 1, 0, tag, 0, 1));
    assertFalse(tags.matches(0, 0, tag, 0, 16), "nothing was put");
  }
}
