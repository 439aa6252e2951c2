package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The two streaming passes that {@link CsvPseudonyms} and {@link CsvRisk} use, {@link
 * Pipeline#rewrite} and {@link Pipeline#read}: every row reaches the caller once, in order, and a
 * bad file fails with the same reason and line on both.
 */
class PipelineTest {
  /** Upper-cases every cell; refuses a cell reading {@code BAD} (an invalid value). */
  static final class Upper implements Pipeline.Rewriting {
    final List<String> headers = new ArrayList<>();

    @Override
    public List<String> bind(List<String> header) {
      headers.addAll(header);
      return header;
    }

    @Override
    public String[] row(String[] cells, long line) throws CsvException {
      String[] out = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        if (cells[i].startsWith("BAD")) {
          throw new CsvException(CsvError.INVALID_VALUE, line, headers.get(i), "bad");
        }
        out[i] = cells[i].toUpperCase(Locale.ROOT);
      }
      return out;
    }
  }

  static String rewrite(String csv, Charset cs, Pipeline.Rewriting r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n =
        new Pipeline(cs, ';', Progress.NONE)
            .rewrite(new ByteArrayInputStream(csv.getBytes(cs)), out, r);
    assertEquals(csv.split("\n").length - 1, n, "rows rewritten");
    return out.toString(cs);
  }

  static List<String[]> read(String csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    long n =
        new Pipeline(StandardCharsets.UTF_8, null, Progress.NONE)
            .read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                header -> {
                  rows.add(header.toArray(new String[0]));
                  return rows::add;
                });
    assertEquals(rows.size() - 1, n, "rows read");
    return rows;
  }

  static final Gen<String> FILES =
      random -> {
        int n = 1 + random.nextInt(random.nextInt(4) == 0 ? 900 : 30);
        StringBuilder b = new StringBuilder("a;b;c\n");
        for (int i = 0; i < n; i++) {
          b.append("r")
              .append(i)
              .append(';')
              .append(random.nextInt(1000))
              .append(";x")
              .append(random.nextInt(3) == 0 ? "é" : "")
              .append('\n');
        }
        return b.toString();
      };

  @Test
  void everyRowIsRewrittenAndReadOnceInOrder() {
    ForAll.check(
        "rewrite and read see every row",
        40,
        ForAll.seed(),
        FILES,
        csv -> {
          try {
            // the header as it was, every row upper-cased
            String upper = "a;b;c\n" + csv.substring(6).toUpperCase(Locale.ROOT);
            assertEquals(upper, rewrite(csv, StandardCharsets.UTF_8, new Upper()));
            // a charset whose blocks are encoded by the writer, not the formatting thread
            assertEquals(upper, rewrite(csv, StandardCharsets.UTF_16BE, new Upper()));
            List<String[]> rows = read(csv);
            String[] lines = csv.split("\n");
            assertEquals(lines.length, rows.size());
            for (int i = 0; i < lines.length; i++) {
              assertArrayEquals(lines[i].split(";"), rows.get(i), "line " + (i + 1));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static CsvException rewriteFails(String csv) {
    return assertThrows(
        CsvException.class, () -> rewrite(csv, StandardCharsets.UTF_8, new Upper()));
  }

  static CsvException readFails(String csv) {
    return assertThrows(CsvException.class, () -> read(csv));
  }

  static void assertError(CsvError error, long line, CsvException e) {
    assertEquals(error, e.error(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
  }

  @Test
  void badFilesFailWithTheirReasonAndLine() {
    String head = "a;b;c\n";
    String row = "x;1;y\n";
    String many = row.repeat(300); // past the first block of 256 rows
    for (boolean rewriting : new boolean[] {true, false}) {
      java.util.function.Function<String, CsvException> fails =
          rewriting ? PipelineTest::rewriteFails : PipelineTest::readFails;
      assertError(CsvError.NO_DATA_ROWS, 1, fails.apply(head));
      assertError(CsvError.RAGGED_ROW, 4, fails.apply(head + row + row + "x;1\n" + row));
      assertError(CsvError.RAGGED_ROW, 303, fails.apply(head + many + row + "x;1;y;z\n" + row));
      assertError(CsvError.UNBALANCED_QUOTES, 3, fails.apply(head + row + "x;1;\"y\n" + row));
      assertError(CsvError.MALFORMED_QUOTES, 3, fails.apply(head + row + "x;\"1\"2;y\n" + row));
      assertError(CsvError.MALFORMED_QUOTES, 302, fails.apply(head + many + "x;\"1\"2;y\n" + row));
      assertEquals(CsvError.EMPTY_FILE, fails.apply("").error());
      // FastCSV names no line for the header: the reader's line after the last record, 1
      assertError(CsvError.MALFORMED_QUOTES, 1, fails.apply("a;\"b\"x;c\n" + row));
      // after a record over two lines, FastCSV's line is the right one, not the reader's next
      assertError(
          CsvError.MALFORMED_QUOTES,
          5,
          fails.apply(head + row + "x;\"1\n2\";y\nx;\"1\"2;y\n" + row));
    }
    // a quote never closed swallows the rest into a cell the rewriting refuses: the quote is the
    // cause, at its own line
    assertError(
        CsvError.UNBALANCED_QUOTES, 3, rewriteFails(head + row + "x;1;\"BAD\n" + row + row));
    // a refused value, quotes balanced, stays what it is
    CsvException bad = rewriteFails(head + many + "x;BAD;y\n");
    assertError(CsvError.INVALID_VALUE, 302, bad);
    assertEquals("b", bad.column().orElseThrow());
  }

  @Test
  void anUndecodableOrUnencodableFileFailsAtItsLine() {
    byte[] head = "a;b\nx;1\nx;".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xFF;
    bytes[head.length + 1] = '\n';
    bytes[head.length + 2] = 'y';
    CsvException e =
        assertThrows(
            CsvException.class,
            () ->
                new Pipeline(StandardCharsets.UTF_8, null, Progress.NONE)
                    .rewrite(
                        new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), new Upper()));
    assertEquals(CsvError.INVALID_ENCODING, e.error());
    CsvException r =
        assertThrows(
            CsvException.class,
            () ->
                new Pipeline(StandardCharsets.UTF_8, null, Progress.NONE)
                    .read(new ByteArrayInputStream(bytes), h -> cells -> {}));
    assertEquals(CsvError.INVALID_ENCODING, r.error());
    assertEquals(e.line(), r.line());

    // ISO-8859-1 reads every byte, but cannot write the euro sign a rewriting puts in
    Pipeline.Rewriting euro =
        new Pipeline.Rewriting() {
          @Override
          public List<String> bind(List<String> header) {
            return header;
          }

          @Override
          public String[] row(String[] cells, long line) {
            return cells[1].equals("3") ? new String[] {cells[0], "€"} : cells;
          }
        };
    CsvException u =
        assertThrows(
            CsvException.class,
            () -> rewrite("a;b\nx;1\nx;2\nx;3\nx;4\n", StandardCharsets.ISO_8859_1, euro));
    assertEquals(CsvError.UNENCODABLE_VALUE, u.error());
    assertEquals(4, u.line());
    assertEquals("b", u.column().orElseThrow());
  }

  static final String POLICY =
      "nirguard-policy 1\npurpose lab\nnir-profile checksum\ncolumn nir nir token\n"
          + "column birth_date birth-date generalize:year\ncolumn sex sex keep\n";

  static CsvSummary protect(CsvProtector p, String csv, Charset cs, ByteArrayOutputStream out)
      throws IOException, GeneralSecurityException {
    return p.withCharset(cs).protect(new ByteArrayInputStream(csv.getBytes(cs)), out, null);
  }

  @Test
  void aRunWritesEverythingInAnyCharsetAndTimesItself()
      throws IOException, GeneralSecurityException {
    KeyRing ring = KeyRingManager.empty().add("lab", KeyKind.TOKEN).ring();
    CsvProtector p = CsvProtector.create(ProtectionPolicy.parse(POLICY), ring);
    ForAll.check(
        "a run in UTF-16 writes what a run in UTF-8 writes",
        10,
        ForAll.seed(),
        random -> {
          StringBuilder b = new StringBuilder("nir;birth_date;sex\n");
          int n = 1 + random.nextInt(random.nextBoolean() ? 600 : 20);
          Gen<Nir> nirs = Nirs.valid();
          for (int i = 0; i < n; i++) {
            Nir nir = nirs.next(random);
            b.append(nir.compact()).append(";1990-0").append(1 + random.nextInt(9));
            b.append("-1").append(random.nextInt(10)).append(';').append(nir.sexDigit());
            b.append('\n');
          }
          return b.toString();
        },
        csv -> {
          try {
            ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
            long before = System.nanoTime();
            long[] last = {-1, -1};
            CsvSummary s =
                protect(
                    p.withProgress(
                        (r, bytes) -> {
                          last[0] = r;
                          last[1] = bytes;
                        }),
                    csv,
                    StandardCharsets.UTF_8,
                    utf8);
            long wall = (System.nanoTime() - before) / 1_000_000;
            assertTrue(s.millis() >= 0 && s.millis() <= wall, "elapsed within the call's");
            long rows = csv.split("\n").length - 1;
            assertEquals(rows, s.rowsRead());
            assertEquals(rows, s.rowsWritten());
            // the last progress is the whole file: every row, every byte
            assertEquals(rows, last[0]);
            assertEquals(csv.getBytes(StandardCharsets.UTF_8).length, last[1]);
            // a charset the writer encodes itself: what it holds at the end must be flushed
            ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
            protect(p, csv, StandardCharsets.UTF_16BE, utf16);
            assertEquals(
                utf8.toString(StandardCharsets.UTF_8), utf16.toString(StandardCharsets.UTF_16BE));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
    CsvException e =
        assertThrows(
            CsvException.class,
            () ->
                protect(
                    p,
                    "nir;birth_date;\"sex\"x\n",
                    StandardCharsets.UTF_8,
                    new ByteArrayOutputStream()));
    assertEquals(CsvError.MALFORMED_QUOTES, e.error());
    assertEquals(1, e.line());
  }
}
