package io.github.nirguard.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output file that appears complete or not at all: written to a temporary file in the target
 * directory, renamed over the target on {@link #commit()}, deleted on {@link #close()} otherwise.
 *
 * <pre>{@code
 * try (AtomicFile f = AtomicFile.create(out, in, false)) {
 *   write(f.stream());
 *   f.commit();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final OutputStream stream;
  private final boolean replace;
  private boolean committed;

  private AtomicFile(Path target, Path temp, boolean replace) throws IOException {
    this.target = target;
    this.temp = temp;
    this.replace = replace;
    this.stream = Files.newOutputStream(temp);
  }

  /**
   * Opens a new atomic output.
   *
   * @param target the final path
   * @param input the input path it is derived from (never overwritten), or null
   * @param replace whether an existing target may be replaced
   * @return the output
   * @throws IOException if the target is the input, exists (without {@code replace}), or the
   *     temporary file cannot be created
   */
  public static AtomicFile create(Path target, Path input, boolean replace) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (input != null) {
      Path in = input.toAbsolutePath().normalize();
      if (in.equals(abs) || (Files.exists(abs) && Files.isSameFile(in, abs))) {
        throw new IOException("refusing to overwrite the input file: " + target);
      }
    }
    if (!replace && Files.exists(abs)) {
      throw new FileAlreadyExistsException(target.toString(), null, "exists; not overwritten");
    }
    Path dir = abs.getParent();
    Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
    return new AtomicFile(abs, temp, replace);
  }

  /**
   * Returns the stream to write to.
   *
   * @return the stream (closed by {@link #commit()} or {@link #close()})
   */
  public OutputStream stream() {
    return stream;
  }

  /**
   * Flushes, closes and renames the temporary file over the target.
   *
   * @throws IOException if it cannot be renamed
   */
  public void commit() throws IOException {
    stream.close();
    if (!replace && Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "appeared meanwhile; not overwritten");
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        stream.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
