package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.Nirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What nirguard writes for people: no formula run, no value silently replaced, no drop unreported.
 */
class RevealOutputSafetyTest {
  static final String POLICY =
      "nirguard-policy 1\npurpose lab-export\nnir-profile checksum\n"
          + "column nir nir fpe+token\ncolumn name name seal\ncolumn comment text keep\n";

  static KeyRing ring;
  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    CsvProtectorTest.keys(); // the same purpose and kinds
    ring = CsvProtectorTest.ring;
  }

  @Test
  void formulaCellsAreNeutralisedInRevealedOutputUnlessKept() throws Exception {
    String nir = Nirs.neverReal().sample(7, 1).get(0).compact();
    Path in = dir.resolve("in.csv");
    Files.writeString(
        in,
        "nir,name,comment\n"
            + nir
            + ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3.5\n"
            + nir
            + ",@SUM(A1),+33\n"
            + nir
            + ",\uFF1D1+1,\"\tcmd\"\n"
            + nir
            + ",Durand,-2+3\n");
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    Path prot = dir.resolve("p.csv");
    CsvProtector.create(policy, ring).protect(in, prot);
    // protected output is bound to its row seal: cells kept as they are
    assertTrue(Files.readString(prot).contains("-2+3"));

    Path out = dir.resolve("out.csv");
    CsvProtector.create(policy, ring).reveal(prot, out);
    List<String> lines = Files.readAllLines(out);
    assertEquals(
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3.5",
        afterToken(lines.get(1), nir),
        "a number is not a formula");
    assertEquals("'@SUM(A1),+33", afterToken(lines.get(2), nir));
    assertEquals("'\uFF1D1+1,'\tcmd", afterToken(lines.get(3), nir));
    assertEquals("Durand,'-2+3", afterToken(lines.get(4), nir));

    Path raw = dir.resolve("raw.csv");
    CsvProtector.create(policy, ring).insecureKeepFormulas().reveal(prot, raw);
    assertTrue(Files.readAllLines(raw).get(1).contains(",\"=HYPERLINK("));
  }

  /** The cells after {@code nir,nir_token,}, checking the revealed NIR on the way. */
  static String afterToken(String line, String nir) {
    assertTrue(line.startsWith(nir + ",nt1."));
    return line.substring(line.indexOf(',', nir.length() + 1) + 1);
  }

  @Test
  void formulaRecognition() {
    for (String f :
        List.of(
            "=1+1", "+A1", "-A1", "@x", "\tx", "\rx", "\uFF0B1", "\uFF0D1", "\uFF20x", "-", "+",
            "-1.", "1e5-")) {
      if (f.charAt(0) == '1') {
        assertFalse(Formulas.isFormula(f));
      } else {
        assertTrue(Formulas.isFormula(f), f);
      }
    }
    for (String n :
        List.of("", "abc", "1", "-1", "+1", "-3.5", "-3,5", "+33", "-1e10", "+2.5E-3", "Durand")) {
      assertFalse(Formulas.isFormula(n), n);
      assertEquals(n, Formulas.neutralize(n));
    }
    assertEquals("'=x", Formulas.neutralize("=x"));
  }

  @Test
  void aValueTheOutputCharsetCannotHoldFailsInsteadOfBecomingAQuestionMark() throws Exception {
    String nir = Nirs.neverReal().sample(8, 1).get(0).compact();
    Path in = dir.resolve("in.csv");
    Files.writeString(
        in, "nir,name,comment\n" + nir + ",Zo\u00e9,ok\n" + nir + ",\u0141ukasz \u5f20,ok\n");
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    Path prot = dir.resolve("p.csv");
    CsvProtector.create(policy, ring).protect(in, prot);
    Path out = dir.resolve("out.csv");
    CsvException e =
        assertThrows(
            CsvException.class,
            () ->
                CsvProtector.create(policy, ring)
                    .withCharset(StandardCharsets.ISO_8859_1)
                    .reveal(prot, out));
    assertEquals(CsvError.UNENCODABLE_VALUE, e.error());
    assertEquals(3, e.line());
    assertEquals(Optional.of("name"), e.column());
    assertFalse(e.getMessage().contains("ukasz"));
    assertFalse(Files.exists(out));
  }

  @Test
  void droppedValuesAreCountedAndReported() throws Exception {
    List<String> bad = Nirs.invalid(io.github.nirguard.core.NirError.KEY_MISMATCH).sample(9, 2);
    String good = Nirs.neverReal().sample(9, 1).get(0).compact();
    Path in = dir.resolve("in.csv");
    Files.writeString(
        in, "nir,name,comment\n" + bad.get(0) + ",A,x\n" + good + ",B,y\n" + bad.get(1) + ",C,z\n");
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY).withOnInvalid(OnInvalid.DROP_VALUE);
    Path report = dir.resolve("report.csv");
    CsvSummary s = CsvProtector.create(policy, ring).protect(in, dir.resolve("p.csv"), report);
    assertEquals(3, s.rowsWritten());
    assertEquals(0, s.rowsRejected());
    assertEquals(2, s.valuesDropped());
    assertEquals(
        List.of(
            "line,column,reason,action",
            "2,nir,KEY_MISMATCH,dropped",
            "4,nir,KEY_MISMATCH,dropped"),
        Files.readAllLines(report));
    // and the rows without NIR reveal, bound to their row
    Path back = dir.resolve("back.csv");
    CsvProtector.create(policy, ring).reveal(dir.resolve("p.csv"), back);
    assertEquals(
        ",,A,x", Files.readAllLines(back).get(1), "no NIR, no token, the sealed name back");
  }
}
