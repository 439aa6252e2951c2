package io.github.nirguard.cli;

import static io.github.nirguard.cli.NirLauncherIT.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.LabExports;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 §1 through the real launcher: after {@code nir keys rotate --kind fpe}, {@code nir
 * reveal} gives back the original NIRs and {@code nir fpe decrypt} refuses to guess the key.
 */
class RevealIntegrityIT {
  @TempDir Path dir;

  String kek;
  String ring;

  String[] keys(String... rest) {
    String[] all = Arrays.copyOf(rest, rest.length + 4);
    all[rest.length] = "--keys";
    all[rest.length + 1] = ring;
    all[rest.length + 2] = "--insecure-kek-file";
    all[rest.length + 3] = kek;
    return all;
  }

  /**
   * The keys, made in-process (the same files the launcher makes): the launcher runs only what is
   * under test.
   */
  void setUp() throws Exception {
    CliRun.Keys keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record", "file");
    kek = keys.kek().toString();
    ring = keys.ring().toString();
  }

  @Test
  void revealAfterAnFpeRotationGivesTheOriginalNirs() throws Exception {
    setUp();
    long seed = ForAll.seed();
    StringWriter w = new StringWriter();
    LabExports.write(w, 30, seed, true);
    Path plain = dir.resolve("export.csv");
    Files.writeString(plain, w.toString());
    String policy = Path.of("..", "examples", "lab-export.policy").toAbsolutePath().toString();
    Path prot = dir.resolve("export.nirg");
    NirLauncherIT.Result p =
        nir(
            "",
            keys(
                "protect",
                "--policy",
                policy,
                "--encrypt",
                "-q",
                plain.toString(),
                prot.toString()));
    assertEquals(0, p.code(), p.err());

    NirLauncherIT.Result rot =
        nir("", keys("keys", "rotate", "--purpose", "lab-export", "--kind", "fpe"));
    assertEquals(0, rot.code(), rot.err());

    Path back = dir.resolve("back.csv");
    NirLauncherIT.Result r =
        nir(
            "",
            keys(
                "reveal",
                "--reason",
                "test",
                "--policy",
                policy,
                "-q",
                prot.toString(),
                back.toString()));
    assertEquals(0, r.code(), r.err());
    List<String> in = Files.readAllLines(plain);
    List<String> out = Files.readAllLines(back);
    for (int k = 1; k < in.size(); k++) {
      assertTrue(
          out.get(k).startsWith(in.get(k).substring(0, 15) + ";"),
          "seed " + seed + ": row " + k + " revealed another NIR");
    }
  }

  @Test
  void fpeDecryptAfterARotationNeedsTheKeyId() throws Exception {
    setUp();
    List<String> nirs =
        io.github.nirguard.testkit.Nirs.valid().sample(ForAll.seed(), 5).stream()
            .map(n -> n.compact())
            .toList();
    Path input = dir.resolve("nirs.txt");
    Files.writeString(input, String.join("\n", nirs) + "\n");
    NirLauncherIT.Result enc =
        nir("", keys("fpe", "encrypt", "--purpose", "lab-export", input.toString()));
    assertEquals(0, enc.code(), enc.err());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("--key-id ([0-9a-f]{8})").matcher(enc.err());
    assertTrue(m.find(), "the key id is on stderr: " + enc.err());
    assertFalse(enc.out().contains("key"), "stdout holds data only");
    Path hidden = dir.resolve("hidden.txt");
    Files.writeString(hidden, enc.out());

    NirLauncherIT.Result before =
        nir(
            "",
            keys(
                "fpe",
                "decrypt",
                "--reason",
                "test",
                "--purpose",
                "lab-export",
                hidden.toString()));
    assertEquals(0, before.code(), before.err());
    assertEquals(String.join("\n", nirs) + "\n", before.out());

    assertEquals(
        0, nir("", keys("keys", "rotate", "--purpose", "lab-export", "--kind", "fpe")).code());
    NirLauncherIT.Result guessed =
        nir(
            "",
            keys(
                "fpe",
                "decrypt",
                "--reason",
                "test",
                "--purpose",
                "lab-export",
                hidden.toString()));
    assertEquals(ExitCodes.CRYPTO, guessed.code(), "refused, not guessed");
    assertEquals("", guessed.out());
    assertTrue(guessed.err().contains("--key-id"), guessed.err());
    for (String n : nirs) {
      assertFalse(guessed.err().contains(n));
    }

    NirLauncherIT.Result named =
        nir(
            "",
            keys(
                "fpe",
                "decrypt",
                "--reason",
                "test",
                "--purpose",
                "lab-export",
                "--key-id",
                m.group(1),
                hidden.toString()));
    assertEquals(0, named.code(), named.err());
    assertEquals(String.join("\n", nirs) + "\n", named.out());

    NirLauncherIT.Result unknown =
        nir(
            "",
            keys(
                "fpe",
                "decrypt",
                "--reason",
                "test",
                "--purpose",
                "lab-export",
                "--key-id",
                "00000001",
                hidden.toString()));
    assertEquals(ExitCodes.CRYPTO, unknown.code());
    assertEquals("", unknown.out());

    NirLauncherIT.Result help = nir("", "keys", "rotate", "--help");
    assertTrue(
        help.out().contains("fpe") && help.out().contains("--key-id"),
        "rotate --help tells what stays readable");
  }

  @Test
  void aHeaderCellHoldingANirIsNeverQuotedInAnError() throws Exception {
    setUp();
    // a header whose extra cell holds a value (a row pasted over the header), then the same
    // value twice: the messages name the column by position, never by that "name"
    StringWriter w = new StringWriter();
    LabExports.write(w, 5, ForAll.seed(), true);
    List<String> lines = Arrays.asList(w.toString().split("\n"));
    String nirCell = lines.get(1).split(";")[0];
    String policy = Path.of("..", "examples", "lab-export.policy").toAbsolutePath().toString();
    for (String extra : List.of(";" + nirCell, ";" + nirCell + ";" + nirCell)) {
      StringBuilder text = new StringBuilder(lines.get(0) + extra + "\n");
      for (String l : lines.subList(1, lines.size())) {
        text.append(l).append(extra.replace(nirCell, "x")).append('\n');
      }
      Path in = dir.resolve("extra.csv");
      Files.writeString(in, text);
      NirLauncherIT.Result r =
          nir(
              "",
              keys(
                  "protect",
                  "--policy",
                  policy,
                  "-q",
                  in.toString(),
                  dir.resolve("o.csv").toString()));
      assertTrue(r.code() != ExitCodes.OK, r.err());
      assertFalse(
          r.err().contains(nirCell.substring(0, 10)), "a NIR from the header reached stderr");
      assertTrue(r.err().contains("column 14"), r.err());
      assertFalse(Files.exists(dir.resolve("o.csv")));
    }
  }
}
