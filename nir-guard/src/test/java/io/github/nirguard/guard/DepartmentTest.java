package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nirguard.core.Nir;
import org.junit.jupiter.api.Test;

/** The department buckets the breadth signals count, for every kind of place of birth. */
class DepartmentTest {
  private static int bucket(String nir) {
    Nir n = Nir.parse(nir);
    char letter = n.corsicaLetter();
    return NirFeatures.department(n.numericBody(), letter == 'A' ? 1 : letter == 'B' ? 2 : 0);
  }

  @Test
  void everyKindOfPlaceHasItsBucket() {
    assertEquals(14, bucket("2 55 08 14 168 025 38")); // mainland, Calvados
    assertEquals(97, bucket("253072A07300443")); // Corsica 2A
    assertEquals(98, bucket("253072B07300470")); // Corsica 2B
    assertEquals(101, bucket("201019730512303")); // overseas 973
    assertEquals(112 + 1, bucket("2 95 10 99 126 111 93")); // abroad, country 126: Europe
    assertEquals(1, bucket("141330109002285")); // Ain
  }

  @Test
  void overseasAndAbroadBucketsDoNotCollide() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int d = 971; d <= 978; d++) {
      assertEquals(99 + d - 971, NirFeatures.department(1_00_01_00000_000L + d * 100_000L, 0));
      seen.add(99 + d - 971);
    }
    for (int d = 984; d <= 988; d++) {
      seen.add(NirFeatures.department(1_00_01_00000_000L + d * 100_000L, 0));
    }
    for (int c = 0; c < 10; c++) {
      seen.add(NirFeatures.department(1_00_01_00000_000L + 99_000_00L * 10 + c * 100_000L, 0));
    }
    assertEquals(8 + 5 + 10, seen.size());
  }
}
