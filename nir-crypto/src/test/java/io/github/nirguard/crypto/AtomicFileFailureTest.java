package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFile}'s failures, made by real file-system conditions: a target that changes kind
 * before the commit, a temporary file that disappears, the input as target through a link, the
 * root, a write beyond the process's file-size limit. Each leaves nothing half-written and names
 * the target, never the temporary file.
 */
class AtomicFileFailureTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private Path onlyTemporary() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> t = s.filter(p -> p.toString().endsWith(".tmp")).collect(Collectors.toList());
      assertEquals(1, t.size(), "one temporary file while writing");
      return t.get(0);
    }
  }

  /** Whether this process holds a file open, as the kernel names it (Linux; "(deleted)" after). */
  private static boolean isOpen(Path file) throws IOException {
    String name = file.getParent().toRealPath().resolve(file.getFileName()).toString();
    return openFiles().stream().anyMatch(s -> s.startsWith(name));
  }

  private static List<String> openFiles() throws IOException {
    List<String> open = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          open.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException gone) {
          // the listing's own descriptor, closed meanwhile
        }
      }
    }
    return open;
  }

  private static void assertHidesTheTemporary(FileSystemException e, Path target) {
    assertEquals(target.toString(), e.getFile());
    assertFalse(String.valueOf(e.getMessage()).contains("nirguard-"), e.getMessage());
    assertFalse(String.valueOf(e.getOtherFile()).contains("nirguard-"), e.getOtherFile());
  }

  @Test
  void aLinkToTheInputIsTheInput() throws IOException {
    Path in = Files.writeString(dir.resolve("in.csv"), "x");
    try (AtomicFile f = AtomicFile.create(dir.resolve("out.csv"), in, true)) {
      f.stream().write('y');
      f.commit();
    }
    assertEquals("y", Files.readString(dir.resolve("out.csv")), "a distinct target is written");

    Path hard = Files.createLink(dir.resolve("hard.csv"), in);
    Path soft = Files.createSymbolicLink(dir.resolve("soft.csv"), in);
    for (Path target : List.of(hard, soft)) {
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> AtomicFile.create(target, in, true));
      assertEquals("is the input file; not overwritten", e.getReason());
      assertEquals(target.toString(), e.getFile());
      assertEquals(in.toString(), e.getOtherFile());
    }
    assertEquals("x", Files.readString(in));
    assertTrue(Files.isSymbolicLink(soft));
    assertEquals(List.of("hard.csv", "in.csv", "out.csv", "soft.csv"), names());
  }

  @Test
  void theRootIsNeverATarget() {
    Path root = dir.getRoot();
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFile.create(root, null, true));
    assertEquals("not a regular file", e.getReason());
    assertThrows(FileAlreadyExistsException.class, () -> AtomicFile.create(root, null, false));
  }

  @Test
  void aTargetThatBecameADirectoryOrALinkBeforeTheCommitIsKept() throws IOException {
    Path target = dir.resolve("out.bin");
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "theirs");
    for (boolean directory : new boolean[] {true, false}) {
      try (AtomicFile f = AtomicFile.create(target, null, true)) {
        f.stream().write(new byte[] {1, 2, 3});
        if (directory) {
          Files.createDirectory(target);
        } else {
          Files.createSymbolicLink(target, elsewhere);
        }
        FileSystemException e = assertThrows(FileSystemException.class, f::commit);
        assertEquals("not a regular file", e.getReason());
        assertHidesTheTemporary(e, target);
        onlyTemporary();
      }
      assertEquals(directory, Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS));
      assertEquals(!directory, Files.isSymbolicLink(target));
      assertEquals(List.of("elsewhere", "out.bin"), names(), "the temporary file is deleted");
      Files.delete(target);
    }
    assertEquals("theirs", Files.readString(elsewhere));

    try (AtomicFile f = AtomicFile.create(target, null, false)) {
      Files.createDirectory(target);
      FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, f::commit);
      assertEquals("exists, not replaced", e.getReason());
      assertHidesTheTemporary(e, target);
    }
    assertTrue(Files.isDirectory(target));
  }

  @Test
  void aTemporaryFileDeletedBeforeTheCommitFailsItNamingTheTarget() throws IOException {
    for (boolean replace : new boolean[] {false, true}) {
      Path target = dir.resolve("out-" + replace + ".bin");
      try (AtomicFile f = AtomicFile.create(target, null, replace)) {
        f.stream().write(new byte[] {1});
        Files.delete(onlyTemporary());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, f::commit);
        assertHidesTheTemporary(e, target);
        assertEquals("no such file or directory", e.getReason());
      }
      assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "nothing published");
      assertEquals(List.of(), names());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theFileIsClosedOnceCommittedOrAbandoned() throws IOException {
    Path target = dir.resolve("out.bin");
    try (AtomicFile f = AtomicFile.create(target, null, false)) {
      f.stream().write(7);
      Path temp = onlyTemporary();
      assertTrue(isOpen(temp), "open while writing");
      f.commit();
      assertFalse(isOpen(target), "closed by the commit");
      assertFalse(isOpen(temp));
    }
    Path replaced = dir.resolve("replaced.bin");
    Files.writeString(replaced, "old");
    try (AtomicFile f = AtomicFile.create(replaced, null, true)) {
      f.stream().write(8);
      f.commit();
      assertFalse(isOpen(replaced), "closed by the commit");
    }
    assertArrayEquals(new byte[] {8}, Files.readAllBytes(replaced));
    AtomicFile g = AtomicFile.create(dir.resolve("abandoned.bin"), null, false);
    Path temp = onlyTemporaryNamed(".abandoned.bin");
    g.close();
    assertFalse(isOpen(temp), "closed by close()");
    assertFalse(Files.exists(temp));
  }

  private Path onlyTemporaryNamed(String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> t =
          s.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toList());
      assertEquals(1, t.size());
      return t.get(0);
    }
  }

  /**
   * A write beyond the process's file-size limit (RLIMIT_FSIZE, lowered for this JVM with {@code
   * prlimit}; the JVM ignores SIGXFSZ, so the write fails with EFBIG) is a {@link
   * FileSystemException} naming the target, and nothing is published.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aWriteBeyondTheFileSizeLimitFailsNamingTheTarget() throws Exception {
    long pid = ProcessHandle.current().pid();
    assumeTrue(prlimit(pid, "--fsize=4096:unlimited"), "prlimit cannot lower the limit here");
    Path target = dir.resolve("big.bin");
    try {
      try (AtomicFile f = AtomicFile.create(target, null, false)) {
        f.stream().write(new byte[4096]);
        IOException e = assertThrows(IOException.class, () -> f.stream().write(1));
        FileSystemException named = assertInstanceOf(FileSystemException.class, e);
        assertHidesTheTemporary(named, target);
        assertTrue(named.getReason() != null && !named.getReason().isEmpty(), named::getMessage);
      }
    } finally {
      assertTrue(prlimit(pid, "--fsize=unlimited:unlimited"), "limit restored");
    }
    assertEquals(List.of(), names(), "nothing published, no temporary file left");
  }

  private static boolean prlimit(long pid, String limit) throws Exception {
    try {
      Process p =
          new ProcessBuilder("prlimit", "--pid", Long.toString(pid), limit)
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException noPrlimit) {
      return false;
    }
  }

  @Test
  void theTemporaryFileIsNamedAfterTheTargetTheProcessAndARandomSuffix() throws IOException {
    Path target = dir.resolve("out.csv");
    try (AtomicFile f = AtomicFile.create(target, null, false);
        AtomicFile g = AtomicFile.create(target, null, false)) {
      List<String> temps = names();
      assertEquals(2, temps.size(), "two writers of one target, two temporary files");
      for (String t : temps) {
        assertTrue(
            t.matches(
                "\\.out\\.csv\\.nirguard-" + ProcessHandle.current().pid() + "-[0-9a-f]{16}\\.tmp"),
            t);
      }
      f.stream().write(1);
      g.stream().write(2);
      f.commit();
      assertThrows(FileAlreadyExistsException.class, g::commit);
    }
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
    assertEquals(List.of("out.csv"), names());
  }

  @Test
  void sweepCountsTheDeadProcessesFilesItDeletedAndSparesLockedOnesAndDirectories()
      throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    String dead = ".x.csv.nirguard-" + gone.pid() + "-";
    Files.writeString(dir.resolve(dead + "0000000000000001.tmp"), "a");
    Files.writeString(dir.resolve(dead + "0000000000000002.tmp"), "b");
    Path asDirectory = Files.createDirectory(dir.resolve(dead + "0000000000000003.tmp"));
    Path locked = Files.writeString(dir.resolve(dead + "0000000000000004.tmp"), "c");
    Path badName = Files.writeString(dir.resolve(dead + "000000000000000g.tmp"), "d");
    Path longPid =
        Files.writeString(
            dir.resolve(".y.nirguard-99999999999999999999-0000000000000005.tmp"), "e");
    try (java.nio.channels.FileChannel ch =
            java.nio.channels.FileChannel.open(locked, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = ch.lock()) {
      assertEquals(2, AtomicFile.sweep(dir), "the two unlocked files of a dead process");
      assertEquals(0, AtomicFile.sweep(dir), "nothing left to sweep");
    }
    assertTrue(Files.isDirectory(asDirectory), "a directory is no temporary file of ours");
    assertTrue(Files.exists(locked), "a locked file has a live writer");
    assertTrue(Files.exists(badName) && Files.exists(longPid), "not our names");
    assertEquals(1, AtomicFile.sweep(dir), "unlocked now");
    assertFalse(Files.exists(locked));
    assertEquals(0, AtomicFile.sweep(dir.resolve("missing")), "an unreadable directory: nothing");
  }

  @Test
  void aCleanupThatFailsIsReportedNamingTheTarget() throws IOException {
    Path target = dir.resolve("out.bin");
    AtomicFile f = AtomicFile.create(target, null, false);
    Path temp = onlyTemporary();
    Files.delete(temp);
    Files.createDirectory(temp);
    Files.writeString(temp.resolve("inside"), "x"); // a non-empty directory cannot be deleted
    FileSystemException e = assertThrows(FileSystemException.class, f::close);
    assertHidesTheTemporary(e, target);
    assertEquals(FileSystemException.class, e.getClass(), "neither access nor existence");
    f.close(); // once
    assertTrue(Files.isDirectory(temp));
    assertFalse(Files.exists(target));
  }

  /**
   * A temporary file named after a dead process but locked by a live one (a writer in another pid
   * namespace or on another host) is kept; python3's {@code fcntl.lockf} takes the same POSIX lock
   * as {@link java.nio.channels.FileChannel#tryLock()}.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void sweepSparesAFileAnotherProcessHoldsLocked() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    Path locked =
        Files.writeString(
            dir.resolve(".x.csv.nirguard-" + gone.pid() + "-00000000000000aa.tmp"), "a");
    Process holder;
    try {
      holder =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import fcntl,sys\n"
                      + "f=open(sys.argv[1],'r+')\n"
                      + "fcntl.lockf(f,fcntl.LOCK_EX)\n"
                      + "print('locked',flush=True)\n"
                      + "sys.stdin.read()",
                  locked.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException noPython) {
      assumeTrue(false, "python3 is needed to hold a lock from another process");
      return;
    }
    try {
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      holder.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertEquals("locked", line);
      assertEquals(0, AtomicFile.sweep(dir), "a live process holds it");
      assertTrue(Files.exists(locked));
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
    }
    assertEquals(1, AtomicFile.sweep(dir), "released: swept");
    assertFalse(Files.exists(locked));
  }

  /**
   * The JDK's zip file system makes an entry appear only when its channel is closed, so nothing
   * could be published atomically: refused at once, naming the target and the file system, and
   * nothing left in the archive (it used to fail at the commit with a {@code NoSuchFileException}
   * naming the target, as if the target were missing).
   */
  @Test
  void aFileSystemThatCannotPublishAtomicallyIsRefusedAtOnce() throws IOException {
    Path zip = dir.resolve("out.zip");
    try (java.nio.file.FileSystem fs =
        java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      Path target = fs.getPath("/export.csv");
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> AtomicFile.create(target, null, false));
      assertFalse(e instanceof NoSuchFileException, "not a missing file");
      assertEquals("/export.csv", e.getFile());
      assertEquals("its file system (jar) cannot publish a file atomically", e.getReason());
      assertThrows(
          FileSystemException.class,
          () -> AtomicFile.write(target, new byte[] {1, 2, 3}, true),
          "the whole-file write too");
      try (Stream<Path> entries = Files.list(fs.getPath("/"))) {
        assertEquals(List.of(), entries.collect(Collectors.toList()), "nothing left in the zip");
      }
    }
  }
}
