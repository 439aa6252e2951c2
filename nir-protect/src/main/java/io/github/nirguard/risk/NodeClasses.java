package io.github.nirguard.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The classes of one node of the {@link Lattice}: their sizes in people, their rows, and which are
 * below k; made by {@link Lattice#evaluate}, summed up as a {@link GeneralisationPlan.Candidate}.
 */
final class NodeClasses {
  private final Map<List<String>, Integer> ids = new HashMap<>();
  private final List<List<String>> keys = new ArrayList<>();

  /** Per class id: its people. */
  long[] size = new long[16];

  /** Per class id: its rows. */
  long[] rowsOf = new long[16];

  /** The people with at least one row in a class below k. */
  long peopleAffected;

  /** The values of the classes below k, once {@link #candidate} is made. */
  @Nullable List<List<String>> small;

  /** The id of a class by its quasi-identifier values, made if new. */
  int id(List<String> key) {
    Integer id = ids.get(key);
    if (id == null) {
      id = ids.size();
      ids.put(key, id);
      keys.add(key);
      if (id == size.length) {
        size = Arrays.copyOf(size, id * 2);
        rowsOf = Arrays.copyOf(rowsOf, id * 2);
      }
    }
    return id;
  }

  /**
   * Sums the classes up for the node; the classes below k are left out, within the suppression cap.
   *
   * @param k the required k
   * @param cap the most rows that may be suppressed
   * @param rungs the node's rung of each ranged column
   * @param height the rungs the node climbs above each range's finest
   */
  GeneralisationPlan.Candidate candidate(int k, long cap, Map<String, String> rungs, int height) {
    long min = 0;
    long minAfter = 0;
    long suppressedRows = 0;
    int smallClasses = 0;
    List<List<String>> s = new ArrayList<>();
    for (int c = 0; c < ids.size(); c++) {
      min = c == 0 ? size[c] : Math.min(min, size[c]);
      if (size[c] < k) {
        suppressedRows += rowsOf[c];
        smallClasses++;
        s.add(keys.get(c));
      } else {
        minAfter = minAfter == 0 ? size[c] : Math.min(minAfter, size[c]);
      }
    }
    small = s;
    boolean feasible = suppressedRows == 0 || suppressedRows <= cap;
    return new GeneralisationPlan.Candidate(
        rungs,
        height,
        min,
        ids.size(),
        suppressedRows,
        peopleAffected,
        minAfter,
        ids.size() - smallClasses,
        feasible);
  }

  @Override
  public String toString() {
    return "NodeClasses[" + ids.size() + " classes]";
  }
}
