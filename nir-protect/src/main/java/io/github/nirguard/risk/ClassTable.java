package io.github.nirguard.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The equivalence classes met so far. Each quasi-identifier value is dictionary-encoded to a small
 * int per column ({@link Dictionary}); a class is its tuple of codes, packed into one {@code long}
 * when the columns' code widths add up to 64 bits or less (the usual case: sex, year-month,
 * department and a few more fit with room to spare), else looked up by a hash of the tuple and
 * compared code by code. The table from a key to a class id is open addressing over primitive
 * arrays: a row costs one dictionary probe per column and one table probe, and allocates nothing
 * unless it meets a new value or a new class. Memory is a few ints per class and one string per
 * distinct value, whatever the rows.
 */
final class ClassTable {
  /** One class, made on demand for the generalisation lattice: its id, values and row count. */
  static final class Cls {
    final int id;
    final String[] values;
    final long rows;

    Cls(int id, String[] values, long rows) {
      this.id = id;
      this.values = values;
      this.rows = rows;
    }
  }

  private final int[] qi;
  private final int q;
  private final Dictionary[] dictionaries;

  /** Per column: how many bits of the packed key its code takes, and where they start. */
  private final int[] width;

  private final int[] shift;

  /** Whether classes are keyed by a hash of their codes (the codes do not fit one long). */
  private boolean wide;

  private int[] codes = new int[0]; // class id * q + column: the class's codes
  private long @Nullable [] rowCount; // made from the table when asked, after the rows
  private int size;
  // slot i: entries[3i] the packed codes (or the codes' hash when wide), entries[3i + 1] the class
  // id + 1 (0 = empty), entries[3i + 2] its rows: side by side, one cache miss per row
  private long[] entries = new long[3 * 2048];
  private int slots = 2048;
  private final int[] scratch;
  private long touched; // what the batch's first reads summed: kept so that they are not elided
  private @Nullable List<Cls> materialised;

  ClassTable(int[] qi) {
    this.qi = qi.clone();
    this.q = qi.length;
    this.dictionaries = new Dictionary[q];
    for (int j = 0; j < q; j++) {
      dictionaries[j] = new Dictionary();
    }
    this.width = new int[q];
    this.shift = new int[q];
    this.scratch = new int[q];
    this.codes = new int[1024 * Math.max(1, q)];
    allocate(new int[q]);
  }

  /** Shares 64 bits among the columns: each gets what its dictionary needs, the rest shared. */
  private void allocate(int[] need) {
    int sum = 0;
    for (int n : need) {
      sum += n;
    }
    if (q == 0) {
      return;
    }
    if (sum > 64) {
      wide = true;
      return;
    }
    int spare = 64 - sum;
    int at = 0;
    for (int j = 0; j < q; j++) {
      width[j] = need[j] + spare / q + (j < spare % q ? 1 : 0);
      shift[j] = at;
      at += width[j];
    }
  }

  /** The bits a column's codes need so far (codes 0 to size - 1), at least 1. */
  private static int bits(int distinct) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, distinct - 1)));
  }

  /** The id of a row's class, created if new. */
  int classOf(String[] row) {
    encode(row, scratch, 0);
    return probe(scratch, 0);
  }

  /**
   * Writes a row's codes to {@code c[off .. off + q - 1]}, giving new values the next codes (and
   * sharing the 64 bits again if a code outgrows its bits: codes already written stay valid, only
   * their packing changes).
   */
  void encode(String[] row, int[] c, int off) {
    for (int j = 0; j < q; j++) {
      int code = dictionaries[j].code(row[qi[j]]);
      c[off + j] = code;
      if (!wide && width[j] < 32 && code >>> width[j] != 0) {
        widen();
      }
    }
  }

  /**
   * The ids of {@code count} rows' classes, their codes {@code q} apiece in {@code c} (from {@link
   * #encode}), created if new in the rows' order: the same ids as {@link #classOf} row by row. The
   * rows' home slots are read first, all of them, so that their cache misses overlap instead of
   * coming one after the other.
   */
  void classesOf(int[] c, int count, int[] ids) {
    long[] e = entries;
    int mask = slots - 1;
    long t = 0;
    for (int k = 0; k < count; k++) {
      t += e[3 * ((int) Hash128.mix(key(c, k * q)) & mask) + 1];
    }
    touched = t;
    for (int k = 0; k < count; k++) {
      ids[k] = probe(c, k * q);
    }
  }

  private long key(int[] c, int off) {
    return wide ? hashOf(c, off) : packed(c, off);
  }

  /** The id of the class with the codes at {@code c[off ..]}, created if new. */
  private int probe(int[] c, int off) {
    long key = key(c, off);
    long[] e = entries;
    int mask = slots - 1;
    int i = (int) Hash128.mix(key) & mask;
    while (true) {
      int at = 3 * i;
      long slot = e[at + 1];
      if (slot == 0) {
        break;
      }
      if (e[at] == key && (!wide || sameCodes((int) slot - 1, c, off))) {
        e[at + 2]++;
        rowCount = null;
        materialised = null;
        return (int) slot - 1;
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if ((id + 1) * q > codes.length) {
      codes = Arrays.copyOf(codes, codes.length * 2);
    }
    System.arraycopy(c, off, codes, id * q, q);
    e[3 * i] = key;
    e[3 * i + 1] = id + 1;
    e[3 * i + 2] = 1;
    rowCount = null;
    materialised = null;
    if (size * 2 > slots) {
      grow();
    }
    return id;
  }

  private long packed(int[] c, int off) {
    long key = 0;
    for (int j = 0; j < q; j++) {
      key |= (long) c[off + j] << shift[j];
    }
    return key;
  }

  private long hashOf(int[] c, int off) {
    long h = 0x27D4EB2F165667C5L;
    for (int j = 0; j < q; j++) {
      h = (h ^ c[off + j]) * 0x9E3779B97F4A7C15L;
      h = Long.rotateLeft(h, 29);
    }
    return h;
  }

  private boolean sameCodes(int id, int[] c, int off) {
    int at = id * q;
    for (int j = 0; j < q; j++) {
      if (codes[at + j] != c[off + j]) {
        return false;
      }
    }
    return true;
  }

  /** A column's dictionary outgrew its bits: share the 64 bits again, or go wide; re-key. */
  private void widen() {
    int[] need = new int[q];
    for (int j = 0; j < q; j++) {
      need[j] = bits(dictionaries[j].size()) + 1; // one bit of headroom: fewer re-keys
    }
    allocate(need);
    long[] old = entries;
    long[] e = new long[3 * slots];
    int mask = slots - 1;
    int[] c = new int[q];
    for (int at = 0; at < old.length; at += 3) {
      if (old[at + 1] != 0) {
        int id = (int) old[at + 1] - 1;
        System.arraycopy(codes, id * q, c, 0, q);
        put(e, mask, key(c, 0), old[at + 1], old[at + 2]);
      }
    }
    entries = e;
  }

  /** Doubles the slots, moving each (key, id, rows) as it is. */
  private void grow() {
    long[] old = entries;
    slots *= 2;
    long[] e = new long[3 * slots];
    int mask = slots - 1;
    for (int at = 0; at < old.length; at += 3) {
      if (old[at + 1] != 0) {
        put(e, mask, old[at], old[at + 1], old[at + 2]);
      }
    }
    entries = e;
  }

  private static void put(long[] e, int mask, long key, long slot, long rows) {
    int i = (int) Hash128.mix(key) & mask;
    while (e[3 * i + 1] != 0) {
      i = (i + 1) & mask;
    }
    e[3 * i] = key;
    e[3 * i + 1] = slot;
    e[3 * i + 2] = rows;
  }

  /** Each class's rows, by id, read from the table. */
  private long[] rowCounts() {
    long[] r = rowCount;
    if (r == null) {
      r = new long[size];
      long[] e = entries;
      for (int at = 0; at < e.length; at += 3) {
        if (e[at + 1] != 0) {
          r[(int) e[at + 1] - 1] = e[at + 2];
        }
      }
      rowCount = r;
    }
    return r;
  }

  /** The rows of a class. */
  long rows(int id) {
    return rowCounts()[id];
  }

  /** The classes, in the order of their ids (made once, after the rows). */
  List<Cls> classes() {
    if (materialised == null) {
      long[] r = rowCounts();
      List<Cls> out = new ArrayList<>(size);
      for (int id = 0; id < size; id++) {
        String[] values = new String[q];
        for (int j = 0; j < q; j++) {
          values[j] = dictionaries[j].value(codes[id * q + j]);
        }
        out.add(new Cls(id, values, r[id]));
      }
      materialised = Collections.unmodifiableList(out);
    }
    return materialised;
  }

  int size() {
    return size;
  }

  /** Whether the classes' codes no longer fit one long (for the tests). */
  boolean wide() {
    return wide;
  }

  @Override
  public String toString() {
    return "ClassTable[" + size + " classes, " + Arrays.toString(qi) + (wide ? ", wide" : "") + "]";
  }

  /**
   * The distinct values of one column, each given the next code (0, 1, 2…): an open-addressing
   * table of strings compared exactly, hashed from their characters (not {@link String#hashCode},
   * whose cache would flatter reused strings).
   */
  static final class Dictionary {
    private String[] table = new String[64];
    private int[] codeOf = new int[64];
    private String[] values = new String[16];
    private int size;

    int code(String v) {
      int h = hash(v);
      int mask = table.length - 1;
      int i = h & mask;
      while (true) {
        String t = table[i];
        if (t == null) {
          break;
        }
        if (t.equals(v)) {
          return codeOf[i];
        }
        i = (i + 1) & mask;
      }
      int code = size++;
      if (code == values.length) {
        values = Arrays.copyOf(values, code * 2);
      }
      values[code] = v;
      table[i] = v;
      codeOf[i] = code;
      if (size * 2 > table.length) {
        grow();
      }
      return code;
    }

    private static int hash(String v) {
      int h = 0x9E3779B9 ^ v.length();
      for (int i = 0; i < v.length(); i++) {
        h = (h ^ v.charAt(i)) * 0x01000193;
      }
      return h ^ (h >>> 15);
    }

    private void grow() {
      String[] oldTable = table;
      int[] oldCodes = codeOf;
      table = new String[oldTable.length * 2];
      codeOf = new int[oldTable.length * 2];
      int mask = table.length - 1;
      for (int j = 0; j < oldTable.length; j++) {
        if (oldTable[j] != null) {
          int i = hash(oldTable[j]) & mask;
          while (table[i] != null) {
            i = (i + 1) & mask;
          }
          table[i] = oldTable[j];
          codeOf[i] = oldCodes[j];
        }
      }
    }

    String value(int code) {
      return values[code];
    }

    int size() {
      return size;
    }
  }
}
