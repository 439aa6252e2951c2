package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.policy.OnLeak;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code scan} actions and the whole-file safety net for NIRs left in clear (issue 17 §2). */
class ScanActionTest {
  static final List<String> HEADER = List.of("nir", "comment", "blood_group");

  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab-export", KeyKind.values()).ring();
  }

  static ProtectionPolicy policy(String comment, String extra) {
    return ProtectionPolicy.parse(
        "nirguard-policy 1\npurpose lab-export\n"
            + "column nir nir token\n"
            + "column comment text "
            + comment
            + "\ncolumn blood_group health keep\n"
            + extra);
  }

  @Test
  void scanReplacesEveryNirInFreeTextByItsKeyedTokenAndKeepsTheRest()
      throws GeneralSecurityException {
    RowProtector p = RowProtector.bind(policy("scan", ""), HEADER, ring);
    KeyedTokenizer tokens = KeyedTokenizer.create(ring, "lab-export");
    ForAll.check(
        "scan action",
        Nirs.valid(),
        nir -> {
          String text = "Patient n° SS " + nir.display() + " : RAS, revoir dans 3 mois.";
          RowResult r = p.protect(new String[] {nir.compact(), text, "O+"}, 1);
          String out = r.row().orElseThrow()[1];
          assertEquals(
              "Patient n° SS " + tokens.tokenize(nir).value() + " : RAS, revoir dans 3 mois.", out);
          assertFalse(out.contains(nir.compact().substring(0, 13)), "no body left");
        });
    RowResult plain =
        p.protect(new String[] {"255081416802538", "RAS, tél. 06 12 34 56 78", ""}, 2);
    assertEquals("RAS, tél. 06 12 34 56 78", plain.row().orElseThrow()[1], "text without NIR");
  }

  @Test
  void scanMaskMasksTheNir() throws GeneralSecurityException {
    RowProtector p = RowProtector.bind(policy("scan:mask", ""), HEADER, ring);
    Nir nir = Nir.parse("255081416802538");
    RowResult r = p.protect(new String[] {nir.compact(), "NIR " + nir.compact() + ".", "O+"}, 1);
    String out = r.row().orElseThrow()[1];
    assertTrue(out.startsWith("NIR 2 55 08 ••"), out);
    assertFalse(out.contains("168025"), out);
  }

  @Test
  void aNirLeftInAKeptOrMaskedColumnRejectsTheRowUnlessAllowedInClear()
      throws GeneralSecurityException {
    Nir nir = Nir.parse("255081416802538");
    String[] row = {nir.compact(), "ok", "see " + nir.display()};
    for (String comment : List.of("keep", "mask", "scan")) {
      RowProtector p = RowProtector.bind(policy(comment, ""), HEADER, ring);
      assertEquals(OnLeak.FAIL, policy(comment, "").onLeak(), "fail closed by default");
      RowResult r = p.protect(row, 1);
      assertTrue(r.isRejected(), comment);
      assertEquals(RowReason.NIR_IN_CLEAR, r.reason(), comment);
      assertEquals("blood_group", r.column(), comment);
      assertFalse(r.toString().contains(nir.compact()), "no value in the result");
    }
    String[] inComment = {nir.compact(), "see " + nir.compact(), "O+"};
    RowResult kept = RowProtector.bind(policy("keep", ""), HEADER, ring).protect(inComment, 1);
    assertEquals(RowReason.NIR_IN_CLEAR, kept.reason(), "a kept free-text column is watched");
    assertEquals("comment", kept.column());
    RowResult scanned = RowProtector.bind(policy("scan", ""), HEADER, ring).protect(inComment, 1);
    assertFalse(scanned.isRejected(), "a scanned column is cleaned first");
    ProtectionPolicy q = policy("scan", "on-leak reject-row\n");
    assertEquals(OnLeak.REJECT_ROW, q.onLeak());
    assertEquals(q, ProtectionPolicy.parse(q.format()), "on-leak survives format");
  }
}
