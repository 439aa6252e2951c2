package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.CliRun;
import io.github.nirguard.cli.ExitCodes;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.LabExports;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper drill at the level of a protected CSV, through {@code nir reveal}: a sealed cell
 * edited, cut short or moved to another row, a token moved to another row, rows swapped with only
 * their pseudonyms left in place. Every such file is refused whole: exit 5, {@code REVEAL_REFUSED}
 * with the line (and column) of the first altered row on stderr, no value, no output file.
 * Files: a twentieth of {@code nirguard.properties.size}, at least 200 (200 by default, 5,000 with
 * -Pdrill).
 */
class RevealTamperDrillTest {
  @TempDir Path dir;

  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @Test
  void everyAlteredProtectedFileIsRefusedWhole() throws Exception {
    Path keyDir = Files.createDirectory(dir.resolve("keys"));
    CliRun.Keys keys = CliRun.createKeys(keyDir, "lab-export", "token", "fpe", "record", "file");
    String policy = Path.of("..", "examples", "lab-export.policy").toAbsolutePath().toString();
    long seed = ForAll.seed();
    StringWriter w = new StringWriter();
    LabExports.write(w, 20, seed, true);
    String plainText = w.toString();
    Path plain = keyDir.resolve("export.csv");
    Files.writeString(plain, plainText);
    Path protectedFile = keyDir.resolve("protected.csv");
    CliRun.Result p = CliRun.run(keys.after("protect", "--policy", policy, "-q", plain.toString(), protectedFile.toString()));
    assertEquals(0, p.code(), p.err());
    List<String> lines = Files.readAllLines(protectedFile);
    assertFalse(String.join("\n", lines).contains("\""), "no quoted cells: the drill splits on ';'");
    String[] header = lines.get(0).split(";", -1);
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      rows.add(l.split(";", -1));
    }
    int sealed = column(rows, "ne1.");
    int token = column(rows, "nt1.");
    assertTrue(sealed >= 0 && token >= 0, "the protected file has a sealed and a token column");
    Set<String> values = new HashSet<>(); // the names that went into the sealed cells
    for (String l : plainText.split("\n")) {
      for (String cell : Arrays.asList(l.split(";")).subList(1, 3)) {
        if (cell.length() >= 4) {
          values.add(cell);
        }
      }
    }
    values.remove("last_name");
    values.remove("first_name");

    // the untouched file reveals
    Path work = Files.createDirectory(dir.resolve("work"));
    Path back = work.resolve("back.csv");
    CliRun.Result ok = CliRun.run(keys.after("reveal", "--policy", policy, "-q", protectedFile.toString(), back.toString()));
    assertEquals(0, ok.code(), ok.err());
    Files.delete(back);

    SplittableRandom r = new SplittableRandom(seed);
    int files = Math.max(200, ForAll.size() / 20);
    int[] byKind = new int[5];
    Pattern refusal = Pattern.compile("REVEAL_REFUSED at line (\\d+)");
    for (int i = 0; i < files; i++) {
      String why = "seed " + seed + ", file " + i;
      List<String[]> altered = new ArrayList<>();
      rows.forEach(row -> altered.add(row.clone()));
      int a = r.nextInt(rows.size());
      int b = (a + 1 + r.nextInt(rows.size() - 1)) % rows.size();
      int kind = i % 5;
      switch (kind) {
        case 0: { // one character of a sealed cell replaced
          String cell = altered.get(a)[sealed];
          int at = 4 + r.nextInt(cell.length() - 4);
          char c;
          do {
            c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
          } while (c == cell.charAt(at));
          altered.get(a)[sealed] = cell.substring(0, at) + c + cell.substring(at + 1);
          break;
        }
        case 1: { // a sealed cell cut short
          String cell = altered.get(a)[sealed];
          altered.get(a)[sealed] = cell.substring(0, 4 + r.nextInt(cell.length() - 4));
          break;
        }
        case 2: // two rows' sealed cells exchanged
          altered.get(a)[sealed] = rows.get(b)[sealed];
          altered.get(b)[sealed] = rows.get(a)[sealed];
          break;
        case 3: // two rows' tokens exchanged
          altered.get(a)[token] = rows.get(b)[token];
          altered.get(b)[token] = rows.get(a)[token];
          break;
        default: // a sealed cell copied onto another row
          altered.get(b)[sealed] = rows.get(a)[sealed];
          a = b;
      }
      int firstAltered = kind == 2 || kind == 3 ? Math.min(a, b) : a;
      StringBuilder text = new StringBuilder(String.join(";", header)).append('\n');
      altered.forEach(row -> text.append(String.join(";", row)).append('\n'));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      Path in = work.resolve("altered.csv");
      Files.write(in, bytes);
      CliRun.Result run = CliRun.run(keys.after("reveal", "--policy", policy, "-q", in.toString(), back.toString()));
      assertEquals(ExitCodes.CRYPTO, run.code(), why + ", kind " + kind + ": " + run.err());
      Matcher m = refusal.matcher(run.err());
      assertTrue(m.find(), why + ": REVEAL_REFUSED with a line: " + run.err());
      assertEquals(firstAltered + 2, Integer.parseInt(m.group(1)), why + ", kind " + kind + ": the line of the first altered row");
      for (String v : values) {
        assertFalse(run.err().contains(v) || run.out().contains(v), why + ": a name on stdout or stderr");
      }
      try (Stream<Path> left = Files.list(work)) {
        assertEquals(List.of("altered.csv"), left.map(x -> x.getFileName().toString()).collect(Collectors.toList()), why + ": no output, no temporary file");
      }
      assertTrue(Arrays.equals(bytes, Files.readAllBytes(in)), why + ": input intact");
      byKind[kind]++;
    }
    System.out.printf("tamper drill, protected CSV through nir reveal: %,d altered files (%d edited, %d cut, %d sealed swapped, %d tokens swapped, %d copied), %,d refused whole, 0 revealed%n",
        files, byKind[0], byKind[1], byKind[2], byKind[3], byKind[4], files);
  }

  /** The index of the column whose every cell starts with {@code prefix}, or -1. */
  static int column(List<String[]> rows, String prefix) {
    for (int c = 0; c < rows.get(0).length; c++) {
      final int col = c;
      if (rows.stream().allMatch(row -> row[col].startsWith(prefix))) {
        return c;
      }
    }
    return -1;
  }
}
