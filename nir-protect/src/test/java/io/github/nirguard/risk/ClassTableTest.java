package io.github.nirguard.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassTableTest {
  /** Rows of 0 to 8 columns, each column's domain from 1 to 6,000 values (some need 13 bits). */
  private static final Gen<String[][]> TABLES =
      random -> {
        int q = random.nextInt(9);
        int[] domain = new int[q];
        for (int j = 0; j < q; j++) {
          domain[j] = 1 + random.nextInt(random.nextBoolean() ? 6000 : 40);
        }
        int n = 1 + random.nextInt(30_000);
        String[][] t = new String[n][q];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < q; j++) {
            int v = random.nextInt(domain[j]);
            t[i][j] = v == 0 ? "" : "v" + v; // the empty cell is a value too
          }
        }
        return t;
      };

  @Test
  void classesAreTheDistinctTuplesInOrderOfFirstSightNarrowOrWide() {
    ForAll.check(
        "class table = a map of value lists",
        60,
        ForAll.seed(),
        TABLES,
        t -> {
          int q = t[0].length;
          int[] qi = new int[q];
          for (int j = 0; j < q; j++) {
            qi[j] = q - 1 - j; // columns read out of order
          }
          ClassTable table = new ClassTable(qi);
          ClassTable batched = new ClassTable(qi); // fed in batches of 1 to 300 rows
          int[] codes = new int[300 * Math.max(1, q)];
          int[] ids = new int[300];
          int[] expectedIds = new int[300];
          int pending = 0;
          int batch = 1 + (t.length % 300);
          Map<List<String>, Integer> naive = new LinkedHashMap<>();
          List<Long> rows = new ArrayList<>();
          for (String[] row : t) {
            List<String> key = new ArrayList<>();
            for (int j = 0; j < q; j++) {
              key.add(new String(row[qi[j]])); // a copy: equal by value, not by reference
            }
            Integer id = naive.get(key);
            if (id == null) {
              id = naive.size();
              naive.put(key, id);
              rows.add(0L);
            }
            rows.set(id, rows.get(id) + 1);
            assertEquals(id, table.classOf(row));
            batched.encode(row, codes, pending * q);
            expectedIds[pending++] = id;
            if (pending == batch || row == t[t.length - 1]) {
              batched.classesOf(codes, pending, ids);
              assertArrayEquals(
                  Arrays.copyOf(expectedIds, pending), Arrays.copyOf(ids, pending), "batched ids");
              pending = 0;
            }
          }
          assertEquals(naive.size(), table.size());
          assertEquals(naive.size(), batched.size());
          assertEquals(table.wide(), batched.wide());
          List<ClassTable.Cls> classes = table.classes();
          for (Map.Entry<List<String>, Integer> e : naive.entrySet()) {
            ClassTable.Cls c = classes.get(e.getValue());
            assertEquals(e.getValue(), c.id);
            assertArrayEquals(e.getKey().toArray(new String[0]), c.values);
            assertEquals(rows.get(e.getValue()), c.rows);
            assertEquals(c.rows, table.rows(c.id));
            assertEquals(c.rows, batched.rows(c.id));
            assertArrayEquals(c.values, batched.classes().get(c.id).values);
          }
        });
  }

  private static ClassTable fed(int columns, int rows, int bigColumns) {
    int[] qi = new int[columns];
    for (int j = 0; j < columns; j++) {
      qi[j] = j;
    }
    ClassTable table = new ClassTable(qi);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < rows; i++) {
        String[] row = new String[columns];
        for (int j = 0; j < columns; j++) {
          row[j] = j < bigColumns ? "v" + i : "v" + (i % 3);
        }
        assertEquals(i, table.classOf(row));
      }
    }
    for (int i = 0; i < rows; i++) {
      assertEquals(2, table.rows(i));
      assertEquals("v" + i, table.classes().get(i).values[0]);
    }
    return table;
  }

  @Test
  void aColumnOutgrowingItsBitsTakesTheOthersSpareBits() {
    // five columns start with 12 or 13 bits each; 20,000 values need 15, the others 2
    ClassTable t = fed(5, 20_000, 1);
    assertEquals(20_000, t.size());
    assertTrue(!t.wide(), t.toString());
  }

  @Test
  void codesWiderThanALongAreKeyedByTheirHash() {
    // eight columns of 3,000 values need 8 x 12 bits: more than 64
    ClassTable t = fed(8, 3_000, 8);
    assertEquals(3_000, t.size());
    assertTrue(t.wide(), t.toString());
  }
}
