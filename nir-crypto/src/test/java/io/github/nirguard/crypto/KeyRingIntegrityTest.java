package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ring is authenticated as a whole: a drill of mutations of a sealed ring file (deleted,
 * reordered, duplicated, edited and truncated lines; a slot rolled back to an older ring's line or
 * taken from another ring under the same KEK; a changed version) of which none is accepted. A
 * rollback to an older complete ring passes the seal, and is refused against a recorded version.
 */
class KeyRingIntegrityTest {
  static Kek kek;
  static KeyRing older; // version 4
  static KeyRing current; // version 5: older plus a rotation
  static KeyRing other; // another ring under the same KEK, same slots
  static List<String> lines;
  static List<String> olderLines;
  static List<String> otherLines;

  @BeforeAll
  static void rings() throws Exception {
    kek = Kek.insecureEphemeral();
    older =
        KeyRingManager.empty()
            .add("research-42", KeyKind.TOKEN)
            .add("lab-export", KeyKind.FPE)
            .add("lab-export", KeyKind.FILE)
            .rotate("lab-export", KeyKind.FPE)
            .ring();
    current = KeyRingManager.of(older).rotate("research-42", KeyKind.TOKEN).ring();
    other =
        KeyRingManager.empty()
            .add("research-42", KeyKind.TOKEN)
            .add("lab-export", KeyKind.FPE)
            .add("lab-export", KeyKind.FILE)
            .rotate("lab-export", KeyKind.FPE)
            .rotate("research-42", KeyKind.TOKEN)
            .ring();
    lines = lines(current);
    olderLines = lines(older);
    otherLines = lines(other);
  }

  static List<String> lines(KeyRing r) throws GeneralSecurityException {
    return List.of(new String(r.toBytes(kek), StandardCharsets.UTF_8).split("\n"));
  }

  static byte[] bytes(List<String> ls) {
    return (String.join("\n", ls) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theRingAsWrittenIsAccepted() throws Exception {
    assertEquals(5, current.version());
    assertEquals(4, older.version());
    assertEquals(current, KeyRing.fromBytes(bytes(lines), kek));
    assertEquals(current, KeyRing.fromBytes(bytes(lines), kek, 5));
    // 0 header, 1 version, 2..4 keysets, 5 seal
    assertEquals(6, lines.size());
    assertTrue(lines.get(1).equals("version 5") && lines.get(5).startsWith("seal "));
  }

  @Test
  void noMutationOfTheRingIsAccepted() throws Exception {
    Map<String, List<String>> drill = new LinkedHashMap<>();
    int n = lines.size();
    for (int i = 1; i < n; i++) { // partial deletion: each line
      List<String> m = new ArrayList<>(lines);
      m.remove(i);
      drill.put("delete line " + (i + 1), m);
    }
    for (int i = 2; i < n - 1; i++) { // reorder: every pair of keyset lines
      for (int j = i + 1; j < n - 1; j++) {
        List<String> m = new ArrayList<>(lines);
        m.set(i, lines.get(j));
        m.set(j, lines.get(i));
        drill.put("swap lines " + (i + 1) + " and " + (j + 1), m);
      }
    }
    for (int i = 2; i < n - 1; i++) {
      List<String> dup = new ArrayList<>(lines);
      dup.add(i, lines.get(i));
      drill.put("duplicate line " + (i + 1), dup);
      // the same slot's line from the older ring (a rotated keyset rolled back alone)
      List<String> rolled = new ArrayList<>(lines);
      rolled.set(i, olderLines.get(i));
      if (!rolled.equals(lines)) {
        drill.put("line " + (i + 1) + " from the older ring", rolled);
      }
      // the same slot's line from another ring under the same KEK
      List<String> spliced = new ArrayList<>(lines);
      spliced.set(i, otherLines.get(i));
      drill.put("line " + (i + 1) + " from another ring", spliced);
      // the older ring's line and the older seal: still not the older ring as a whole
      List<String> both = new ArrayList<>(rolled);
      both.set(n - 1, olderLines.get(n - 1));
      drill.put("line " + (i + 1) + " and the seal from the older ring", both);
      // deleting a keyset and re-using the older ring's seal
      List<String> deleted = new ArrayList<>(lines);
      deleted.remove(i);
      deleted.set(deleted.size() - 1, olderLines.get(n - 1));
      drill.put("delete line " + (i + 1) + " with the older seal", deleted);
    }
    for (String v : List.of("version 4", "version 6", "version 999", "version -1", "version x")) {
      List<String> m = new ArrayList<>(lines);
      m.set(1, v);
      drill.put(v, m);
    }
    List<String> newerVersion = new ArrayList<>(olderLines);
    newerVersion.set(1, "version 5"); // an older ring dressed as the current version
    drill.put("older ring relabelled version 5", newerVersion);
    List<String> otherSeal = new ArrayList<>(lines);
    otherSeal.set(n - 1, otherLines.get(n - 1));
    drill.put("another ring's seal", otherSeal);
    drill.put("no seal", new ArrayList<>(lines.subList(0, n - 1)));
    drill.put("header only", List.of(lines.get(0)));
    List<String> format1 = new ArrayList<>(lines);
    format1.set(0, "nirguard-keyring 1");
    drill.put("format 1 header", format1);
    for (int i = 1; i < n; i++) { // one changed character, every few characters of every line
      String line = lines.get(i);
      for (int k = 0; k < line.length(); k += 5) {
        char c = line.charAt(k);
        char d = c == 'A' ? 'B' : c == '0' ? '1' : c == ' ' ? '_' : 'A';
        List<String> m = new ArrayList<>(lines);
        m.set(i, line.substring(0, k) + d + line.substring(k + 1));
        drill.put("line " + (i + 1) + " char " + k, m);
      }
    }
    int refused = 0;
    for (Map.Entry<String, List<String>> e : drill.entrySet()) {
      try {
        KeyRing.fromBytes(bytes(e.getValue()), kek);
        fail("accepted: " + e.getKey());
      } catch (IOException | GeneralSecurityException expected) {
        refused++;
      }
    }
    assertEquals(drill.size(), refused);
    assertTrue(refused > 150, "a drill of many mutations: " + refused);
  }

  @Test
  void aRollbackToAnOlderCompleteRingNeedsTheRecordedVersion() throws Exception {
    byte[] old = bytes(olderLines);
    // the seal alone cannot tell: the older ring is a ring the KEK sealed
    assertEquals(older, KeyRing.fromBytes(old, kek));
    // the recorded version can
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> KeyRing.fromBytes(old, kek, 5));
    assertTrue(e.getMessage().contains("older than the minimum"), e.getMessage());
    assertEquals(current, KeyRing.fromBytes(bytes(lines), kek, 5));
  }

  @Test
  void anotherKekRefusesTheRing() throws Exception {
    assertThrows(
        GeneralSecurityException.class,
        () -> KeyRing.fromBytes(bytes(lines), Kek.insecureEphemeral()));
  }
}
