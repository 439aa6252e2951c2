package io.github.nirguard.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output file that appears complete or not at all — the one writer of every nirguard file (key
 * rings, KEK files, file envelopes, CSV outputs and reports).
 *
 * <p>Content goes to a temporary file in the target's directory, created owner-only ({@code
 * rw-------}, set at creation where the file system is POSIX) and named {@code
 * .<target>.nirguard-<pid>-<random>.tmp} after the process that owns it. {@link #commit()} forces
 * it to disk, publishes it and forces the directory: without {@code replace}, by a hard link that
 * fails if the target exists (no clobbering, even by a concurrent writer), else by an atomic rename
 * over the target, which must then be a regular file (never a device, pipe, directory or symbolic
 * link). Until published, the temporary file is deleted by {@link #close()}, and by a JVM shutdown
 * hook on Ctrl-C or SIGTERM. A SIGKILL runs no hook: the next {@code AtomicFile} created in that
 * directory deletes the temporary files of processes that are gone (no such pid, and no lock held
 * on the file).
 *
 * <pre>{@code
 * try (AtomicFile f = AtomicFile.create(Path.of("export.safe.csv"), Path.of("export.csv"), false)) {
 *   write(f.stream());
 *   f.commit();
 * }
 * AtomicFile.write(Path.of("keys.ring"), bytes, true);   // whole content at once
 * }</pre>
 *
 * <p>For one thread. Exceptions name the target, never the temporary file.
 *
 * @since 0.1.0
 */
public final class AtomicFile implements AutoCloseable {
  private static final String MARK = ".nirguard-";
  private static final Pattern TEMP =
      Pattern.compile("^\\..*\\.nirguard-(\\d+)-[0-9a-f]{16}\\.tmp$");
  private static final long PID = ProcessHandle.current().pid();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Path> LIVE = new HashSet<>();
  private static boolean hooked;
  private static boolean shuttingDown;

  private final Path target;
  private final Path temp;
  private final boolean replace;
  private final FileChannel channel;
  private final FileLock lock;
  private final Sink sink;
  private boolean done;

  private AtomicFile(Path target, Path temp, boolean replace, FileChannel channel, FileLock lock) {
    this.target = target;
    this.temp = temp;
    this.replace = replace;
    this.channel = channel;
    this.lock = lock;
    this.sink = new Sink(channel, target);
  }

  /**
   * Opens a new atomic output; first deletes the stale temporary files of dead processes in the
   * target's directory.
   *
   * @param target the final path
   * @param input the input path it is derived from (never overwritten), or null
   * @param replace whether an existing target may be replaced (a regular file only)
   * @return the output
   * @throws FileAlreadyExistsException if the target exists and {@code replace} is false
   * @throws FileSystemException with reason {@code not a regular file} if the target exists, may be
   *     replaced, but is not a regular file
   * @throws FileSystemException with reason {@code is the input file; not overwritten} if the
   *     target is the input
   * @throws IOException if the temporary file cannot be created
   */
  public static AtomicFile create(Path target, Path input, boolean replace) throws IOException {
    Objects.requireNonNull(target, "target");
    Path abs = target.toAbsolutePath().normalize();
    if (input != null) {
      Path in = input.toAbsolutePath().normalize();
      if (in.equals(abs) || (Files.exists(abs) && Files.isSameFile(in, abs))) {
        throw new FileSystemException(
            target.toString(), input.toString(), "is the input file; not overwritten");
      }
    }
    checkTarget(target, abs, replace);
    Path dir = abs.getParent();
    sweep(dir);
    String name = abs.getFileName().toString();
    synchronized (LIVE) {
      if (shuttingDown) {
        throw new IOException("the JVM is shutting down; not writing " + target);
      }
      if (!hooked) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(AtomicFile::deleteLive, "nirguard-atomic-file-cleanup"));
        hooked = true;
      }
      for (int attempt = 0; ; attempt++) {
        Path temp =
            dir.resolve(
                "."
                    + name.substring(0, Math.min(name.length(), 64))
                    + MARK
                    + PID
                    + "-"
                    + random16()
                    + ".tmp");
        FileChannel ch;
        try {
          ch = openOwnerOnly(temp);
        } catch (FileAlreadyExistsException e) {
          if (attempt < 10) {
            continue;
          }
          throw new FileSystemException(
              target.toString(), null, "cannot create a temporary file beside it");
        } catch (IOException e) {
          throw hideTemp(e, temp, target);
        }
        LIVE.add(temp);
        FileLock lock = null;
        try {
          lock = ch.tryLock();
        } catch (IOException | UnsupportedOperationException e) {
          // no locks here (e.g. some network file systems): the pid alone marks the owner
        }
        return new AtomicFile(abs, temp, replace, ch, lock);
      }
    }
  }

  /**
   * Writes a whole file atomically: {@link #create}, write, {@link #commit()}.
   *
   * @param target the final path
   * @param content the content
   * @param replace whether an existing target (a regular file) may be replaced
   * @throws FileAlreadyExistsException if the target exists and {@code replace} is false
   * @throws IOException if it cannot be written
   */
  public static void write(Path target, byte[] content, boolean replace) throws IOException {
    try (AtomicFile f = create(target, null, replace)) {
      f.stream().write(content);
      f.commit();
    }
  }

  /**
   * Returns the stream to write to; closing it only flushes (the file is closed by {@link
   * #commit()} or {@link #close()}).
   *
   * @return the stream
   */
  public OutputStream stream() {
    return sink;
  }

  /**
   * Forces the content to disk, publishes it at the target and forces the directory.
   *
   * @throws FileAlreadyExistsException if the target appeared meanwhile and may not be replaced
   * @throws IOException if it cannot be published
   */
  public void commit() throws IOException {
    if (done) {
      throw new IOException("already committed or closed: " + target);
    }
    sink.closed = true;
    try {
      try {
        channel.force(true);
      } catch (IOException e) {
        throw named(e, target);
      }
      checkTarget(target, target, replace);
      if (replace) {
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        publishNew();
      }
      done = true;
    } catch (IOException e) {
      throw hideTemp(e, temp, target);
    } finally {
      if (done) {
        release();
      }
    }
    forceDirectory(target.getParent());
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      sink.closed = true;
      release();
    }
  }

  /**
   * Deletes the temporary files left in a directory by processes that are gone (killed with
   * SIGKILL, or a power loss); those of live processes are kept. {@link #create} does this for the
   * directory it writes to.
   *
   * @param dir the directory
   * @return how many files were deleted
   */
  public static int sweep(Path dir) {
    int deleted = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*" + MARK + "*.tmp")) {
      for (Path p : s) {
        Matcher m = TEMP.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (deleteIfUnlocked(p)) {
          deleted++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: an unreadable directory fails later, where it is written to
    }
    return deleted;
  }

  /**
   * Returns the target, e.g. {@code AtomicFile[/data/export.safe.csv]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "AtomicFile[" + target + "]";
  }

  // ---------------------------------------------------------------- internals

  private static void checkTarget(Path shown, Path abs, boolean replace) throws IOException {
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!replace) {
      throw new FileAlreadyExistsException(shown.toString(), null, "exists, not replaced");
    }
    if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileSystemException(shown.toString(), null, "not a regular file");
    }
  }

  private void publishNew() throws IOException {
    try {
      Files.createLink(target, temp); // atomic, and fails if the target exists
      Files.delete(temp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(target.toString(), null, "exists, not replaced");
    } catch (UnsupportedOperationException | FileSystemException e) {
      // no hard links here: check, then rename
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "exists, not replaced");
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target);
    }
  }

  private void release() throws IOException {
    IOException failure = null;
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      failure = e;
    }
    try {
      channel.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    } finally {
      synchronized (LIVE) {
        LIVE.remove(temp);
      }
    }
    if (failure != null) {
      throw hideTemp(failure, temp, target);
    }
  }

  private static FileChannel openOwnerOnly(Path temp) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return FileChannel.open(temp, options, ownerOnly);
    }
    return FileChannel.open(temp, options);
  }

  private static boolean deleteIfUnlocked(Path p) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      try {
        if (ch.tryLock() == null) {
          return false; // a live writer (another host or pid namespace) holds it
        }
      } catch (OverlappingFileLockException e) {
        return false; // this JVM's
      } catch (IOException | UnsupportedOperationException e) {
        // no locks here: the dead pid decides
      }
      return Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      return false; // another user's file, or gone meanwhile
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException e) {
      // not every platform can open or force a directory; the file itself is on disk
    }
  }

  /** Deletes every unpublished temporary file: the shutdown hook (Ctrl-C, SIGTERM, exit). */
  private static void deleteLive() {
    synchronized (LIVE) {
      shuttingDown = true;
      for (Path p : LIVE) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
          // nothing more can be done while the JVM exits
        }
      }
      LIVE.clear();
    }
  }

  private static String random16() {
    return String.format(Locale.ROOT, "%016x", RANDOM.nextLong());
  }

  /**
   * A write failure of the channel (e.g. "No space left on device": the operating system's text, no
   * data) as a {@link FileSystemException} naming the target.
   */
  private static IOException named(IOException e, Path target) {
    if (e instanceof FileSystemException) {
      return e;
    }
    FileSystemException f = new FileSystemException(target.toString(), null, e.getMessage());
    f.initCause(e);
    return f;
  }

  /** The same failure, naming the target instead of the temporary file. */
  private static IOException hideTemp(IOException e, Path temp, Path target) {
    if (!(e instanceof FileSystemException)) {
      return e; // write errors (e.g. "No space left on device") carry no path
    }
    FileSystemException f = (FileSystemException) e;
    String t = temp.toString();
    if (!t.equals(f.getFile()) && !t.equals(f.getOtherFile())) {
      return e;
    }
    String file = target.toString();
    IOException named;
    if (e instanceof NoSuchFileException) {
      named = new NoSuchFileException(file, null, "no such file or directory");
    } else if (e instanceof AccessDeniedException) {
      named = new AccessDeniedException(file, null, "permission denied");
    } else if (e instanceof FileAlreadyExistsException) {
      named = new FileAlreadyExistsException(file, null, "exists, not replaced");
    } else {
      named = new FileSystemException(file, null, f.getReason());
    }
    return named;
  }

  /** Writes to the channel; closing it only marks it closed. */
  private static final class Sink extends OutputStream {
    private final FileChannel ch;
    private final Path target;
    boolean closed;

    Sink(FileChannel ch, Path target) {
      this.ch = ch;
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("stream closed");
      }
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      try {
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      } catch (IOException e) {
        throw named(e, target);
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
