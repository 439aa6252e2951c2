package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFile}'s stream and life cycle: what is written is what is published, once. */
class AtomicFileStreamTest {
  @TempDir Path dir;

  @Test
  void publishesExactlyTheBytesWrittenSingleAndInRanges() throws IOException {
    Path target = dir.resolve("out.bin");
    try (AtomicFile f = AtomicFile.create(target, null, false)) {
      OutputStream s = f.stream();
      s.write(0x41);
      s.write(new byte[] {9, 0x42, 0x43, 9}, 1, 2);
      s.write(new byte[0], 0, 0);
      assertThrows(IndexOutOfBoundsException.class, () -> s.write(new byte[2], 1, 2));
      assertFalse(Files.exists(target), "nothing is published before the commit");
      f.commit();
    }
    assertArrayEquals(new byte[] {0x41, 0x42, 0x43}, Files.readAllBytes(target));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
  }

  @Test
  void aCommittedOrClosedFileTakesNoMoreBytesAndNoSecondCommit() throws IOException {
    Path target = dir.resolve("once.bin");
    AtomicFile f = AtomicFile.create(target, null, false);
    f.stream().write(1);
    f.commit();
    assertThrows(IOException.class, () -> f.stream().write(2));
    assertThrows(IOException.class, f::commit);
    f.close();
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));

    Path other = dir.resolve("closed.bin");
    AtomicFile g = AtomicFile.create(other, null, false);
    g.close();
    assertThrows(IOException.class, () -> g.stream().write(2));
    assertThrows(IOException.class, g::commit);
    assertFalse(Files.exists(other));
    try (AtomicFile h = AtomicFile.create(dir.resolve("s.bin"), null, false)) {
      OutputStream s = h.stream();
      s.close();
      assertThrows(IOException.class, () -> s.write(1), "a closed stream refuses bytes");
    }
  }

  @Test
  void writeReplacesOnlyWhenAsked() throws IOException {
    Path target = dir.resolve("w.bin");
    AtomicFile.write(target, new byte[] {1, 2}, false);
    assertThrows(
        FileAlreadyExistsException.class, () -> AtomicFile.write(target, new byte[] {3}, false));
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
    AtomicFile.write(target, new byte[] {3}, true);
    assertArrayEquals(new byte[] {3}, Files.readAllBytes(target));
    try (AtomicFile h = AtomicFile.create(target, null, true)) {
      assertTrue(h.toString().endsWith("w.bin]"), h::toString);
    }
  }
}
