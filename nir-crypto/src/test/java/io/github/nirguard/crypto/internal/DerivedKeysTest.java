package io.github.nirguard.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DerivedKeys}: lookups by id, the primary among the keys, a wipe of every key. */
class DerivedKeysTest {
  private static byte[] filled(int value) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) value);
    return k;
  }

  @Test
  void holdsTheKeysByIdAndWipesEveryOne() {
    Map<Integer, byte[]> map = new HashMap<>();
    byte[] primary = filled(7);
    byte[] old = filled(9);
    map.put(1001, primary);
    map.put(-5, old);
    DerivedKeys keys = new DerivedKeys(1001, map);
    assertEquals(1001, keys.primaryId());
    assertSame(primary, keys.primary());
    assertSame(old, keys.get(-5));
    assertNull(keys.get(1002));
    assertSame(map, keys.all());
    assertEquals("DerivedKeys[2 key(s)]", keys.toString());

    keys.wipe();
    assertArrayEquals(new byte[32], primary);
    assertArrayEquals(new byte[32], old);
    assertArrayEquals(new byte[32], keys.primary());
  }

  @Test
  void thePrimaryMustBeAmongTheKeys() {
    Map<Integer, byte[]> map = Map.of(1, filled(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DerivedKeys(2, map));
    assertEquals("the primary key is not among the keys", e.getMessage());
  }
}
