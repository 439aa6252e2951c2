package io.github.nirguard.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripleSorterTest {
  @TempDir Path tmp;

  /** A triple, ordered as the sorter orders them: signed, first long first. */
  private record T(long a, long b, long c) implements Comparable<T> {
    @Override
    public int compareTo(T o) {
      int x = Long.compare(a, o.a);
      if (x == 0) {
        x = Long.compare(b, o.b);
      }
      return x != 0 ? x : Long.compare(c, o.c);
    }
  }

  /**
   * Up to 300,000 triples with repeats: the first long uniform (as a hash), or with its top byte or
   * its top two bytes shared by many (buckets deep enough for the second radix pass and for the
   * comparison sort below it), negative and positive; a buffer from 2 triples (many runs) to all.
   */
  private static final Gen<List<T>> TRIPLES =
      random -> {
        int n = random.nextInt(300_000);
        int shape = random.nextInt(3);
        List<T> t = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long a = random.nextLong();
          if (shape == 1) {
            a = (a & 0x00FF_FFFF_FFFF_FFFFL) | ((long) random.nextInt(3) << 56);
          } else if (shape == 2) {
            a = (a & 0x0000_0000_0000_FFFFL) | ((long) (random.nextInt(5) - 2) << 48);
          }
          if (i > 0 && random.nextInt(4) == 0) { // a repeat of an earlier triple
            t.add(t.get(random.nextInt(i)));
          } else {
            t.add(new T(a, random.nextInt(3), random.nextInt(1000)));
          }
        }
        return t;
      };

  @Test
  void triplesComeOutSortedAndDistinctInMemoryAndSpilled() {
    ForAll.check(
        "sorter = a sorted set",
        12,
        ForAll.seed(),
        TRIPLES,
        t -> {
          TreeSet<T> expected = new TreeSet<>(t);
          for (int capacity : new int[] {1 << 21, 2 + t.size() / 7, 2}) {
            if (capacity == 2 && t.size() > 3000) {
              continue; // a run a triple or two: kept to small inputs
            }
            try (TripleSorter s = new TripleSorter(capacity, tmp)) {
              for (T x : t) {
                s.add(x.a, x.b, x.c);
              }
              List<T> out = new ArrayList<>();
              s.forEach((a, b, c) -> out.add(new T(a, b, c)));
              assertEquals(new ArrayList<>(expected), out, "capacity " + capacity);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
            try (Stream<Path> left = Files.list(tmp)) {
              assertEquals(0, left.count(), "runs deleted on close");
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
        });
  }
}
