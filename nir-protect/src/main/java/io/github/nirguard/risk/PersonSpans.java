package io.github.nirguard.risk;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which of the finest classes each person's rows fall into, counted once from the (class, person)
 * pairs sorted by person: per class, the people found in it alone ({@link #single}); per distinct
 * set of classes, the people whose rows span exactly that set ({@link #multi}). Enough to size the
 * classes of any coarser node exactly: a person in two finest classes that merge counts once.
 */
final class PersonSpans {
  /** Per class id: the people all of whose rows are in that class (its rows, without persons). */
  final long[] single;

  /** Per set of two or more class ids: the people whose rows span exactly that set. */
  final Map<IntSet, Long> multi;

  private PersonSpans(long[] single, Map<IntSet, Long> multi) {
    this.single = single;
    this.multi = multi;
  }

  /**
   * Counts the spans of a feed's people (without a person column, each row is a person of its own
   * class).
   *
   * @throws IOException if spilled runs cannot be read or written
   */
  static PersonSpans of(ClassFeed feed) throws IOException {
    ClassTable table = feed.classes();
    long[] single = new long[table.size()];
    Map<IntSet, Long> multi = new HashMap<>();
    if (!feed.byPerson()) {
      for (int id = 0; id < single.length; id++) {
        single[id] = table.rows(id);
      }
    } else {
      Group g = new Group();
      feed.forEachPair( // by person, each person's classes in ascending order
          (h1, h2, cls) -> {
            if (g.any && (h1 != g.h1 || h2 != g.h2)) {
              g.flush(single, multi);
            }
            g.any = true;
            g.h1 = h1;
            g.h2 = h2;
            g.add((int) cls);
          });
      if (g.any) {
        g.flush(single, multi);
      }
    }
    return new PersonSpans(single, multi);
  }

  /** The people counted. */
  long people() {
    long people = 0;
    for (long s : single) {
      people += s;
    }
    for (long m : multi.values()) {
      people += m;
    }
    return people;
  }

  @Override
  public String toString() {
    return "PersonSpans[" + single.length + " classes, " + multi.size() + " spans]";
  }

  /** One person's classes, gathered from the by-person sort. */
  private static final class Group {
    boolean any;
    long h1;
    long h2;
    int[] members = new int[4];
    int size;

    void add(int cls) {
      if (size == members.length) {
        members = Arrays.copyOf(members, size * 2);
      }
      members[size++] = cls;
    }

    void flush(long[] single, Map<IntSet, Long> multi) {
      if (size == 1) {
        single[members[0]]++;
      } else {
        int[] m = Arrays.copyOf(members, size); // already ascending
        multi.merge(new IntSet(m), 1L, Long::sum);
      }
      size = 0;
    }
  }

  /** A sorted set of class ids, compared by value. */
  static final class IntSet {
    final int[] members;

    IntSet(int[] members) {
      this.members = members;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof IntSet && Arrays.equals(((IntSet) o).members, members);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(members);
    }
  }
}
