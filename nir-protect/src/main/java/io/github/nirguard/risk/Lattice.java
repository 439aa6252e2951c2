package io.github.nirguard.risk;

import io.github.nirguard.policy.ColumnRule;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.record.Ladder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The lattice of a least-generalisation run: a node is a rung per quasi-identifier (a fixed column
 * has rung 0), from each range's finest to its coarsest. It walks the nodes ({@link #next}) and
 * sizes a node's classes from the finest classes and the people's spans ({@link #evaluate}).
 */
final class Lattice {
  private final List<String> quasi;
  private final int[] from; // per quasi-identifier: its finest rung (0 for a fixed column)
  private final int[] to; // its coarsest rung
  private final @Nullable Ladder[] ladders;
  private final int k;

  private Lattice(List<String> quasi, int[] from, int[] to, @Nullable Ladder[] ladders, int k) {
    this.quasi = quasi;
    this.from = from;
    this.to = to;
    this.ladders = ladders;
    this.k = k;
  }

  /** The lattice of a policy's ranges over quasi-identifiers (the columns of the first pass). */
  static Lattice of(ProtectionPolicy policy, List<String> quasi) {
    int n = quasi.size();
    int[] from = new int[n];
    int[] to = new int[n];
    Ladder[] ladders = new Ladder[n];
    for (int j = 0; j < n; j++) {
      ColumnRule r = policy.rule(quasi.get(j)).orElseThrow();
      Ladder.Range range = r.range();
      if (range != null) {
        ladders[j] = range.ladder();
        from[j] = range.from();
        to[j] = range.to();
      }
    }
    return new Lattice(List.copyOf(quasi), from, to, ladders, policy.requiredK());
  }

  /** The first node: every range at its finest rung. */
  int[] bottom() {
    return from.clone();
  }

  /** The next node, the last column's rung moving fastest; false after the top. */
  boolean next(int[] node) {
    for (int j = node.length - 1; j >= 0; j--) {
      if (node[j] < to[j]) {
        node[j]++;
        for (int i = j + 1; i < node.length; i++) {
          node[i] = from[i];
        }
        return true;
      }
    }
    return false;
  }

  /** Sums a node's classes up ({@link NodeClasses#candidate}). */
  GeneralisationPlan.Candidate candidate(NodeClasses e, int[] node, long cap) {
    Map<String, String> rungs = new LinkedHashMap<>();
    int height = 0;
    for (int j = 0; j < node.length; j++) {
      Ladder l = ladders[j];
      if (l != null) {
        rungs.put(quasi.get(j), l.rungs().get(node[j]));
        height += node[j] - from[j];
      }
    }
    return e.candidate(k, cap, rungs, height);
  }

  /** A node's classes: each finest class coarsened to the node's rungs, its people counted once. */
  NodeClasses evaluate(int[] node, List<ClassTable.Cls> classes, PersonSpans spans) {
    long[] single = spans.single;
    Map<PersonSpans.IntSet, Long> multi = spans.multi;
    NodeClasses e = new NodeClasses();
    int n = classes.size();
    int[] nodeOf = new int[n];
    List<Map<String, String>> cache = new ArrayList<>();
    for (int j = 0; j < quasi.size(); j++) {
      cache.add(new HashMap<>());
    }
    for (ClassTable.Cls c : classes) {
      String[] key = new String[quasi.size()];
      for (int j = 0; j < key.length; j++) {
        String v = c.values[j];
        Ladder l = ladders[j];
        if (l != null && !v.isEmpty() && node[j] != from[j]) {
          int jj = j;
          v =
              cache
                  .get(j)
                  .computeIfAbsent(
                      v,
                      x -> {
                        String up = l.coarsen(x, from[jj], node[jj]);
                        if (up == null) { // the first pass wrote it: cannot happen
                          throw new IllegalStateException(
                              "column '" + quasi.get(jj) + "': a value off its ladder");
                        }
                        return up;
                      });
        }
        key[j] = v;
      }
      int id = e.id(List.of(key));
      nodeOf[c.id] = id;
      e.size[id] += single[c.id];
      e.rowsOf[id] += c.rows;
    }
    for (Map.Entry<PersonSpans.IntSet, Long> m : multi.entrySet()) {
      int[] seen = new int[m.getKey().members.length];
      int distinct = 0;
      outer:
      for (int c : m.getKey().members) {
        int id = nodeOf[c];
        for (int i = 0; i < distinct; i++) {
          if (seen[i] == id) {
            continue outer;
          }
        }
        seen[distinct++] = id;
        e.size[id] += m.getValue();
      }
    }
    // people with at least one row suppressed: known once sizes are
    long affected = 0;
    for (ClassTable.Cls c : classes) {
      if (e.size[nodeOf[c.id]] < k) {
        affected += single[c.id];
      }
    }
    for (Map.Entry<PersonSpans.IntSet, Long> m : multi.entrySet()) {
      for (int c : m.getKey().members) {
        if (e.size[nodeOf[c]] < k) {
          affected += m.getValue();
          break;
        }
      }
    }
    e.peopleAffected = affected;
    return e;
  }

  @Override
  public String toString() {
    return "Lattice[quasi=" + quasi + "]";
  }
}
