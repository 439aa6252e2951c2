package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.NirProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoCommandsTest {
  @TempDir Path dir;
  Path kek;
  Path ring;
  Path nirs;

  static final String INPUT =
      "2 55 08 14 168 025 38\n253072B07300470\nnot a nir\n201019730512303\n";

  CliRun.Result nir(String... args) {
    return CliRun.run(args);
  }

  String[] keys(String... rest) {
    return new CliRun.Keys(kek, ring).after(rest);
  }

  @BeforeEach
  void setUp() throws IOException {
    kek = dir.resolve("kek.json");
    ring = dir.resolve("keys.ring");
    nirs = dir.resolve("nirs.txt");
    Files.writeString(nirs, INPUT);
    assertEquals(0, nir("keys", "kek", "--out", kek.toString()).code());
    for (String[] pk :
        new String[][] {
          {"research-42", "token"},
          {"lab-export", "fpe"},
          {"lab-export", "prp-token"},
          {"lab-export", "siv-token"}
        }) {
      assertEquals(0, nir(keys("keys", "create", "--purpose", pk[0], "--kind", pk[1])).code());
    }
  }

  @Test
  void keysListShowsIdsNeverMaterial() throws IOException {
    assertEquals(
        0, nir(keys("keys", "rotate", "--purpose", "research-42", "--kind", "token")).code());
    CliRun.Result list = nir(keys("keys", "list"));
    assertEquals(0, list.code());
    String[] lines = list.out().split("\n");
    assertEquals(6, lines.length); // header + 5 keys
    assertTrue(list.out().contains("research-42\ttoken"));
    assertEquals(
        1,
        list.out().lines().filter(l -> l.startsWith("research-42") && l.endsWith("yes")).count());
    assertFalse(
        Files.readString(ring).contains("type.googleapis.com"), "the ring file is encrypted");
    assertEquals(
        ExitCodes.UNWRITABLE,
        nir("keys", "kek", "--out", kek.toString()).code(),
        "a KEK is never overwritten");
  }

  @Test
  void tokenizeKeepsLinesAlignedAndReportsByLine() {
    CliRun.Result r = nir(keys("tokenize", "--purpose", "research-42", nirs.toString()));
    assertEquals(ExitCodes.INVALID, r.code());
    String[] out = r.out().split("\n", -1);
    assertEquals(5, out.length);
    assertTrue(out[0].startsWith("nt1."));
    assertEquals("", out[2]);
    assertEquals("nir tokenize: line 3: INVALID_CHARACTER at column 1\n", r.err());
    assertEquals(
        r.out(),
        nir(keys("tokenize", "--purpose", "research-42", nirs.toString())).out(),
        "deterministic");
  }

  @Test
  void reversibleTokensAndFpeRoundTrip() throws IOException {
    for (String scheme : new String[] {"prp", "siv"}) {
      CliRun.Result t =
          nir(keys("tokenize", "--scheme", scheme, "--purpose", "lab-export", nirs.toString()));
      Path tokens = dir.resolve(scheme + ".txt");
      Files.writeString(tokens, t.out());
      CliRun.Result back =
          nir(
              keys(
                  "detokenize",
                  "--reason",
                  "test",
                  "--scheme",
                  scheme,
                  "--purpose",
                  "lab-export",
                  tokens.toString()));
      assertEquals("255081416802538\n253072B07300470\n\n201019730512303\n", back.out());
    }
    for (String mode : new String[] {"marked", "format-valid"}) {
      CliRun.Result enc =
          nir(keys("fpe", "encrypt", "--mode", mode, "--purpose", "lab-export", nirs.toString()));
      assertEquals(ExitCodes.INVALID, enc.code());
      String first = enc.out().split("\n")[0];
      assertNotEquals("255081416802538", first);
      assertEquals(mode.equals("format-valid"), NirProfile.STRICT.test(first));
      Path hidden = dir.resolve(mode + ".txt");
      Files.writeString(hidden, enc.out());
      CliRun.Result dec =
          nir(
              keys(
                  "fpe",
                  "decrypt",
                  "--reason",
                  "test",
                  "--mode",
                  mode,
                  "--purpose",
                  "lab-export",
                  hidden.toString()));
      assertEquals("255081416802538\n253072B07300470\n\n201019730512303\n", dec.out());
    }
  }

  @Test
  void keyErrorsNameNoMaterial() throws IOException {
    CliRun.Result missing = nir(keys("tokenize", "--purpose", "research-99", nirs.toString()));
    assertEquals(ExitCodes.CRYPTO, missing.code());
    assertTrue(missing.err().contains("research-99"));
    Path otherKek = dir.resolve("other.json");
    nir("keys", "kek", "--out", otherKek.toString());
    CliRun.Result wrong =
        nir(
            "tokenize",
            "--keys",
            ring.toString(),
            "--insecure-kek-file",
            otherKek.toString(),
            "--purpose",
            "research-42",
            nirs.toString());
    assertEquals(ExitCodes.CRYPTO, wrong.code());
    assertEquals("", wrong.out());
    String kekText = Files.readString(kek);
    assertFalse(
        wrong.err().contains(kekText.substring(kekText.length() / 2, kekText.length() / 2 + 10)));
    assertEquals(
        ExitCodes.USAGE,
        nir("tokenize", "--purpose", "x", nirs.toString()).code(),
        "--keys is required");
  }
}
