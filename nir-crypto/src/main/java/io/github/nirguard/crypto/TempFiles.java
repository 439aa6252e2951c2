package io.github.nirguard.crypto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The temporary files of {@link AtomicFile}: their names ({@code .<target>.nirguard-<pid>-<random>
 * .tmp}), their owner-only creation and lock, the JVM shutdown hook that deletes the unpublished
 * ones, and the sweep of those left by dead processes.
 */
final class TempFiles {
  private static final String MARK = ".nirguard-";
  private static final Pattern TEMP =
      Pattern.compile("^\\..*\\.nirguard-(\\d+)-[0-9a-f]{16}\\.tmp$");
  private static final long PID = ProcessHandle.current().pid();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Path> LIVE = new HashSet<>();
  private static boolean hooked;
  private static boolean shuttingDown;

  private TempFiles() {}

  /** A new temporary file, open for writing, and its lock (null where the file system has none). */
  record Opened(Path path, FileChannel channel, @Nullable FileLock lock) {}

  /**
   * Creates a temporary file for {@code name} in {@code dir}, registered with the shutdown hook
   * until {@link #forget}.
   *
   * @param target the target as the caller named it, for exceptions
   */
  static Opened create(Path dir, String name, Path target) throws IOException {
    synchronized (LIVE) {
      if (shuttingDown) {
        throw new IOException("the JVM is shutting down; not writing " + target);
      }
      if (!hooked) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(TempFiles::deleteLive, "nirguard-atomic-file-cleanup"));
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
        if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
          // e.g. the zip file system, whose entries appear when closed: nothing to publish
          refuseUnpublishable(ch, temp);
          throw new FileSystemException(
              target.toString(),
              null,
              "its file system ("
                  + temp.getFileSystem().provider().getScheme()
                  + ") cannot publish a file atomically");
        }
        LIVE.add(temp);
        FileLock lock = null;
        try {
          lock = ch.tryLock();
        } catch (IOException | UnsupportedOperationException e) {
          // no locks here (e.g. some network file systems): the pid alone marks the owner
        }
        return new Opened(temp, ch, lock);
      }
    }
  }

  /** Closes a temporary file that never appeared, and deletes what closing it made. */
  private static void refuseUnpublishable(FileChannel ch, Path temp) {
    try {
      ch.close();
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // refused anyway; the message names the real cause
    }
  }

  /** Unregisters a temporary file that is published or deleted. */
  static void forget(Path temp) {
    synchronized (LIVE) {
      LIVE.remove(temp);
    }
  }

  /** See {@link AtomicFile#sweep(Path)}. */
  static int sweep(Path dir) {
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

  /** The same failure, naming the target instead of the temporary file. */
  static IOException hideTemp(IOException e, Path temp, Path target) {
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
}
