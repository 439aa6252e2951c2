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
 * edited, cut short or moved to another row, a token moved to another row, two rows' FPE cells or
 * clear cells (results) exchanged, a cell or a whole row copied from another export of the same
 * purpose, two rows of one person exchanged. Every such file is refused whole: exit 5, {@code
 * REVEAL_REFUSED} with the line (and column) of the first altered row on stderr, no value, no
 * output file. Then every keyset is rotated: the untouched file still reveals to exactly the
 * original values, and the altered ones are still refused. Files: a twentieth of {@code
 * nirguard.properties.size}, at least 200 (200 by default, 5,000 with -Pdrill).
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
    // rows 1 and 2 are one person (nir, names, birth date, sex) with other results
    String[] plainLines = w.toString().split("\n");
    String[] first = plainLines[1].split(";", -1);
    String[] second = plainLines[2].split(";", -1);
    System.arraycopy(first, 0, second, 0, 5);
    plainLines[2] = String.join(";", second);
    String plainText = String.join("\n", plainLines) + "\n";
    Path plain = keyDir.resolve("export.csv");
    Files.writeString(plain, plainText);
    Path protectedFile = keyDir.resolve("protected.csv");
    CliRun.Result p =
        CliRun.run(
            keys.after(
                "protect", "--policy", policy, "-q", plain.toString(), protectedFile.toString()));
    assertEquals(0, p.code(), p.err());
    List<String> lines = Files.readAllLines(protectedFile);
    assertFalse(
        String.join("\n", lines).contains("\""), "no quoted cells: the drill splits on ';'");
    String[] header = lines.get(0).split(";", -1);
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      rows.add(l.split(";", -1));
    }
    int sealed = column(rows, "ne1.");
    int token = column(rows, "nt1.");
    int fpe = Arrays.asList(header).indexOf("nir");
    int result = Arrays.asList(header).indexOf("result");
    assertTrue(
        sealed >= 0 && token >= 0 && fpe >= 0 && result >= 0,
        "the protected file has sealed, token, FPE and result columns");
    assertEquals(rows.get(0)[fpe], rows.get(1)[fpe], "rows 1 and 2 are one person");
    // a second export of the same data, same purpose and keys
    Path otherFile = keyDir.resolve("other.csv");
    assertEquals(
        0,
        CliRun.run(
                keys.after(
                    "protect", "--policy", policy, "-q", plain.toString(), otherFile.toString()))
            .code());
    List<String[]> other = new ArrayList<>();
    for (String l : Files.readAllLines(otherFile).subList(1, rows.size() + 1)) {
      other.add(l.split(";", -1));
    }
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
    CliRun.Result ok =
        CliRun.run(
            keys.after(
                "reveal",
                "--reason",
                "test",
                "--policy",
                policy,
                "-q",
                protectedFile.toString(),
                back.toString()));
    assertEquals(0, ok.code(), ok.err());
    assertRevealsExactly(plainText, back, "seed " + seed);
    Files.delete(back);

    SplittableRandom r = new SplittableRandom(seed);
    int files = Math.max(200, ForAll.size() / 20);
    int kinds = 10;
    int[] byKind = new int[kinds];
    Pattern refusal = Pattern.compile("REVEAL_REFUSED at line (\\d+)");
    for (int i = 0; i < files; i++) {
      String why = "seed " + seed + ", file " + i;
      List<String[]> altered = new ArrayList<>();
      rows.forEach(row -> altered.add(row.clone()));
      int a = r.nextInt(rows.size());
      int b = (a + 1 + r.nextInt(rows.size() - 1)) % rows.size();
      int kind = i % kinds;
      switch (kind) {
        case 0:
          { // one character of a sealed cell replaced
            String cell = altered.get(a)[sealed];
            int at = 4 + r.nextInt(cell.length() - 4);
            char c;
            do {
              c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            } while (c == cell.charAt(at));
            altered.get(a)[sealed] = cell.substring(0, at) + c + cell.substring(at + 1);
            break;
          }
        case 1:
          { // a sealed cell cut short
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
        case 4: // a sealed cell copied onto another row
          altered.get(b)[sealed] = rows.get(a)[sealed];
          a = b;
          break;
        case 5: // two rows' FPE cells exchanged (one column sorted in a spreadsheet)
          altered.get(a)[fpe] = rows.get(b)[fpe];
          altered.get(b)[fpe] = rows.get(a)[fpe];
          break;
        case 6: // two rows' results exchanged
          altered.get(a)[result] = rows.get(b)[result];
          altered.get(b)[result] = rows.get(a)[result];
          break;
        case 7: // the sealed cell of the same row of another export of the same purpose
          a = Math.max(a, 1); // (in the first row, it is the other rows that do not belong)
          altered.get(a)[sealed] = other.get(a)[sealed];
          break;
        case 8: // a whole row of another export, at its own place
          a = Math.max(a, 1);
          altered.set(a, other.get(a).clone());
          break;
        default: // the two rows of one person exchanged
          altered.set(0, rows.get(1).clone());
          altered.set(1, rows.get(0).clone());
          a = 0;
      }
      int firstAltered = kind == 2 || kind == 3 || kind == 5 || kind == 6 ? Math.min(a, b) : a;
      boolean same = true;
      for (int k = 0; k < rows.size() && same; k++) {
        same = Arrays.equals(rows.get(k), altered.get(k));
      }
      if (same) {
        continue; // e.g. the tokens of the two rows of one person exchanged: nothing was altered
      }
      StringBuilder text = new StringBuilder(String.join(";", header)).append('\n');
      altered.forEach(row -> text.append(String.join(";", row)).append('\n'));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      Path in = work.resolve("altered.csv");
      Files.write(in, bytes);
      CliRun.Result run =
          CliRun.run(
              keys.after(
                  "reveal",
                  "--reason",
                  "test",
                  "--policy",
                  policy,
                  "-q",
                  in.toString(),
                  back.toString()));
      assertEquals(ExitCodes.CRYPTO, run.code(), why + ", kind " + kind + ": " + run.err());
      Matcher m = refusal.matcher(run.err());
      assertTrue(m.find(), why + ": REVEAL_REFUSED with a line: " + run.err());
      assertEquals(
          firstAltered + 2,
          Integer.parseInt(m.group(1)),
          why + ", kind " + kind + ": the line of the first altered row");
      for (String v : values) {
        assertFalse(
            run.err().contains(v) || run.out().contains(v), why + ": a name on stdout or stderr");
      }
      try (Stream<Path> left = Files.list(work)) {
        assertEquals(
            List.of("altered.csv"),
            left.map(x -> x.getFileName().toString()).collect(Collectors.toList()),
            why + ": no output, no temporary file");
      }
      assertTrue(Arrays.equals(bytes, Files.readAllBytes(in)), why + ": input intact");
      byKind[kind]++;
    }
    int tried = Arrays.stream(byKind).sum();

    // every keyset rotated: the untouched file reveals to the original values, altered ones do not
    for (String kind : List.of("token", "fpe", "record", "file")) {
      CliRun.Result rot =
          CliRun.run(keys.after("keys", "rotate", "--purpose", "lab-export", "--kind", kind));
      assertEquals(0, rot.code(), rot.err());
    }
    CliRun.Result rotated =
        CliRun.run(
            keys.after(
                "reveal",
                "--reason",
                "test",
                "--policy",
                policy,
                "-q",
                protectedFile.toString(),
                back.toString()));
    assertEquals(0, rotated.code(), rotated.err());
    assertRevealsExactly(plainText, back, "after rotation, seed " + seed);
    Files.delete(back);
    String[] swappedFpe = rows.get(2).clone();
    swappedFpe[fpe] = rows.get(3)[fpe];
    StringBuilder text = new StringBuilder(String.join(";", header)).append('\n');
    for (int k = 0; k < rows.size(); k++) {
      text.append(String.join(";", k == 2 ? swappedFpe : rows.get(k))).append('\n');
    }
    Path in = work.resolve("altered.csv");
    Files.writeString(in, text);
    assertEquals(
        ExitCodes.CRYPTO,
        CliRun.run(
                keys.after(
                    "reveal",
                    "--reason",
                    "test",
                    "--policy",
                    policy,
                    "-q",
                    in.toString(),
                    back.toString()))
            .code());
    assertFalse(Files.exists(back));

    System.out.printf(
        "tamper drill, protected CSV through nir reveal: %,d altered files (%d edited, %d cut, %d sealed swapped,"
            + " %d tokens swapped, %d copied, %d FPE swapped, %d results swapped, %d sealed from another export, %d rows from another"
            + " export, %d rows of one person exchanged), %,d refused whole, 0 revealed; after rotating every keyset the untouched file"
            + " reveals exactly%n",
        tried, byKind[0], byKind[1], byKind[2], byKind[3], byKind[4], byKind[5], byKind[6],
        byKind[7], byKind[8], byKind[9], tried);
  }

  /** The revealed file holds exactly the original NIRs, names and results, row by row. */
  static void assertRevealsExactly(String plainText, Path revealed, String why)
      throws java.io.IOException {
    List<String> plainRows =
        Arrays.asList(plainText.split("\n")).subList(1, plainText.split("\n").length);
    List<String> back = Files.readAllLines(revealed);
    List<String> h = Arrays.asList(back.get(0).split(";", -1));
    assertEquals(plainRows.size(), back.size() - 1, why);
    for (int k = 0; k < plainRows.size(); k++) {
      String[] in = plainRows.get(k).split(";", -1);
      String[] out = back.get(k + 1).split(";", -1);
      assertTrue(
          in[0].equals(out[h.indexOf("nir")]), why + ": row " + (k + 1) + " NIR revealed wrong");
      assertTrue(
          in[1].equals(out[h.indexOf("last_name")]) && in[2].equals(out[h.indexOf("first_name")]),
          why + ": names, row " + (k + 1));
      assertTrue(in[8].equals(out[h.indexOf("result")]), why + ": result, row " + (k + 1));
    }
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
