package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.Action;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.ScanCorpus;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code scan:reversible} action: free text protected by span tokens, revealed whole. */
class ScanReversibleActionTest {
  static final List<String> HEADER = List.of("id", "comment");

  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab-notes", KeyKind.values()).ring();
  }

  static final ProtectionPolicy POLICY =
      ProtectionPolicy.parse(
          "nirguard-policy 1\npurpose lab-notes\n"
              + "column id health keep\n"
              + "column comment text scan:reversible\n");

  @Test
  void theActionIsReversibleAndSurvivesTheFormat() {
    assertEquals(Action.SCAN_REVERSIBLE, Action.named("scan:reversible"));
    assertTrue(Action.SCAN_REVERSIBLE.reversible());
    assertEquals(POLICY, ProtectionPolicy.parse(POLICY.format()));
    assertTrue(POLICY.format().contains("scan:reversible"), POLICY.format());
  }

  @Test
  void rowsOfTheCorpusComeBackByteForByte() throws GeneralSecurityException {
    RowProtector p = RowProtector.bind(POLICY, HEADER, ring);
    RowRevealer r = RowRevealer.bind(POLICY, p.outputHeader(), ring);
    assertTrue(p.outputHeader().contains("_sealed"), "a reversible action seals the row");
    long[] line = {0};
    ForAll.check(
        "scan:reversible row round trip",
        ScanCorpus.sentences(),
        s -> {
          line[0]++;
          RowResult out = p.protect(new String[] {"A" + line[0], s.text()}, line[0]);
          assertFalse(out.isRejected(), "rejected");
          String[] row = out.row().orElseThrow();
          assertEquals(s.planted().isEmpty(), row[1].equals(s.text()));
          RowResult back = r.reveal(row, line[0]);
          assertFalse(back.isRejected(), "refused");
          assertEquals(s.text(), back.row().orElseThrow()[1]);
        });
  }

  @Test
  void tokenShapedTextRejectsTheRowAndATamperedCellIsRefused() throws Exception {
    RowProtector p = RowProtector.bind(POLICY, HEADER, ring);
    RowResult shaped = p.protect(new String[] {"A1", "voir [nr1.abc] et 2 55 08 14 168 025 38"}, 1);
    assertTrue(shaped.isRejected());
    assertEquals(RowReason.TOKEN_SHAPED_TEXT, shaped.reason());
    assertEquals("comment", shaped.column());

    String[] row =
        p.protect(new String[] {"A2", "NIR 2 55 08 14 168 025 38."}, 1).row().orElseThrow();
    assertTrue(row[1].startsWith("NIR [nr1.") && row[1].endsWith("]."), row[1]);
    String[] edited = row.clone();
    edited[1] = row[1].replace("[nr1.", "[nr1.A");
    RowResult refused = RowRevealer.bind(POLICY, p.outputHeader(), ring).reveal(edited, 1);
    assertTrue(refused.isRejected(), "an edited cell is refused");
    assertEquals(RowReason.ROW_SEAL_REFUSED, refused.reason(), "by the row seal first");
    assertFalse(refused.toString().contains("168 025"), refused.toString());
  }
}
