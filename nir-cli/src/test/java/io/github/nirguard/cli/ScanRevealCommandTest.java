package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.testkit.Nirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nir scan --redact --reversible} and {@code nir scan --reveal}: the text back byte for
 * byte, audited; refusals whole, with exit codes and without a NIR on stderr. NIRs generated per
 * run, never printed.
 */
class ScanRevealCommandTest {
  @TempDir Path dir;

  private List<Nir> nirs;
  private Path notes;
  private String original;
  private CliRun.Keys keys;

  @BeforeEach
  void notes() throws IOException {
    nirs = Nirs.valid().sample(System.nanoTime(), 2);
    Nir a = nirs.get(0);
    Nir b = nirs.get(1);
    String c = b.compact();
    original =
        "Compte rendu du 12/03/2024.\r\n"
            + "Patient\u00a0"
            + a.display().replace(' ', '\u00a0')
            + ", tél. 06 12 34 56 78.\n"
            + "  NIR : "
            + c.substring(0, 13)
            + "\r\n"
            + c.substring(13)
            + " — fin 😀\n";
    notes = dir.resolve("notes.txt");
    Files.writeString(notes, original, StandardCharsets.UTF_8);
    keys = CliRun.createKeys(dir, "lab-notes", "siv-token");
  }

  private CliRun.Result redact(Path in, Path out) {
    return CliRun.run(
        keys.after(
            "scan",
            "--redact",
            "--reversible",
            "--purpose",
            "lab-notes",
            "--out",
            out.toString(),
            in.toString()));
  }

  private CliRun.Result reveal(Path in, Path out, String... more) {
    String[] base = {
      "scan", "--reveal", "--purpose", "lab-notes", "--out", out.toString(), in.toString()
    };
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.run(keys.after(all));
  }

  /**
   * The operation of each re-identifying record of the audit log (the third tab-separated field),
   * in order; the key ring's creation is audited too.
   */
  private List<String> reidentifications() throws IOException {
    Path log = dir.resolve("keys.ring.audit");
    assertTrue(AuditLog.verify(log, null).ok(), "an intact audit log");
    List<String> lines = Files.readAllLines(log);
    List<String> operations = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String operation = line.split("\t")[2];
      if (AuditOperation.named(operation).reidentifies()) {
        operations.add(operation);
      }
    }
    return operations;
  }

  private void assertNoNir(String output) {
    for (Nir nir : nirs) {
      assertFalse(output.contains(nir.body()), "no body in the output");
      assertFalse(output.contains(nir.body().substring(0, 7)), "no part of a NIR");
    }
  }

  @Test
  void theRedactedCopyRevealsToTheOriginalByteForByteAndIsAudited() throws IOException {
    Path red = dir.resolve("notes.red.txt");
    CliRun.Result r = redact(notes, red);
    assertEquals(ExitCodes.INVALID, r.code(), r.err()); // NIRs were found
    assertEquals("2:9 KEY_VALID\n3:9 KEY_VALID\n", r.out());
    String redacted = Files.readString(red);
    assertEquals(3, redacted.split("\\[nr1\\.", -1).length - 1, "two span tokens and the seal");
    assertTrue(redacted.matches("(?s).*\\[nr1\\.seal\\.[A-Za-z0-9_-]+]\n"), "a seal line ends it");
    assertNoNir(redacted + r.err());
    assertEquals(ExitCodes.OK, CliRun.run("scan", red.toString()).code(), "no NIR left");

    Path back = dir.resolve("notes.back.txt");
    CliRun.Result v = reveal(red, back, "--reason", "ticket 4521");
    assertEquals(ExitCodes.OK, v.code(), v.err());
    assertTrue(v.err().contains("2 token(s) revealed"), v.err());
    assertNoNir(v.err() + v.out());
    assertTrue(
        java.util.Arrays.equals(Files.readAllBytes(notes), Files.readAllBytes(back)),
        "byte for byte");
    String audit = Files.readString(dir.resolve("keys.ring.audit"));
    assertEquals(List.of("detokenize"), reidentifications(), "one record, the seal checked");
    assertTrue(audit.contains("ticket 4521"), "the reason is recorded");
    assertNoNir(audit);

    Path again = dir.resolve("notes.red2.txt");
    redact(notes, again);
    assertEquals(redacted, Files.readString(again), "deterministic");
  }

  @Test
  void revealNeedsAReasonAndRefusesATamperedTextWhole() throws IOException {
    Path red = dir.resolve("notes.red.txt");
    redact(notes, red);
    Path back = dir.resolve("back.txt");
    CliRun.Result noReason = reveal(red, back);
    assertEquals(ExitCodes.USAGE, noReason.code(), noReason.err());
    assertFalse(Files.exists(back));

    String redacted = Files.readString(red);
    int second = redacted.lastIndexOf("[nr1.", redacted.indexOf("[nr1.seal.") - 1);
    int at = second + 12;
    char c = redacted.charAt(at);
    Path edited = dir.resolve("edited.txt");
    Files.writeString(
        edited, redacted.substring(0, at) + (c == 'A' ? 'B' : 'A') + redacted.substring(at + 1));
    CliRun.Result refused = reveal(edited, back, "--reason", "ticket 4521");
    assertEquals(ExitCodes.CRYPTO, refused.code(), refused.err());
    assertTrue(refused.err().contains("TOKEN_REFUSED at character " + second), refused.err());
    assertFalse(Files.exists(back), "nothing written");
    assertNoNir(refused.err() + refused.out());

    Path cut = dir.resolve("cut.txt");
    Files.writeString(cut, redacted.substring(0, redacted.length() - 30));
    CliRun.Result malformed = reveal(cut, back, "--reason", "ticket 4521");
    assertEquals(ExitCodes.CRYPTO, malformed.code(), malformed.err());
    assertTrue(malformed.err().contains("MALFORMED_TOKEN"), malformed.err());
    assertFalse(Files.exists(back), "nothing written");

    CliRun.Result over = reveal(red, red, "--reason", "ticket 4521");
    assertTrue(over.code() != ExitCodes.OK, "never over the input");
    assertEquals(redacted, Files.readString(red));
  }

  @Test
  void theSealRefusesSwappedTokensAndACutUnlessInsecureUnsealed() throws IOException {
    Path red = dir.resolve("notes.red.txt");
    redact(notes, red);
    String redacted = Files.readString(red);
    int seal = redacted.indexOf("[nr1.seal.");
    int first = redacted.indexOf("[nr1.");
    int firstEnd = redacted.indexOf(']', first) + 1;
    int second = redacted.indexOf("[nr1.", firstEnd);
    int secondEnd = redacted.indexOf(']', second) + 1;
    Path swapped = dir.resolve("swapped.txt");
    Files.writeString(
        swapped,
        redacted.substring(0, first)
            + redacted.substring(second, secondEnd)
            + redacted.substring(firstEnd, second)
            + redacted.substring(first, firstEnd)
            + redacted.substring(secondEnd));
    Path back = dir.resolve("back.txt");
    CliRun.Result refused = reveal(swapped, back, "--reason", "ticket 4521");
    assertEquals(ExitCodes.CRYPTO, refused.code(), refused.err());
    assertTrue(refused.err().contains("SEAL_REFUSED at character " + seal), refused.err());
    assertFalse(Files.exists(back), "nothing written");
    assertNoNir(refused.err() + refused.out());

    Path cut = dir.resolve("cut.txt");
    Files.writeString(cut, redacted.substring(0, seal));
    CliRun.Result missing = reveal(cut, back, "--reason", "ticket 4521");
    assertEquals(ExitCodes.CRYPTO, missing.code(), missing.err());
    assertTrue(missing.err().contains("SEAL_MISSING at character " + seal), missing.err());
    assertFalse(Files.exists(back), "nothing written");

    CliRun.Result insecure =
        reveal(swapped, back, "--reason", "ticket 4521", "--insecure-unsealed");
    assertEquals(ExitCodes.OK, insecure.code(), insecure.err());
    assertTrue(insecure.err().contains("INSECURE: the seal was not checked"), insecure.err());
    String wrong = Files.readString(back);
    assertFalse(wrong.equals(original), "what the seal is there to refuse");
    assertNoNir(insecure.err() + insecure.out());
    assertEquals(
        List.of("detokenize-unsealed"),
        reidentifications(),
        "the refusals left no record; the insecure reveal's record says the seal was skipped");
    List<String> lines = Files.readAllLines(dir.resolve("keys.ring.audit"));
    String record = lines.get(lines.size() - 1);
    assertTrue(record.contains("\tticket 4521\t"), "with its reason");
    assertNoNir(record);
    assertEquals(
        ExitCodes.USAGE,
        CliRun.run("scan", "--insecure-unsealed", notes.toString()).code(),
        "--insecure-unsealed without --reveal");
  }

  @Test
  void tokenShapedInputIsRefusedBeforeRedaction() throws IOException {
    Path shaped = dir.resolve("shaped.txt");
    Files.writeString(shaped, "voir [NR1.abc]\nPatient " + nirs.get(0).display() + "\n");
    Path red = dir.resolve("red.txt");
    CliRun.Result r = redact(shaped, red);
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertTrue(r.err().contains("TOKEN_SHAPED_TEXT at character 5"), r.err());
    assertFalse(Files.exists(red), "nothing written");
    assertNoNir(r.err());
  }

  @Test
  void optionsGoTogether() {
    Path out = dir.resolve("o.txt");
    assertEquals(
        ExitCodes.USAGE,
        CliRun.run("scan", "--reversible", notes.toString()).code(),
        "--reversible without --redact");
    assertEquals(
        ExitCodes.USAGE,
        CliRun.run("scan", "--reason", "x", notes.toString()).code(),
        "--reason without --reveal");
    assertEquals(
        ExitCodes.USAGE,
        CliRun.run(
                keys.after(
                    "scan",
                    "--redact",
                    "--reveal",
                    "--purpose",
                    "lab-notes",
                    "--out",
                    out.toString(),
                    notes.toString()))
            .code());
    CliRun.Result noKeyset =
        CliRun.run(
            keys.after(
                "scan",
                "--redact",
                "--reversible",
                "--purpose",
                "other",
                "--out",
                out.toString(),
                notes.toString()));
    assertEquals(ExitCodes.CRYPTO, noKeyset.code(), noKeyset.err());
  }
}
