package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reveal never lies: a revealed row is the original or a refusal, whatever happened to the file or
 * the keys between protect and reveal (issue 12 §1).
 */
class RevealIntegrityTest {
  static final List<String> HEADER = RowProtectorTest.HEADER;
  static final String POLICY = RowProtectorTest.POLICY;

  /** FPE alone, nothing sealed: still a row seal, which names the FPE key. */
  static final String FPE_ONLY =
      "nirguard-policy 1\npurpose lab-export\n"
          + "column nir nir fpe\n"
          + "column last_name name keep\n"
          + "column first_name name keep\n"
          + "column birth_date birth-date keep\n"
          + "column phone phone drop\n"
          + "column postcode postcode keep\n"
          + "column blood_group health keep\n"
          + "allow-clear last_name first_name\n";

  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    RowProtectorTest.keys();
    ring = RowProtectorTest.ring;
  }

  /** Protects people as rows 1..n of one export. */
  static List<String[]> protect(RowProtector p, List<SyntheticRecord> people) {
    List<String[]> out = new ArrayList<>();
    for (int k = 0; k < people.size(); k++) {
      out.add(p.protect(RowProtectorTest.row(people.get(k), "75012"), k + 1).row().orElseThrow());
    }
    return out;
  }

  @Test
  void fpeValuesRevealAfterEveryKindIsRotated() throws GeneralSecurityException {
    for (String text : List.of(POLICY, FPE_ONLY)) {
      ProtectionPolicy policy = ProtectionPolicy.parse(text);
      long seed = ForAll.seed();
      List<SyntheticRecord> people = Records.synthetic().sample(seed, 200);
      RowProtector p = RowProtector.bind(policy, HEADER, ring);
      List<String[]> rows = protect(p, people);
      KeyRingManager keys = KeyRingManager.of(ring);
      for (KeyKind k : KeyKind.values()) {
        keys = keys.rotate("lab-export", k);
      }
      KeyRing rotated = keys.ring();
      RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), rotated);
      for (int k = 0; k < rows.size(); k++) {
        RowResult r = rv.reveal(rows.get(k), k + 1);
        assertFalse(r.isRejected(), () -> "row refused after rotation, seed " + seed + ": " + r);
        assertEquals(people.get(k).nir().compact(), r.row().orElseThrow()[0], "seed " + seed);
      }
      // and the rotated ring's new rows reveal too, under the new primary keys
      RowProtector q = RowProtector.bind(policy, HEADER, rotated);
      String[] fresh = protect(q, people.subList(0, 1)).get(0);
      assertNotEquals(rows.get(0)[0], fresh[0], "a new FPE key encrypts differently");
      assertEquals(
          people.get(0).nir().compact(),
          RowRevealer.bind(policy, q.outputHeader(), rotated)
              .reveal(fresh, 1)
              .row()
              .orElseThrow()[0]);
    }
  }

  @Test
  void everyMovedOrEditedCellIsRefused() throws GeneralSecurityException {
    for (String text : List.of(POLICY, FPE_ONLY)) {
      ProtectionPolicy policy = ProtectionPolicy.parse(text);
      long seed = ForAll.seed();
      List<SyntheticRecord> people = Records.synthetic().sample(seed, 40);
      RowProtector p = RowProtector.bind(policy, HEADER, ring);
      List<String[]> rows = protect(p, people);
      int width = rows.get(0).length;
      for (int a = 0; a + 1 < rows.size(); a += 2) {
        int b = a + 1;
        for (int c = 0; c < width; c++) {
          if (rows.get(a)[c].equals(rows.get(b)[c])) {
            continue; // the same value in both rows: nothing moves
          }
          // the cell of row b in row a: an FPE cell, a token, a clear result, a sealed cell
          String[] swapped = rows.get(a).clone();
          swapped[c] = rows.get(b)[c];
          RowResult r = RowRevealer.bind(policy, p.outputHeader(), ring).reveal(swapped, a + 1);
          assertTrue(
              r.isRejected(),
              "column " + p.outputHeader().get(c) + " swapped was revealed, seed " + seed);
          // an edited cell
          String[] edited = rows.get(a).clone();
          edited[c] = edited[c].isEmpty() ? "x" : edited[c].substring(1);
          assertTrue(
              RowRevealer.bind(policy, p.outputHeader(), ring).reveal(edited, a + 1).isRejected(),
              "edited, seed " + seed);
        }
        // whole rows exchanged (a file sorted by another column)
        RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), ring);
        assertTrue(rv.reveal(rows.get(b), a + 1).isRejected(), "row moved, seed " + seed);
      }
    }
  }

  @Test
  void rowsOfOnePersonCannotBeExchanged() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    SyntheticRecord person = Records.synthetic().sample(ForAll.seed(), 1).get(0);
    RowProtector p = RowProtector.bind(policy, HEADER, ring);
    String[] in1 = RowProtectorTest.row(person, "75012");
    String[] in2 = in1.clone();
    in2[6] = "AB-"; // another result for the same person
    String[] first = p.protect(in1, 1).row().orElseThrow();
    String[] second = p.protect(in2, 2).row().orElseThrow();
    assertEquals(first[0], second[0], "one person: the same FPE value");
    assertEquals(first[1], second[1], "and the same token");
    RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), ring);
    assertTrue(rv.reveal(second, 1).isRejected());
    String[] sealSwapped = first.clone();
    sealSwapped[7] = second[7];
    assertTrue(rv.reveal(sealSwapped, 1).isRejected());
    assertFalse(rv.reveal(first, 1).isRejected());
    assertFalse(rv.reveal(second, 2).isRejected());
  }

  @Test
  void rowsOfAnotherExportAreRefused() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    List<SyntheticRecord> people = Records.synthetic().sample(ForAll.seed(), 3);
    RowProtector one = RowProtector.bind(policy, HEADER, ring);
    RowProtector two = RowProtector.bind(policy, HEADER, ring);
    assertNotEquals(one.exportId(), two.exportId());
    List<String[]> a = protect(one, people);
    List<String[]> b = protect(two, people);
    RowRevealer rv = RowRevealer.bind(policy, one.outputHeader(), ring);
    assertFalse(rv.reveal(a.get(0), 1).isRejected());
    assertEquals(one.exportId(), rv.exportId().orElseThrow());
    // the same person at the same row of another export of the same purpose: a valid seal, but
    // not of this export
    RowResult r = rv.reveal(b.get(1), 2);
    assertTrue(r.isRejected());
    assertEquals("OTHER_EXPORT", r.code());
    // the seal cell copied from the other export: every other cell is the same (one person, one
    // purpose, deterministic FPE and token), the seal opens, its export id gives it away
    String[] mixed = a.get(2).clone();
    mixed[7] = b.get(2)[7];
    assertEquals("OTHER_EXPORT", rv.reveal(mixed, 3).code());
  }

  @Test
  void aDecryptedNirWhoseTokenDiffersIsRefusedEvenUnderAValidSeal()
      throws GeneralSecurityException {
    // an insider holding the record key re-seals a row after swapping the token: the row seal
    // opens, the recomputed token does not match
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    List<SyntheticRecord> people = Records.synthetic().sample(ForAll.seed(), 2);
    RowProtector p = RowProtector.bind(policy, HEADER, ring);
    List<String[]> rows = protect(p, people);
    Layout layout = new Layout(policy, HEADER);
    RecordSealer.Fields sealer =
        RecordSealer.create(ring, "lab-export").forFields(layout.sealedNames);
    String[] forged = rows.get(0).clone();
    forged[1] = rows.get(1)[1];
    RowRevealer honest = RowRevealer.bind(policy, p.outputHeader(), ring);
    List<String> sealed = sealer.open(layout.binding(rows.get(0), 1), rows.get(0)[7]);
    forged[7] = sealer.seal(layout.binding(forged, 1), sealed.toArray(new String[0]));
    RowResult r = honest.reveal(forged, 1);
    assertTrue(r.isRejected());
    assertEquals("TOKEN_MISMATCH", r.code());
    assertEquals("nir", r.column());
    // the check itself: the token of the revealed NIR under the key the token names
    KeyedTokenizer t = KeyedTokenizer.create(ring, "lab-export");
    assertTrue(
        t.matches(people.get(0).nir(), io.github.nirguard.crypto.Token.parse(rows.get(0)[1])));
    assertFalse(
        t.matches(people.get(0).nir(), io.github.nirguard.crypto.Token.parse(rows.get(1)[1])));
  }

  @Test
  void anFpeKeyMissingFromTheRingIsRefusedNotGuessed() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(FPE_ONLY);
    List<SyntheticRecord> people = Records.synthetic().sample(ForAll.seed(), 1);
    RowProtector p = RowProtector.bind(policy, HEADER, ring);
    String[] row = protect(p, people).get(0);
    // another ring with the same record keyset is impossible to build from outside; a ring whose
    // FPE keyset lacks the key: reveal with the original ring's row under a fresh ring fails whole
    KeyRing other = KeyRingManager.empty().add("lab-export", KeyKind.values()).ring();
    RowResult r = RowRevealer.bind(policy, p.outputHeader(), other).reveal(row, 1);
    assertTrue(r.isRejected());
  }

  @Test
  void aPolicyWithReversibleColumnsNeedsTheRecordKeyset() throws GeneralSecurityException {
    KeyRing noRecord = KeyRingManager.empty().add("lab-export", KeyKind.FPE).ring();
    PolicyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PolicyException.class,
            () -> RowProtector.bind(ProtectionPolicy.parse(FPE_ONLY), HEADER, noRecord));
    assertTrue(e.getMessage().contains("lacks a keyset"));
  }
}
