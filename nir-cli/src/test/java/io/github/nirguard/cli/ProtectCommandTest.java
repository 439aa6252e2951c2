package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectCommandTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  @TempDir Path dir;
  Path kek;
  Path ring;

  CliRun.Result nir(String... args) {
    return CliRun.run(args);
  }

  String[] withKeys(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = args[0];
    all[1] = "--keys";
    all[2] = ring.toString();
    all[3] = "--insecure-kek-file=" + kek;
    System.arraycopy(args, 1, all, 4, args.length - 1);
    return all;
  }

  @BeforeEach
  void keys() {
    CliRun.Keys keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record", "file");
    kek = keys.kek();
    ring = keys.ring();
  }

  @Test
  void theBundledPolicyIsTheDemoPolicy() throws IOException {
    assertEquals(
        Files.readString(EXAMPLES.resolve("lab-export.policy")),
        new String(
            DemoCommand.class.getResourceAsStream(DemoCommand.POLICY_RESOURCE).readAllBytes(),
            StandardCharsets.UTF_8));
  }

  @Test
  void threadsChangeNothingInTheOutputs() throws IOException {
    String policy = EXAMPLES.resolve("lab-export.policy").toString();
    String in = EXAMPLES.resolve("lab-export.csv").toString();
    List<String> first = null;
    byte[] revealed = null;
    for (String t : new String[] {"1", "3"}) {
      Path out = dir.resolve("out-" + t + ".csv");
      CliRun.Result p =
          nir(withKeys("protect", "--threads", t, "--policy", policy, in, out.toString()));
      assertEquals(0, p.code(), p.err());
      List<String> unsealed = new java.util.ArrayList<>();
      for (String line : Files.readAllLines(out)) { // the row seal has random nonces
        unsealed.add(line.substring(0, line.lastIndexOf(';')));
      }
      if (first == null) {
        first = unsealed;
      } else {
        assertEquals(first, unsealed);
      }
      for (String r : new String[] {"1", "2"}) {
        Path back = dir.resolve("back-" + t + "-" + r + ".csv");
        CliRun.Result v =
            nir(
                withKeys(
                    "reveal",
                    "--reason",
                    "test",
                    "--threads",
                    r,
                    "--policy",
                    policy,
                    out.toString(),
                    back.toString()));
        assertEquals(0, v.code(), v.err());
        if (revealed == null) {
          revealed = Files.readAllBytes(back);
        } else {
          assertArrayEquals(revealed, Files.readAllBytes(back));
        }
      }
    }
    for (String command : new String[] {"protect", "reveal"}) {
      Path out = dir.resolve(command + "-0.csv");
      CliRun.Result bad =
          nir(withKeys(command, "--threads", "0", "--policy", policy, in, out.toString()));
      assertEquals(ExitCodes.USAGE, bad.code(), bad.err());
      assertTrue(bad.err().contains("--threads must be between 1 and 256"), bad.err());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void protectEncryptThenRevealTheBundledExport() throws IOException {
    Path out = dir.resolve("export.nirg");
    CliRun.Result p =
        nir(
            withKeys(
                "protect",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                "--encrypt",
                EXAMPLES.resolve("lab-export.csv").toString(),
                out.toString()));
    assertEquals(0, p.code(), p.err());
    assertTrue(p.err().contains("1,000 rows protected"), p.err());
    Path back = dir.resolve("back.csv");
    CliRun.Result r =
        nir(
            withKeys(
                "reveal",
                "--reason",
                "test",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                out.toString(),
                back.toString()));
    assertEquals(0, r.code(), r.err());
    List<String> a = Files.readAllLines(EXAMPLES.resolve("lab-export.csv"));
    List<String> b = Files.readAllLines(back);
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      String[] x = a.get(i).split(";", -1);
      String[] y = b.get(i).split(";", -1);
      assertEquals(x[0], y[0]);
      assertEquals(x[1], y[2]);
      assertEquals(x[2], y[3]);
    }
  }

  @Test
  void tamperedEnvelopeIsRefusedAndNothingIsWritten() throws IOException {
    Path out = dir.resolve("export.nirg");
    nir(
        withKeys(
            "protect",
            "--policy",
            EXAMPLES.resolve("lab-export.policy").toString(),
            "--encrypt",
            "-q",
            EXAMPLES.resolve("lab-export.csv").toString(),
            out.toString()));
    byte[] bytes = Files.readAllBytes(out);
    bytes[bytes.length / 2] ^= 1;
    Files.write(out, bytes);
    Path back = dir.resolve("back.csv");
    CliRun.Result r =
        nir(
            withKeys(
                "reveal",
                "--reason",
                "test",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                out.toString(),
                back.toString()));
    assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
    assertFalse(Files.exists(back));
  }

  @Test
  void errorsHaveTheirCodesAndNameNoValue() throws IOException {
    Path policy = dir.resolve("bad.policy");
    Files.writeString(policy, "nirguard-policy 1\npurpose lab-export\ncolumn nir name fpe\n");
    CliRun.Result bad =
        nir(
            withKeys(
                "protect",
                "--policy",
                policy.toString(),
                EXAMPLES.resolve("lab-export.csv").toString(),
                dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.USAGE, bad.code());
    assertTrue(bad.err().contains("policy line 3"), bad.err());

    Path ragged = dir.resolve("ragged.csv");
    List<String> lines = Files.readAllLines(EXAMPLES.resolve("lab-export.csv"));
    Files.writeString(
        ragged, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2) + ";extra\n");
    CliRun.Result r =
        nir(
            withKeys(
                "protect",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                ragged.toString(),
                dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.UNREADABLE, r.code());
    assertTrue(r.err().contains("RAGGED_ROW at line 3"), r.err());
    assertFalse(r.err().contains(lines.get(2).split(";")[0]));
    assertFalse(Files.exists(dir.resolve("o.csv")));

    Path existing = dir.resolve("existing.csv");
    Files.writeString(existing, "x");
    CliRun.Result e =
        nir(
            withKeys(
                "protect",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                EXAMPLES.resolve("lab-export.csv").toString(),
                existing.toString()));
    assertEquals(ExitCodes.UNWRITABLE, e.code());
    assertEquals("x", Files.readString(existing));
  }

  @Test
  void reportNeverOverwritesAnotherArgumentOrAnExistingFile() throws IOException {
    Path policy = dir.resolve("lab-export.policy");
    Files.copy(EXAMPLES.resolve("lab-export.policy"), policy);
    Path in = dir.resolve("export.csv");
    Files.copy(EXAMPLES.resolve("lab-export.csv"), in);
    Path out = dir.resolve("out.csv");
    Path existing = Files.writeString(dir.resolve("rejected.csv"), "keep");
    java.util.Map<String, Path> targets = new java.util.LinkedHashMap<>();
    targets.put("--insecure-kek-file", kek);
    targets.put("--keys", ring);
    targets.put("--policy", policy);
    targets.put("IN", in);
    targets.put("OUT", out);
    targets.put(null, existing);
    for (java.util.Map.Entry<String, Path> t : targets.entrySet()) {
      byte[] before = Files.exists(t.getValue()) ? Files.readAllBytes(t.getValue()) : null;
      CliRun.Result r =
          nir(
              withKeys(
                  "protect",
                  "--policy",
                  policy.toString(),
                  "--report",
                  t.getValue().toString(),
                  in.toString(),
                  out.toString()));
      assertEquals(ExitCodes.UNWRITABLE, r.code(), r.err());
      String expected =
          t.getKey() == null
              ? "exists, not overwritten"
              : "is also " + t.getKey() + "; not overwritten";
      assertEquals("nir protect: --report " + t.getValue() + ": " + expected + "\n", r.err());
      if (before != null) {
        assertArrayEquals(before, Files.readAllBytes(t.getValue()), t.getKey() + " untouched");
      }
      assertFalse(Files.exists(out), "no output");
    }
  }

  @Test
  void dashIsRefusedForFileArguments() throws IOException {
    String policy = EXAMPLES.resolve("lab-export.policy").toString();
    String csv = EXAMPLES.resolve("lab-export.csv").toString();
    String out = dir.resolve("o.csv").toString();
    List<String[]> runs =
        List.of(
            withKeys("protect", "--policy", policy, "-", out),
            withKeys("protect", "--policy", policy, csv, "-"),
            withKeys("protect", "--policy", policy, "--report", "-", csv, out),
            withKeys("reveal", "--reason", "test", "--policy", policy, "-", out),
            withKeys("reveal", "--reason", "test", "--policy", policy, csv, "-"));
    for (String[] args : runs) {
      CliRun.Result r = nir(args);
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertEquals(
          "nir "
              + args[0]
              + ": '-' (standard input/output) is not supported by nir "
              + args[0]
              + ": name a file\n",
          r.err());
      assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }
    assertTrue(
        nir("protect", "--help")
            .out()
            .replaceAll("\\s+", " ")
            .contains("'-' (standard input/output) is refused"));
    assertTrue(
        nir("reveal", "--help")
            .out()
            .replaceAll("\\s+", " ")
            .contains("'-' (standard input/output) is refused"));
  }

  @Test
  void demoRunsWithNoSetup() {
    CliRun.Result d = nir("demo", "--rows", "300");
    assertEquals(0, d.code(), d.err());
    assertTrue(d.out().contains("300 of 300 rows restored exactly"), d.out());
    assertTrue(d.out().contains("Demo OK."));
  }

  @Test
  void anOutputThatIsTheInputIsRefusedAsUnwritableAndTheInputStays() throws IOException {
    Path in = dir.resolve("export.csv");
    Files.copy(EXAMPLES.resolve("lab-export.csv"), in);
    byte[] before = Files.readAllBytes(in);
    CliRun.Result r =
        nir(
            withKeys(
                "protect",
                "--policy",
                EXAMPLES.resolve("lab-export.policy").toString(),
                in.toString(),
                in.toString()));
    assertEquals(ExitCodes.UNWRITABLE, r.code(), r.err());
    assertEquals(
        "nir protect: " + in + ": cannot write (is the input file; not overwritten)\n", r.err());
    assertArrayEquals(before, Files.readAllBytes(in));
  }

  @Test
  void keepingADirectIdentifierInClearIsRefusedOrSaidLoudly() throws IOException {
    String policy = Files.readString(EXAMPLES.resolve("lab-export.policy"));
    String keepsPhone = policy.replaceFirst("(column phone +phone +)drop", "$1keep");
    assertTrue(!keepsPhone.equals(policy), "the sample policy has a phone column");
    Path refused = dir.resolve("keeps-phone.policy");
    Files.writeString(refused, keepsPhone);
    CliRun.Result r =
        nir(
            withKeys(
                "protect",
                "--policy",
                refused.toString(),
                EXAMPLES.resolve("lab-export.csv").toString(),
                dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("allow-clear phone"), r.err());
    assertFalse(Files.exists(dir.resolve("o.csv")), "nothing written");

    Path allowed = dir.resolve("allows-phone.policy");
    Files.writeString(allowed, keepsPhone + "allow-clear phone\n");
    CliRun.Result a =
        nir(
            withKeys(
                "protect",
                "--quiet",
                "--policy",
                allowed.toString(),
                EXAMPLES.resolve("lab-export.csv").toString(),
                dir.resolve("o.csv").toString()));
    assertEquals(0, a.code(), a.err());
    assertTrue(a.err().contains("WARNING: direct identifiers written IN CLEAR"), a.err());
    assertTrue(a.err().contains(": phone"), a.err());
  }
}
