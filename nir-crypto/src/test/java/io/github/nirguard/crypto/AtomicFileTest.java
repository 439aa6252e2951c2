package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  Path onlyTemporary() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> t =
          s.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
      assertEquals(1, t.size(), "one temporary file while writing");
      return t.get(0);
    }
  }

  @Test
  void temporaryFileIsOwnerOnlyAndNamedAfterTheProcessThenPublished() throws IOException {
    Path out = dir.resolve("out.csv");
    try (AtomicFile f = AtomicFile.create(out, null, false)) {
      f.stream().write("a;b\n".getBytes(StandardCharsets.UTF_8));
      Path temp = onlyTemporary();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
      String name = temp.getFileName().toString();
      assertTrue(name.startsWith(".out.csv.nirguard-" + ProcessHandle.current().pid() + "-"), name);
      assertFalse(Files.exists(out), "nothing at the target before commit");
      f.commit();
    }
    assertEquals(List.of("out.csv"), names());
    assertEquals("a;b\n", Files.readString(out));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  @Test
  void closeWithoutCommitLeavesNothing() throws IOException {
    try (AtomicFile f = AtomicFile.create(dir.resolve("out.csv"), null, false)) {
      f.stream().write(new byte[100]);
    }
    assertEquals(List.of(), names());
  }

  @Test
  void neverClobbersATargetThatAppearedMeanwhile() throws IOException {
    Path out = dir.resolve("out.csv");
    try (AtomicFile f = AtomicFile.create(out, null, false)) {
      f.stream().write(new byte[] {1});
      Files.writeString(out, "theirs");
      FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, f::commit);
      assertEquals(out.toString(), e.getFile());
    }
    assertEquals("theirs", Files.readString(out));
    assertEquals(List.of("out.csv"), names());
    assertThrows(FileAlreadyExistsException.class, () -> AtomicFile.create(out, null, false));
  }

  @Test
  void replacesARegularFileOnly() throws Exception {
    Path out = dir.resolve("out.bin");
    Files.writeString(out, "old");
    AtomicFile.write(out, new byte[] {7}, true);
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(out));

    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFile.write(fifo, new byte[] {1}, true));
    assertEquals("not a regular file", e.getReason());
    assertTrue(
        Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(),
        "still a FIFO");

    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, out);
    assertThrows(FileSystemException.class, () -> AtomicFile.write(link, new byte[] {1}, true));
    assertTrue(Files.isSymbolicLink(link));
    assertThrows(
        FileSystemException.class,
        () -> AtomicFile.write(Files.createDirectory(dir.resolve("d")), new byte[] {1}, true));
    assertEquals(List.of("d", "fifo", "link", "out.bin"), names(), "no temporary file left");
  }

  @Test
  void sweepsTheTemporaryFilesOfDeadProcessesOnly() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    Path stale =
        Files.writeString(
            dir.resolve(".x.csv.nirguard-" + gone.pid() + "-0123456789abcdef.tmp"), "NIR in clear");
    Path live =
        Files.writeString(
            dir.resolve(
                ".y.csv.nirguard-"
                    + ProcessHandle.current().parent().orElseThrow().pid()
                    + "-0123456789abcdef.tmp"),
            "");
    Path mine =
        Files.writeString(
            dir.resolve(
                ".z.csv.nirguard-" + ProcessHandle.current().pid() + "-0123456789abcdef.tmp"),
            "");
    Path other = Files.writeString(dir.resolve(".w.csv.12345.tmp"), "not ours");
    AtomicFile.write(dir.resolve("out.csv"), new byte[] {1}, false);
    assertFalse(
        Files.exists(stale, LinkOption.NOFOLLOW_LINKS),
        "a dead process's temporary file is swept by the next write");
    assertTrue(
        Files.exists(live) && Files.exists(mine) && Files.exists(other),
        "live processes' and foreign files are kept");
  }

  @Test
  void errorsNameTheTargetNeverTheTemporaryFile() {
    Path out = dir.resolve("missing").resolve("out.csv");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> AtomicFile.create(out, null, false));
    assertEquals(out.toString(), e.getFile());
    assertFalse(e.getMessage().contains("nirguard-"), e.getMessage());
  }

  @Test
  void refusesTheInput() throws IOException {
    Path in = Files.writeString(dir.resolve("in.csv"), "x");
    assertThrows(IOException.class, () -> AtomicFile.create(in, in, true));
    assertEquals("x", Files.readString(in));
  }
}
