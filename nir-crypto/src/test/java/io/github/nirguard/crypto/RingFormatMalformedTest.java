package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key ring file's syntax, branch by branch: each malformed form is refused with its own message
 * and the number of the line at fault (counting the comments and blank lines skipped), and what the
 * format allows (comments, blank lines, surrounding spaces, no creation times) reads.
 */
class RingFormatMalformedTest {
  static Kek kek;
  static KeyRing ring;
  static List<String> lines; // header, version, keyset lines, seal

  static final String SEAL_FAILS =
      "the key ring's seal does not verify with this KEK (wrong KEK, or a ring edited,"
          + " reordered, truncated or spliced)";

  @BeforeAll
  static void ring() throws GeneralSecurityException {
    kek = Kek.insecureEphemeral();
    ring = TestKeys.ring("lab-export", "lab-audit");
    lines = List.of(text(ring.toBytes(kek)).split("\n"));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(List<String> ls) {
    return (String.join("\n", ls) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> with(int index, String line) {
    List<String> l = new ArrayList<>(lines);
    l.set(index, line);
    return l;
  }

  private static String malformed(List<String> ls) {
    return assertThrows(MalformedKeyRingException.class, () -> KeyRing.fromBytes(bytes(ls), kek, 0))
        .getMessage();
  }

  private static String refused(List<String> ls) {
    return assertThrows(GeneralSecurityException.class, () -> KeyRing.fromBytes(bytes(ls), kek, 0))
        .getMessage();
  }

  @Test
  void whatTheFormatAllowsReads() throws Exception {
    assertEquals(ring, KeyRing.fromBytes(bytes(lines), kek, 0));
    List<String> spaced = new ArrayList<>();
    spaced.add(lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      spaced.add("# a comment");
      spaced.add("");
      spaced.add("  " + l + " \t");
    }
    assertEquals(ring, KeyRing.fromBytes(bytes(spaced), kek, 0));
    String created = lines.get(2).split(" ")[3];
    assertEquals(8, created.indexOf(':'), created);
    assertEquals(2, KeyRing.formatOf(bytes(lines)));
    assertEquals(1, KeyRing.formatOf("nirguard-keyring 1\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ring.version(), KeyRing.fromBytes(bytes(lines), kek, ring.version()).version());
  }

  @Test
  void theFirstLineIsTheHeaderAndNothingElse() {
    String notARing = "not a nirguard key ring file (line 1)";
    assertEquals(notARing, malformed(List.of()));
    assertEquals(notARing, malformed(with(0, "nirguard-keyring 3")));
    List<String> blankFirst = new ArrayList<>(lines);
    blankFirst.add(0, "");
    assertEquals(notARing, malformed(blankFirst));
    List<String> commentFirst = new ArrayList<>(lines);
    commentFirst.add(0, "# comment");
    assertEquals(notARing, malformed(commentFirst));
    assertEquals(
        notARing,
        assertThrows(MalformedKeyRingException.class, () -> KeyRing.formatOf(new byte[0]))
            .getMessage());
    assertEquals(
        notARing,
        assertThrows(MalformedKeyRingException.class, () -> KeyRing.formatOf(bytes(blankFirst)))
            .getMessage());
    assertEquals(
        "not a nirguard key ring file (not UTF-8)",
        assertThrows(
                MalformedKeyRingException.class,
                () -> KeyRing.fromBytes(new byte[] {'n', (byte) 0xff, '\n'}, kek, 0))
            .getMessage());
    assertEquals(
        "key ring format 1 has no whole-ring integrity: upgrade it once with 'nir keys upgrade'"
            + " (KeyRing.upgradeFromVersion1)",
        malformed(with(0, "nirguard-keyring 1")));
  }

  @Test
  void aRingEndsWithItsSeal() {
    String noSeal = "key ring has no seal (truncated?)";
    assertEquals(noSeal, malformed(lines.subList(0, 2)));
    assertEquals(noSeal, malformed(lines.subList(0, 1)));
    assertEquals(noSeal, malformed(lines.subList(0, lines.size() - 1)));
    String seal = lines.get(lines.size() - 1);
    assertEquals(noSeal, malformed(with(lines.size() - 1, "seals " + seal.substring(5))));
    // the header, the version and the seal: an empty ring whose seal is another ring's
    assertEquals(SEAL_FAILS, refused(List.of(lines.get(0), lines.get(1), seal)));
  }

  @Test
  void theVersionIsANonNegativeNumber() throws Exception {
    for (String bad : new String[] {"version -1", "version x", "versions 3", "version", "3"}) {
      assertEquals("malformed key ring version at line 2", malformed(with(1, bad)), bad);
    }
    List<String> commented = new ArrayList<>(with(1, "version -1"));
    commented.add(1, "# the version follows");
    assertEquals("malformed key ring version at line 3", malformed(commented));
    KeyRing zero = KeyRing.fromBytes(new KeyRing0().bytes(), kek, 0);
    assertEquals(0, zero.version());
    GeneralSecurityException old =
        assertThrows(
            GeneralSecurityException.class,
            () -> KeyRing.fromBytes(bytes(lines), kek, ring.version() + 1));
    assertEquals(
        "key ring version "
            + ring.version()
            + " is older than the minimum "
            + (ring.version() + 1)
            + " (rolled back?)",
        old.getMessage());
  }

  /** A ring at version 0, sealed by {@link RingFormat#write}. */
  private static final class KeyRing0 {
    byte[] bytes() throws GeneralSecurityException {
      return RingFormat.write(0, new java.util.TreeMap<>(), kek);
    }
  }

  @Test
  void everyKeysetLineHasFiveWellFormedFields() {
    String keyset = lines.get(2);
    String[] f = keyset.split(" ");
    List<String> bad = new ArrayList<>();
    bad.add(String.join(" ", Arrays.copyOf(f, 4)));
    bad.add(keyset + " extra");
    bad.add("keysets" + keyset.substring(6));
    bad.add("keyset Bad_Purpose " + f[2] + " " + f[3] + " " + f[4]);
    bad.add("keyset " + f[1] + " nokind " + f[3] + " " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " 1234567:5 " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " 123456789:5 " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " 1234567g:5 " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " 12345678:x " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " " + f[3] + ", " + f[4]);
    bad.add("keyset " + f[1] + " " + f[2] + " " + f[3] + " " + f[4] + "*");
    for (String b : bad) {
      assertEquals("malformed key ring line 3", malformed(with(2, b)), b);
    }
    List<String> commented = new ArrayList<>(with(3, bad.get(0)));
    commented.add(2, "");
    commented.add(2, "# two lines before the keysets");
    assertEquals("malformed key ring line 6", malformed(commented));
    // a syntax error is reported before the seal is checked
    List<String> unsealed = with(3, bad.get(2));
    unsealed.set(unsealed.size() - 1, "seal AAAA");
    assertEquals("malformed key ring line 4", malformed(unsealed));
  }

  @Test
  void aSlotAppearsOnce() {
    List<String> dup = new ArrayList<>(lines);
    dup.add(3, lines.get(2));
    assertEquals("duplicate keyset at key ring line 4", malformed(dup));
    List<String> dupCase = new ArrayList<>(lines);
    String[] f = lines.get(2).split(" ");
    dupCase.add(3, "keyset " + f[1] + " " + f[2].toUpperCase() + " - " + f[4]);
    assertEquals("duplicate keyset at key ring line 4", malformed(dupCase));
  }

  @Test
  void theSealIsCanonicalAndCoversEveryLine() {
    String seal = lines.get(lines.size() - 1);
    assertEquals(SEAL_FAILS, refused(with(lines.size() - 1, seal + "A")));
    assertEquals(SEAL_FAILS, refused(with(lines.size() - 1, seal + "=")));
    assertEquals(SEAL_FAILS, refused(with(lines.size() - 1, "seal *")));
    assertEquals(SEAL_FAILS, refused(with(1, "version " + (ring.version() + 1))));
    String[] f = lines.get(2).split(" ");
    assertEquals(SEAL_FAILS, refused(with(2, String.join(" ", f[0], f[1], f[2], "-", f[4]))));
    assertEquals(
        SEAL_FAILS,
        assertThrows(
                GeneralSecurityException.class,
                () -> KeyRing.fromBytes(bytes(lines), Kek.insecureEphemeral(), 0))
            .getMessage());
  }

  @Test
  void format1IsReadForTheUpgradeOnlyLineByLine() throws Exception {
    Kek committed = KeyRingVectorsTest.committedKek();
    byte[] v1 = KeyRingVectorsTest.resource(KeyRingVectorsTest.RING_V1);
    List<String> old = List.of(text(v1).split("\n"));
    int first = 0;
    while (!old.get(first).startsWith("kat-vectors ")) {
      first++;
    }
    KeyRing upgraded = KeyRing.upgradeFromVersion1(v1, committed);
    assertEquals(1, upgraded.version());
    List<String> slots =
        old.stream()
            .filter(l -> l.startsWith("kat-vectors "))
            .map(l -> l.substring(0, l.lastIndexOf(' ')))
            .sorted()
            .toList();
    assertEquals("KeyRing[v1, " + String.join(", ", slots) + "]", upgraded.toString());

    assertEquals(
        "not a format 1 key ring file (line 1)",
        assertThrows(
                MalformedKeyRingException.class,
                () -> KeyRing.upgradeFromVersion1(bytes(lines), committed))
            .getMessage());
    assertEquals(
        "not a format 1 key ring file (line 1)",
        assertThrows(
                MalformedKeyRingException.class,
                () -> KeyRing.upgradeFromVersion1(new byte[0], committed))
            .getMessage());
    String lineNo = Integer.toString(first + 2);
    String[] f = old.get(first + 1).split(" ");
    String[][] bad = {
      {f[0] + " " + f[1], "malformed key ring line " + lineNo},
      {old.get(first + 1) + " x", "malformed key ring line " + lineNo},
      {"Bad_Purpose " + f[1] + " " + f[2], "malformed key ring line " + lineNo},
      {f[0] + " nokind " + f[2], "malformed key ring line " + lineNo},
      {f[0] + " " + f[1] + " " + f[2] + "*", "malformed key ring line " + lineNo},
      {old.get(first), "duplicate keyset at key ring line " + lineNo},
      {
        f[0] + " " + f[1] + " " + old.get(first).split(" ")[2],
        "key ring line " + lineNo + " does not decrypt with this KEK"
      },
    };
    for (String[] b : bad) {
      List<String> edited = new ArrayList<>(old);
      edited.set(first + 1, b[0]);
      Exception e =
          assertThrows(
              Exception.class, () -> KeyRing.upgradeFromVersion1(bytes(edited), committed));
      assertEquals(b[1], e.getMessage(), b[0]);
      assertEquals(!b[1].contains("decrypt"), e instanceof MalformedKeyRingException, b[0]);
    }
    assertEquals(
        "key ring line " + (first + 1) + " does not decrypt with this KEK",
        assertThrows(
                GeneralSecurityException.class,
                () -> KeyRing.upgradeFromVersion1(v1, Kek.insecureEphemeral()))
            .getMessage());
  }
}
