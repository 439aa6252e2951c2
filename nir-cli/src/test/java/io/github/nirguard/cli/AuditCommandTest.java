package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail of the CLI: who, why, what, never a value; no record, no reveal. */
class AuditCommandTest {
  @TempDir Path dir;
  CliRun.Keys keys;
  Path log;
  Path tokens;
  Path hidden;

  static final String NIRS = "2 55 08 14 168 025 38\n253072B07300470\n";

  @BeforeEach
  void setUp() throws IOException {
    keys = CliRun.createKeys(dir, "lab-export", "prp-token", "fpe");
    log = dir.resolve("keys.ring.audit");
    Path nirs = Files.writeString(dir.resolve("nirs.txt"), NIRS);
    tokens = dir.resolve("tokens.txt");
    Files.writeString(
        tokens,
        CliRun.run(
                    keys.after(
                        "tokenize", "--scheme", "prp", "--purpose", "lab-export", nirs.toString()))
                .out()
            + "np1.00000000.aaaaaaaaaaaaaaaaaaaaaaaaaa\n");
    hidden = dir.resolve("hidden.txt");
    Files.writeString(
        hidden,
        CliRun.run(keys.after("fpe", "encrypt", "--purpose", "lab-export", nirs.toString())).out());
  }

  private List<String[]> records() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .skip(1)
        .map(l -> l.split("\t", -1))
        .toList();
  }

  @Test
  void keyOperationsAndRevealsAreRecordedWithoutAnyValue() throws IOException {
    List<String[]> created = records();
    assertEquals(2, created.size(), "the two 'nir keys create' of the setup");
    assertEquals("key-create", created.get(0)[2]);
    assertEquals(System.getProperty("user.name"), created.get(0)[6], "the OS user by default");
    CliRun.Result list = CliRun.run(keys.after("keys", "list"));
    assertTrue(
        java.util.regex.Pattern.compile(
                "prp-token\t" + created.get(0)[4] + "\tENABLED\t[^\t]+\tyes")
            .matcher(list.out())
            .find(),
        list.out());

    CliRun.Result back =
        CliRun.run(
            keys.after(
                "detokenize",
                "--reason",
                "ticket 4521",
                "--actor",
                "alice",
                "--purpose",
                "lab-export",
                tokens.toString()));
    assertEquals(ExitCodes.INVALID, back.code(), back.err());
    assertEquals("255081416802538\n253072B07300470\n\n", back.out());
    CliRun.Result dec =
        CliRun.run(
            keys.after(
                "fpe",
                "decrypt",
                "--reason",
                "INC-2026-7",
                "--purpose",
                "lab-export",
                hidden.toString()));
    assertEquals(ExitCodes.OK, dec.code(), dec.err());
    CliRun.Result rot =
        CliRun.run(
            keys.after(
                "keys",
                "rotate",
                "--purpose",
                "lab-export",
                "--kind",
                "fpe",
                "--reason",
                "yearly"));
    assertEquals(ExitCodes.OK, rot.code(), rot.err());

    List<String[]> all = records();
    assertEquals(5, all.size());
    String[] d = all.get(2);
    assertEquals(
        List.of("3", "detokenize", "lab-export", "-", "2", "alice", "ticket 4521"),
        List.of(d[0], d[2], d[3], d[4], d[5], d[6], d[7]),
        "2 NIRs revealed, the refused token not counted");
    String[] f = all.get(3);
    assertEquals(List.of("fpe-decrypt", "2", "INC-2026-7"), List.of(f[2], f[5], f[7]));
    assertEquals(created.get(1)[4], f[4], "the FPE key that decrypted");
    assertEquals("key-rotate", all.get(4)[2]);
    assertFalse(all.get(4)[4].equals(created.get(1)[4]), "the new primary key");

    String text = Files.readString(log);
    for (String v : List.of("255081416802538", "253072B07300470", "2 55 08", "np1.")) {
      assertFalse(text.contains(v), "the log holds no value");
    }
    for (String v : Files.readString(hidden).split("\n")) {
      assertFalse(text.contains(v), "the log holds no ciphertext");
    }
    CliRun.Result v = CliRun.run("audit", "verify", log.toString());
    assertEquals(ExitCodes.OK, v.code(), v.err());
    AuditVerification direct = AuditLog.verify(log, null);
    assertEquals("intact: 5 records, head " + direct.head().orElseThrow() + "\n", v.out());
    CliRun.Result head = CliRun.run("audit", "head", log.toString());
    assertEquals(direct.head().orElseThrow() + "\n", head.out());
    CliRun.Result anchored =
        CliRun.run("audit", "verify", "--anchor", head.out().trim(), log.toString());
    assertEquals(ExitCodes.OK, anchored.code(), anchored.err());
  }

  @Test
  void revealsWithoutAReasonOrWithAValueInTheReasonAreRefusedBeforeAnyKeyIsRead()
      throws IOException {
    long before = records().size();
    Path policy = Path.of("..", "examples", "lab-export.policy");
    Path out = dir.resolve("out.csv");
    for (String[] args :
        List.of(
            keys.after("detokenize", "--purpose", "lab-export", tokens.toString()),
            keys.after("fpe", "decrypt", "--purpose", "lab-export", hidden.toString()),
            keys.after(
                "fpe", "decrypt", "--reason", " ", "--purpose", "lab-export", hidden.toString()),
            keys.after(
                "reveal", "--policy", policy.toString(), tokens.toString(), out.toString()))) {
      CliRun.Result r = CliRun.run(args);
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertEquals("", r.out());
      assertTrue(r.err().contains("--reason is required"), r.err());
    }
    for (String bad :
        List.of("for 2 55 08 14 168 025 38", "np1.00000000.aaaaaaaaaaaaaaaaaaaaaaaaaa")) {
      CliRun.Result r =
          CliRun.run(
              keys.after(
                  "detokenize", "--reason", bad, "--purpose", "lab-export", tokens.toString()));
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertEquals("", r.out());
      assertFalse(r.err().contains("168 025") || r.err().contains("aaaaaaaa"), r.err());
      CliRun.Result a =
          CliRun.run(
              keys.after(
                  "detokenize",
                  "--reason",
                  "ok",
                  "--actor",
                  bad,
                  "--purpose",
                  "lab-export",
                  tokens.toString()));
      assertEquals(ExitCodes.USAGE, a.code(), a.err());
    }
    assertFalse(Files.exists(out));
    assertEquals(before, records().size(), "nothing recorded");
  }

  @Test
  void noRecordNoReveal() throws IOException {
    Path nowhere = dir.resolve("no-such-dir").resolve("a.audit");
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "detokenize",
                "--reason",
                "t",
                "--audit-log",
                nowhere.toString(),
                "--purpose",
                "lab-export",
                tokens.toString()));
    assertEquals(ExitCodes.UNWRITABLE, r.code(), r.err());
    assertEquals("", r.out(), "not one NIR printed");
    assertTrue(r.err().contains("audit log " + nowhere), r.err());

    // a log cut inside its last record is never appended to
    byte[] b = Files.readAllBytes(log);
    Files.write(log, java.util.Arrays.copyOf(b, b.length - 3));
    CliRun.Result cut =
        CliRun.run(
            keys.after(
                "fpe", "decrypt", "--reason", "t", "--purpose", "lab-export", hidden.toString()));
    assertEquals(ExitCodes.UNWRITABLE, cut.code(), cut.err());
    assertEquals("", cut.out());
    assertTrue(cut.err().contains("nir audit verify"), cut.err());
    CliRun.Result rot =
        CliRun.run(keys.after("keys", "rotate", "--purpose", "lab-export", "--kind", "fpe"));
    assertEquals(ExitCodes.UNWRITABLE, rot.code(), rot.err());
    CliRun.Result listed = CliRun.run(keys.after("keys", "list"));
    assertEquals(3, listed.out().split("\n").length, "the ring was not rotated: " + listed.out());
    CliRun.Result v = CliRun.run("audit", "verify", log.toString());
    assertEquals(ExitCodes.CRYPTO, v.code());
    assertTrue(v.err().contains(": line 3: INCOMPLETE"), v.err());
  }

  @Test
  void verifyUsageAndHelp() throws IOException {
    assertEquals(
        ExitCodes.USAGE, CliRun.run("audit", "verify", "--anchor", "x", log.toString()).code());
    assertEquals(
        ExitCodes.UNREADABLE, CliRun.run("audit", "verify", dir.resolve("none").toString()).code());
    String help = CliRun.run("audit", "verify", "--help").out();
    assertTrue(help.contains("Exit codes:") && help.contains("--anchor"), help);
    String reveal = CliRun.run("detokenize", "--help").out();
    assertTrue(reveal.contains("--reason") && reveal.contains("--audit-log"), reveal);
  }
}
