package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parts of a run: byte counting, block reading, error messages and the summary. */
class CsvInternalsTest {

  @Test
  void countingCountsEveryByteReadAndNothingAtTheEnd() throws IOException {
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[10]));
    assertEquals(0, in.read());
    assertEquals(1, in.count());
    byte[] buf = new byte[4];
    assertEquals(4, in.read(buf, 0, 4));
    assertEquals(5, in.count());
    assertEquals(0, in.read(buf, 0, 0));
    assertEquals(5, in.count());
    assertEquals(5, in.read(new byte[8], 0, 8));
    assertEquals(10, in.count());
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(buf, 0, 4));
    assertEquals(10, in.count(), "the end of the input is not a byte");
  }

  @Test
  void exceptionsNameTheErrorLineAndColumnOnlyWhenKnown() {
    CsvException full = new CsvException(CsvError.INVALID_VALUE, 7, "nir", "bad checksum");
    assertEquals("INVALID_VALUE at line 7, column 'nir': bad checksum", full.getMessage());
    assertEquals(CsvError.INVALID_VALUE, full.error());
    assertEquals(7, full.line());
    assertEquals(Optional.of("nir"), full.column());
    CsvException bare = new CsvException(CsvError.EMPTY_FILE, 0, null, null);
    assertEquals("EMPTY_FILE", bare.getMessage());
    assertEquals(0, bare.line());
    assertEquals(Optional.empty(), bare.column());
    assertEquals(
        "RAGGED_ROW at line 1", new CsvException(CsvError.RAGGED_ROW, 1, null, null).getMessage());
  }

  @Test
  void summariesComputeThroughput() {
    CsvSummary s = new CsvSummary(500, 490, 10, 2, ';', 250, 0);
    assertEquals(2000.0, s.rowsPerSecond());
    assertEquals(500_000.0, new CsvSummary(500, 500, 0, 0, ',', 0, 0).rowsPerSecond());
    assertEquals(new CsvSummary(500, 490, 10, 2, ';', 250, 0), s);
    assertFalse(s.equals(new CsvSummary(500, 490, 10, 2, ';', 250, 1)));
  }

  @Test
  void blocksKeepRowsAndTheirLines() throws IOException {
    String csv = "a,b\n1,2\n\n3,4\n\"5\n5\",6\n7,8\n";
    try (BlockReader r = new BlockReader(new StringReader(csv), ',', "UTF-8")) {
      assertEquals(0, r.line());
      assertEquals(List.of("a", "b"), r.header());
      assertEquals(1, r.line());
      r.next();
      assertEquals(4, r.size());
      assertArrayEquals(new String[] {"1", "2"}, r.rows()[0]);
      assertArrayEquals(new String[] {"5\n5", "6"}, r.rows()[2]);
      assertEquals(2, r.line(0));
      assertEquals(4, r.line(1), "the empty line is skipped but counted");
      assertEquals(5, r.line(2));
      assertEquals(7, r.line(3), "a quoted line break counts");
      assertNull(r.pending());
      assertFalse(r.more());
      r.rethrow();
      r.next();
      assertEquals(0, r.size());
    }
  }

  @Test
  void blocksEndAtBlockRows() throws IOException {
    StringBuilder csv = new StringBuilder("a\n");
    for (int i = 0; i < BlockReader.BLOCK_ROWS + 3; i++) {
      csv.append(i).append('\n');
    }
    try (BlockReader r = new BlockReader(new StringReader(csv.toString()), ',', "UTF-8")) {
      r.header();
      r.next();
      assertEquals(BlockReader.BLOCK_ROWS, r.size());
      assertTrue(r.more());
      assertEquals(BlockReader.BLOCK_ROWS + 1, r.line(BlockReader.BLOCK_ROWS - 1));
      r.next();
      assertEquals(3, r.size());
      assertEquals("" + (BlockReader.BLOCK_ROWS + 2), r.rows()[2][0]);
      assertFalse(r.more());
    }
  }

  @Test
  void blocksEndOnceTheirCellsHoldAMegaCharacter() throws IOException {
    String big = "x".repeat((int) (BlockReader.BLOCK_CHARS / 2));
    StringBuilder csv = new StringBuilder("a\n");
    for (int i = 0; i < 4; i++) {
      csv.append(big).append('\n');
    }
    try (BlockReader r = new BlockReader(new StringReader(csv.toString()), ',', "UTF-8")) {
      r.header();
      r.next();
      assertEquals(2, r.size(), "two half-mega cells fill a block");
      assertTrue(r.more());
      r.next();
      assertEquals(2, r.size());
    }
  }

  @Test
  void aRaggedRowEndsTheBlockAfterTheRowsBeforeIt() throws IOException {
    String csv = "a,b\n1,2\n3\n5,6\n";
    try (BlockReader r = new BlockReader(new StringReader(csv), ',', "UTF-8")) {
      r.header();
      r.next();
      assertEquals(1, r.size());
      assertFalse(r.more());
      CsvException e = assertThrows(CsvException.class, r::rethrow);
      assertEquals(CsvError.RAGGED_ROW, e.error());
      assertEquals(3, e.line());
      assertEquals("RAGGED_ROW at line 3: 1 cells, header has 2", e.getMessage());
      assertSame(e, r.pending());
    }
  }

  @Test
  void anEmptyInputHasNoHeader() throws IOException {
    try (BlockReader r = new BlockReader(new StringReader("\n\n"), ',', "UTF-8")) {
      CsvException e = assertThrows(CsvException.class, r::header);
      assertEquals(CsvError.EMPTY_FILE, e.error());
    }
  }

  @Test
  void readErrorsTranslateToPositions() throws IOException {
    try (BlockReader r = new BlockReader(new StringReader("a\n1\n"), ',', "ISO-8859-1")) {
      r.header();
      r.next();
      CsvException enc = (CsvException) r.translate(new MalformedInputException(1));
      assertEquals(CsvError.INVALID_ENCODING, enc.error());
      assertEquals(3, enc.line(), "the line after the last one read");
      assertEquals("INVALID_ENCODING at line 3: not valid ISO-8859-1", enc.getMessage());
      CsvException own = new CsvException(CsvError.NO_DATA_ROWS, 0, null, null);
      assertSame(own, r.translate(own));
      IOException other = new IOException("disk");
      assertSame(other, r.translate(other));
      assertEquals("read failed", r.translate(null).getMessage());
      IOException io = new IOException("x");
      assertSame(io, assertThrows(IOException.class, () -> BlockReader.rethrow(io)));
      IllegalStateException rt = new IllegalStateException("y");
      assertSame(rt, assertThrows(IllegalStateException.class, () -> BlockReader.rethrow(rt)));
      BlockReader.rethrow(null);
      assertInstanceOf(CsvException.class, r.invalidEncoding());
    }
  }
}
