package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.LabExports;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvProtectorTest {
  static final String POLICY =
      "nirguard-policy 1\npurpose lab-export\nnir-profile checksum\n"
          + "column nir nir fpe+token\ncolumn last_name name seal\ncolumn first_name name seal\n"
          + "column birth_date birth-date generalize:year-month\ncolumn sex sex keep\ncolumn phone phone drop\n"
          + "column blood_group health keep\ncolumn test text keep\ncolumn result health keep\ncolumn unit text keep\n"
          + "column treating_doctor doctor-declared keep\ncolumn ald ald keep\ncolumn c2s c2s keep\n";

  static KeyRing ring;
  static ProtectionPolicy policy;
  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab-export", KeyKind.values()).ring();
    policy = ProtectionPolicy.parse(POLICY);
  }

  Path export(int rows, String delimiter, String eol, boolean bom) throws IOException {
    StringWriter w = new StringWriter();
    LabExports.write(w, rows, 42, true);
    String text = w.toString().replace(";", delimiter).replace("\n", eol);
    Path p = dir.resolve("export.csv");
    Files.write(p, ((bom ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** Output files in the directory other than the given ones: must be none after a failure. */
  List<String> leftovers(Path... expected) throws IOException {
    List<Path> keep = List.of(expected);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !keep.contains(p))
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest(name = "delimiter {0}, crlf {1}, bom {2}")
  @CsvSource({"';',false,false", "',',true,false", "';',true,true"})
  void protectThenRevealRestoresTheReversibleColumns(char d, boolean crlf, boolean bom)
      throws Exception {
    Path in = export(500, String.valueOf(d), crlf ? "\r\n" : "\n", bom);
    Path out = dir.resolve("out.csv");
    CsvSummary s = CsvProtector.create(policy, ring).protect(in, out);
    assertEquals(500, s.rowsRead());
    assertEquals(500, s.rowsWritten());
    assertEquals(d, s.delimiter());
    String protectedText = Files.readString(out);
    assertEquals(bom, protectedText.startsWith("\uFEFF"));
    assertEquals(crlf, protectedText.contains("\r\n"));
    assertFalse(protectedText.contains("06 39 98"), "phone dropped");
    Path back = dir.resolve("back.csv");
    CsvProtector.create(policy, ring).reveal(out, back);
    List<String> a = Files.readAllLines(in);
    List<String> b = Files.readAllLines(back);
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      String[] x = a.get(i).split(String.valueOf(d), -1);
      String[] y = b.get(i).split(String.valueOf(d), -1);
      assertEquals(x[0].replace("\uFEFF", ""), y[0], "nir, row " + i);
      assertEquals(x[1], y[2], "last name, row " + i);
      assertEquals(x[2], y[3], "first name, row " + i);
      assertEquals(x[3].substring(0, 7), y[4], "birth date generalized, row " + i);
      assertEquals(x[6], y[6], "blood group kept, row " + i);
    }
  }

  @Test
  void quotedCellsWithDelimitersAndNewlinesSurvive() throws Exception {
    String policyText =
        "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe\ncolumn note text seal\ncolumn lab text keep\n";
    Path in = dir.resolve("q.csv");
    Files.writeString(in, "nir,note,lab\n255081416802538,\"a, b\nand \"\"c\"\"\",\"x,y\"\n");
    Path out = dir.resolve("q.out.csv");
    ProtectionPolicy p = ProtectionPolicy.parse(policyText);
    CsvProtector.create(p, ring).protect(in, out);
    assertTrue(Files.readString(out).contains("\"x,y\""));
    Path back = dir.resolve("q.back.csv");
    CsvProtector.create(p, ring).reveal(out, back);
    assertEquals(
        "nir,note,lab\n255081416802538,\"a, b\nand \"\"c\"\"\",\"x,y\"\n", Files.readString(back));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unbalanced quotes | nir,x\\n255081416802538,\"open\\n                   | UNBALANCED_QUOTES | 2",
        "malformed quotes  | nir,x\\n255081416802538,\"a\"b\\n                    | MALFORMED_QUOTES  | 2",
        "ragged row        | nir,x\\n255081416802538,a\\n255081416802538,a,b\\n   | RAGGED_ROW        | 3",
        "missing cells     | nir,x\\n255081416802538\\n                          | RAGGED_ROW        | 2",
        "empty file        | ''                                                     | EMPTY_FILE        | 0",
        "header only       | nir,x\\n                                               | NO_DATA_ROWS      | 1",
        "unknown column    | nir,y\\n255081416802538,a\\n                          | POLICY_MISMATCH   | 1",
      })
  void malformedInputGivesAPreciseErrorAndWritesNothing(
      String name, String content, CsvError error, long line) throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe+token\ncolumn x text seal\n");
    Path in = dir.resolve("bad.csv");
    Files.writeString(in, content.equals("''") ? "" : content.replace("\\n", "\n"));
    Path out = dir.resolve("bad.out.csv");
    Path report = dir.resolve("bad.report.csv");
    CsvException e =
        assertThrows(
            CsvException.class, () -> CsvProtector.create(p, ring).protect(in, out, report));
    assertEquals(error, e.error());
    assertEquals(line, e.line());
    assertFalse(e.getMessage().contains("255081416802538"));
    assertEquals(List.of("bad.csv"), leftovers(), "nothing partial written");
  }

  /** A header and rows {@code 2..lastLine} of one valid NIR, with a given text at some lines. */
  Path rows(int lastLine, java.util.Map<Integer, String> at) throws IOException {
    StringBuilder b = new StringBuilder("nir,x\n");
    for (int line = 2; line <= lastLine; line++) {
      b.append(at.getOrDefault(line, "255081416802538,a")).append('\n');
    }
    Path in = dir.resolve("rows.csv");
    Files.writeString(in, b.toString());
    return in;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rows are protected in blocks: an error met while reading a block waits for the rows
        // before it
        "stop, invalid before ragged        | stop   | 5   | 9   | 255081416802538,a,b | INVALID_VALUE     | 5",
        "stop, invalid before bad quotes    | stop   | 5   | 9   | 255081416802538,\"a\"b | INVALID_VALUE | 5",
        "reject, ragged after a rejection   | reject | 5   | 9   | 255081416802538,a,b | RAGGED_ROW        | 9",
        "stop, ragged in the second block   | stop   | 400 | 300 | 255081416802538,a,b | RAGGED_ROW        | 300",
        "stop, invalid in the second block  | stop   | 300 | 400 | 255081416802538,a,b | INVALID_VALUE     | 300",
        "stop, invalid ending a block       | stop   | 257 | 258 | 255081416802538     | INVALID_VALUE     | 257",
      })
  void errorsComeInTheOrderOfTheLines(
      String name,
      String onInvalid,
      int invalidLine,
      int badLine,
      String bad,
      CsvError error,
      long line)
      throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\non-invalid "
                + onInvalid
                + "\ncolumn nir nir fpe+token\ncolumn x text seal\n");
    Path in = rows(600, java.util.Map.of(invalidLine, "255081416802539,a", badLine, bad));
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvProtector.create(p, ring).protect(in, dir.resolve("o.csv")));
    assertEquals(error, e.error());
    assertEquals(line, e.line());
    assertEquals(List.of("rows.csv"), leftovers());
  }

  @Test
  void rejectedLinesAcrossBlocksAndSealedCellsBoundToTheirOutputRow() throws Exception {
    // no pseudonym column: each sealed cell is bound to its row's index among the output rows
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir drop\ncolumn x text seal\ncolumn d birth-date generalize:year\n");
    List<Integer> invalid = List.of(2, 256, 257, 258, 513, 700);
    StringBuilder b = new StringBuilder("nir,x,d\n");
    for (int line = 2; line <= 701; line++) {
      b.append("255081416802538,v")
          .append(line)
          .append(',')
          .append(invalid.contains(line) ? "1980-02-30" : "1980-02-29")
          .append('\n');
    }
    Path in = dir.resolve("blocks.csv");
    Files.writeString(in, b.toString());
    Path out = dir.resolve("blocks.out.csv");
    Path report = dir.resolve("blocks.report.csv");
    CsvSummary s = CsvProtector.create(p, ring).protect(in, out, report);
    assertEquals(700, s.rowsRead());
    assertEquals(700 - invalid.size(), s.rowsWritten());
    List<String> reported = Files.readAllLines(report);
    assertEquals(invalid.size() + 1, reported.size());
    for (int i = 0; i < invalid.size(); i++) {
      assertEquals(invalid.get(i) + ",d,INVALID_DATE,rejected", reported.get(i + 1));
    }
    Path back = dir.resolve("blocks.back.csv");
    CsvProtector.create(p, ring).reveal(out, back);
    List<String> revealed = Files.readAllLines(back);
    int row = 1;
    for (int line = 2; line <= 701; line++) {
      if (!invalid.contains(line)) {
        assertEquals("v" + line + ",1980", revealed.get(row++));
      }
    }
  }

  @Test
  void bigRowsEndABlockEarly() throws Exception {
    // a block also ends at a million characters: rows of 400,000 make blocks of three
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe+token\ncolumn x text seal\ncolumn d birth-date generalize:year\n");
    String big = "y".repeat(400_000);
    StringBuilder b = new StringBuilder("nir,x,d\n");
    for (int line = 2; line <= 11; line++) {
      b.append(line == 4 ? "255081416802539" : "255081416802538")
          .append(',')
          .append(big)
          .append(line)
          .append(',')
          .append(line == 8 ? "1980-02-30" : "1980-02-29")
          .append('\n');
    }
    Path in = dir.resolve("big-rows.csv");
    Files.writeString(in, b.toString());
    Path out = dir.resolve("big-rows.out.csv");
    Path report = dir.resolve("big-rows.report.csv");
    CsvSummary s = CsvProtector.create(p, ring).protect(in, out, report);
    assertEquals(8, s.rowsWritten());
    assertEquals(
        List.of(
            "line,column,reason,action",
            "4,nir,KEY_MISMATCH,rejected",
            "8,d,INVALID_DATE,rejected"),
        Files.readAllLines(report));
    // the blocks themselves: three rows each (1.2 million characters), then the rest, each row
    // with its own line
    List<List<Long>> blocks = new ArrayList<>();
    try (BlockReader r = new BlockReader(new StringReader(b.toString()), ',', "UTF-8")) {
      r.header();
      while (r.more()) {
        r.next();
        List<Long> lines = new ArrayList<>();
        for (int k = 0; k < r.size(); k++) {
          lines.add(r.line(k));
        }
        blocks.add(lines);
      }
    }
    assertEquals(
        List.of(List.of(2L, 3L, 4L), List.of(5L, 6L, 7L), List.of(8L, 9L, 10L), List.of(11L)),
        blocks);
    Path back = dir.resolve("big-rows.back.csv");
    CsvProtector.create(p, ring).reveal(out, back);
    List<String> revealed = Files.readAllLines(back);
    int row = 1;
    for (int line = 2; line <= 11; line++) {
      if (line != 4 && line != 8) {
        assertEquals(
            "255081416802538," + big + line + ",1980",
            revealed.get(row++).replaceFirst(",nt1\\.[^,]*", ""));
      }
    }
  }

  /**
   * A 1,200-line file ({@code nir,x} and rows of one valid NIR) with {@code @} replaced by a byte
   * that is not UTF-8, and a multi-line quoted cell on lines 5 to 7.
   */
  Path withBadByte(int badLine, String eol) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int line = 1; line <= 1200; line++) {
      String text =
          line == 1
              ? "nir,x"
              : line == 5
                  ? "255081416802538,\"a"
                  : line == 6 ? "b" : line == 7 ? "c\"" : "255081416802538,a";
      b.append(line == badLine ? text + "@" : text).append(eol);
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '@') {
        bytes[i] = (byte) 0xE9; // Latin-1 e-acute: not UTF-8 here
      }
    }
    Path in = dir.resolve("enc.csv");
    Files.write(in, bytes);
    return in;
  }

  @ParameterizedTest(name = "bad byte on line {0}, {1}")
  @CsvSource({
    "1, LF",
    "2, LF",
    "3, LF",
    "6, LF",
    "7, LF",
    "8, LF",
    "41, LF",
    "42, CRLF",
    "300, CR",
    "1000, LF",
    "1000, CRLF",
    "1200, LF"
  })
  void anUndecodableByteIsReportedAtItsOwnLine(int badLine, String eol) throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe\ncolumn x text keep\n");
    Path in = withBadByte(badLine, eol.equals("LF") ? "\n" : eol.equals("CR") ? "\r" : "\r\n");
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvProtector.create(p, ring).protect(in, dir.resolve("o.csv")));
    assertEquals(CsvError.INVALID_ENCODING, e.error());
    assertEquals(badLine, e.line());
    assertEquals(List.of("enc.csv"), leftovers());
  }

  @Test
  void anInvalidValueBeforeAnUndecodableByteComesFirst() throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\non-invalid stop\ncolumn nir nir fpe\ncolumn x text keep\n");
    Path in = withBadByte(41, "\n");
    Files.writeString(
        in,
        Files.readString(in, StandardCharsets.ISO_8859_1)
            .replaceFirst("\n255081416802538,a\n", "\n255081416802539,a\n"),
        StandardCharsets.ISO_8859_1);
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvProtector.create(p, ring).protect(in, dir.resolve("o.csv")));
    assertEquals(CsvError.INVALID_VALUE, e.error());
    assertEquals(2, e.line());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a stray quote in a cell                 | 41 | 255081416802538,a\"b      | 41",
        "a stray quote after a multi-line cell   | 9  | 255081416802538,a\"b      | 9",
        "an opening quote never closed           | 41 | 255081416802538,\"open    | 41",
        "an opening quote on the last line       | 1200 | 255081416802538,\"open  | 1200",
      })
  void anUnbalancedQuoteIsReportedWhereItIs(String name, int at, String row, long line)
      throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe\ncolumn x text keep\n");
    StringBuilder b = new StringBuilder();
    for (int l = 1; l <= 1200; l++) {
      String text =
          l == 1
              ? "nir,x"
              : l == 5
                  ? "255081416802538,\"a"
                  : l == 6 ? "b" : l == 7 ? "c\"" : "255081416802538,a";
      b.append(l == at ? row : text).append('\n');
    }
    Path in = dir.resolve("q.csv");
    Files.writeString(in, b.toString());
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvProtector.create(p, ring).protect(in, dir.resolve("o.csv")));
    assertEquals(CsvError.UNBALANCED_QUOTES, e.error(), e.getMessage());
    assertEquals(line, e.line());
    assertEquals(List.of("q.csv"), leftovers());
  }

  @Test
  void wrongCharsetIsAnErrorWithItsLine() throws Exception {
    ProtectionPolicy p =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose lab-export\ncolumn nir nir fpe\ncolumn name name seal\n");
    Path in = dir.resolve("latin1.csv");
    Files.write(
        in,
        "nir,name\n255081416802538,Exemple\n255081416802538,Exemple\n255081416802538,Andr\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvProtector.create(p, ring).protect(in, dir.resolve("o.csv")));
    assertEquals(CsvError.INVALID_ENCODING, e.error());
    assertEquals(4, e.line(), "the line of the byte that is not UTF-8");
    assertEquals(List.of("latin1.csv"), leftovers());
    // with the right charset it goes through
    CsvProtector.create(p, ring)
        .withCharset(StandardCharsets.ISO_8859_1)
        .protect(in, dir.resolve("o.csv"));
    assertTrue(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void rejectedRowsGoToTheReportWithoutValues() throws Exception {
    ProtectionPolicy strict = ProtectionPolicy.parse(POLICY.replace("nir-profile checksum\n", ""));
    Path in = export(50, ";", "\n", false); // never-real NIRs: strict validation rejects them all
    Path out = dir.resolve("out.csv");
    Path report = dir.resolve("report.csv");
    CsvSummary s = CsvProtector.create(strict, ring).protect(in, out, report);
    assertEquals(50, s.rowsRejected());
    assertEquals(0, s.rowsWritten());
    List<String> lines = Files.readAllLines(report);
    assertEquals("line,column,reason,action", lines.get(0));
    assertEquals("2,nir,INVALID_MONTH,rejected", lines.get(1));
    String input = Files.readString(in);
    for (String l : lines.subList(1, lines.size())) {
      for (String cell : l.split(",")) {
        assertTrue(cell.length() < 14 || !input.contains(cell), "a value leaked into the report");
      }
    }
    CsvException stop =
        assertThrows(
            CsvException.class,
            () ->
                CsvProtector.create(strict.withOnInvalid(OnInvalid.STOP), ring)
                    .protect(in, dir.resolve("stop.csv")));
    assertEquals(CsvError.INVALID_VALUE, stop.error());
    assertEquals(2, stop.line());
    assertEquals(Optional.of("nir"), stop.column());
    assertFalse(Files.exists(dir.resolve("stop.csv")));
  }

  @Test
  void neverOverwritesTheInputOrAnExistingOutput() throws Exception {
    Path in = export(5, ";", "\n", false);
    byte[] before = Files.readAllBytes(in);
    assertThrows(IOException.class, () -> CsvProtector.create(policy, ring).protect(in, in));
    assertThrows(
        IOException.class,
        () -> CsvProtector.create(policy, ring).protect(in, dir.resolve("x/../export.csv")));
    Path existing = dir.resolve("existing.csv");
    Files.writeString(existing, "keep me");
    assertThrows(IOException.class, () -> CsvProtector.create(policy, ring).protect(in, existing));
    assertEquals("keep me", Files.readString(existing));
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(in));
  }

  @Test
  void encryptedOutputRoundTripsAndHoldsNoPlaintext() throws Exception {
    Path in = export(200, ";", "\n", false);
    Path out = dir.resolve("out.nirg");
    FileEnvelope envelope = FileEnvelope.create(ring, "lab-export");
    CsvProtector.create(policy, ring)
        .protect(in, out, null, sink -> envelope.encryptingStream(sink, "text/csv"));
    String raw = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains("blood_group"), "not even the header is in clear");
    assertTrue(FileEnvelope.readHeader(out).isPresent());
    Path back = dir.resolve("back.csv");
    try (InputStream plain = envelope.openVerified(out)) {
      CsvProtector.create(policy, ring).reveal(plain, out, back);
    }
    assertEquals(
        Files.readAllLines(in).get(5).split(";")[1], Files.readAllLines(back).get(5).split(";")[2]);
  }

  @Test
  void constantMemoryOnALargeFile() throws Exception {
    // The live heap is measured during the run, at each progress report (after a full GC): a
    // stream that kept its rows would hold a growing share of the file there. It holds one block.
    Path in = dir.resolve("big.csv");
    try (Writer w = Files.newBufferedWriter(in)) {
      LabExports.write(w, 200_000, 7, true);
    }
    long fileBytes = Files.size(in);
    MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = heap.getHeapMemoryUsage().getUsed();
    long[] peak = {0};
    long[] lastRows = {0};
    int[] samples = {0};
    CsvSummary s =
        CsvProtector.create(policy, ring)
            .withProgress(
                (rows, bytes) -> {
                  if (rows > lastRows[0]) { // the last report repeats the total
                    System.gc();
                    peak[0] = Math.max(peak[0], heap.getHeapMemoryUsage().getUsed() - before);
                    samples[0]++;
                    lastRows[0] = rows;
                  }
                })
            .protect(in, dir.resolve("big.out.csv"));
    assertEquals(200_000, s.rowsWritten());
    assertTrue(samples[0] >= 10, "measured " + samples[0] + " times during the run");
    System.out.printf(
        Locale.ROOT,
        "constantMemoryOnALargeFile: %,d-byte file, live heap grew by at most %,d bytes over %d"
            + " samples%n",
        fileBytes,
        peak[0],
        samples[0]);
    assertTrue(
        peak[0] < fileBytes / 8,
        "live heap grew by " + peak[0] + " bytes during a " + fileBytes + "-byte file");
  }
}
