package io.github.nirguard.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The equivalence classes met so far: an open-addressing table from the quasi-identifier values of
 * a row (compared exactly) to a class, without building a key per row.
 */
final class ClassTable {
  /** One class: its values, its row count and the distinct values of each sensitive column. */
  static final class Cls {
    final int id;
    final String[] values;
    final Set<String>[] sensitive;
    long rows;

    @SuppressWarnings("unchecked")
    Cls(int id, String[] values, int sensitiveColumns) {
      this.id = id;
      this.values = values;
      this.sensitive = new Set[sensitiveColumns];
      for (int i = 0; i < sensitiveColumns; i++) {
        sensitive[i] = new HashSet<>(4);
      }
    }
  }

  private final int[] qi;
  private final int sensitiveColumns;
  private final List<Cls> classes = new ArrayList<>();
  private int[] slots = new int[1024]; // class id + 1, 0 = empty
  private long[] hashes = new long[1024];

  ClassTable(int[] qi, int sensitiveColumns) {
    this.qi = qi.clone();
    this.sensitiveColumns = sensitiveColumns;
  }

  private long hash(String[] row) {
    long h = 0x27D4EB2F165667C5L;
    for (int c : qi) {
      String v = row[c];
      h = (h ^ v.length()) * 0x9E3779B97F4A7C15L;
      for (int i = 0; i < v.length(); i++) {
        h = (h ^ v.charAt(i)) * 0x100000001B3L;
      }
    }
    return Hash128.mix(h);
  }

  private boolean same(Cls c, String[] row) {
    for (int i = 0; i < qi.length; i++) {
      if (!c.values[i].equals(row[qi[i]])) {
        return false;
      }
    }
    return true;
  }

  /** The class of a row, created if new. */
  Cls classOf(String[] row) {
    long h = hash(row);
    int mask = slots.length - 1;
    int i = (int) h & mask;
    while (slots[i] != 0) {
      if (hashes[i] == h) {
        Cls c = classes.get(slots[i] - 1);
        if (same(c, row)) {
          return c;
        }
      }
      i = (i + 1) & mask;
    }
    String[] values = new String[qi.length];
    for (int q = 0; q < qi.length; q++) {
      values[q] = row[qi[q]];
    }
    Cls c = new Cls(classes.size(), values, sensitiveColumns);
    classes.add(c);
    slots[i] = c.id + 1;
    hashes[i] = h;
    if (classes.size() * 2 > slots.length) {
      grow();
    }
    return c;
  }

  private void grow() {
    int[] oldSlots = slots;
    long[] oldHashes = hashes;
    slots = new int[oldSlots.length * 2];
    hashes = new long[oldSlots.length * 2];
    int mask = slots.length - 1;
    for (int j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] != 0) {
        int i = (int) oldHashes[j] & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = oldSlots[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  List<Cls> classes() {
    return classes;
  }

  int size() {
    return classes.size();
  }

  @Override
  public String toString() {
    return "ClassTable[" + classes.size() + " classes, " + Arrays.toString(qi) + "]";
  }
}
