package io.github.nirguard.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
  private final Path target;
  private final Path dir;
  private final Path temp;
  private final boolean replace;
  private final FileChannel channel;
  private final @Nullable FileLock lock;
  private final Sink sink;
  private boolean done;

  private AtomicFile(Path target, Path dir, TempFiles.Opened temp, boolean replace) {
    this.target = target;
    this.dir = dir;
    this.temp = temp.path();
    this.replace = replace;
    this.channel = temp.channel();
    this.lock = temp.lock();
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
  public static AtomicFile create(Path target, @Nullable Path input, boolean replace)
      throws IOException {
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
    if (dir == null) {
      // the root, which exists and is no regular file: checkTarget has thrown already
      throw new FileSystemException(target.toString(), null, "not a regular file");
    }
    sweep(dir);
    return new AtomicFile(
        abs, dir, TempFiles.create(dir, abs.getFileName().toString(), target), replace);
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
      throw TempFiles.hideTemp(e, temp, target);
    } finally {
      if (done) {
        release();
      }
    }
    forceDirectory(dir);
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
    return TempFiles.sweep(dir);
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
      TempFiles.forget(temp);
    }
    if (failure != null) {
      throw TempFiles.hideTemp(failure, temp, target);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | RuntimeException e) {
      // not every platform can open or force a directory; the file itself is on disk
    }
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
