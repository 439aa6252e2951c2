package io.github.nirguard.crypto.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An append-only, hash-chained audit log file: one line per record, each committing to the one
 * before it, appended under a file lock so that several processes may write at once.
 *
 * <p>The file is UTF-8 text. Line 1 is {@code nirguard-audit 1 LOGID} (a random id); every other
 * line is one record, tab-separated: sequence number (1, 2, …), time, operation, purpose, key id
 * (or {@code -}), count, actor, reason, the previous record's hash (the header line's for record 1)
 * and this record's hash, the SHA-256 of the line before its last tab. Appending locks the whole
 * file ({@link FileChannel#lock()}; threads of one JVM also wait for each other), reads the last
 * record, writes the new line in one write and forces it to disk before returning. A file that does
 * not end with a whole record is never appended to (fail closed: {@link #verify} tells why).
 *
 * <p>{@link #verify} finds an edited, deleted, inserted, reordered or copied record, and a file cut
 * inside a line. A plain hash chain cannot show records cut from the end, nor a chain rewritten
 * from an edited record on by someone who can write the file: keep an {@link AuditAnchor} ({@link
 * #head}, or the lines a {@linkplain #withMirror mirror} receives) where they cannot write, and
 * verify against it.
 *
 * <pre>{@code
 * AuditLog log = AuditLog.at(Path.of("keys.ring.audit"));
 * log.append(AuditRecord.of(AuditOperation.DETOKENIZE, "lab-export", 3, "alice", "ticket 4521", Instant.now()));
 * AuditVerification v = AuditLog.verify(log.file(), null);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditLog implements AuditSink {
  private static final int TAIL = 16 * 1024; // longer than any record line
  private static final ConcurrentHashMap<Path, Object> IN_JVM = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final @Nullable Consumer<String> mirror;

  private AuditLog(Path file, @Nullable Consumer<String> mirror) {
    this.file = file;
    this.mirror = mirror;
  }

  /**
   * Returns the log kept in a file; nothing is read or created until the first use.
   *
   * @param file the log file (created owner-only on first append, with its header)
   * @return the log
   */
  public static AuditLog at(Path file) {
    return new AuditLog(Objects.requireNonNull(file, "file"), null);
  }

  /**
   * Returns this log also handing each appended line, with its sequence number and hash, to a
   * consumer once it is on disk: e.g. a SIEM, whose copy then anchors the file.
   *
   * @param lines the consumer
   * @return a new log over the same file
   */
  public AuditLog withMirror(Consumer<String> lines) {
    return new AuditLog(file, Objects.requireNonNull(lines, "lines"));
  }

  /**
   * Returns the log's file.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  /**
   * Appends a record, durably, under the log's lock.
   *
   * @param record the record
   * @throws IOException if it cannot be written, or the file is not an intact log's end
   */
  @Override
  public void append(AuditRecord record) throws IOException {
    appendRecord(record);
  }

  /**
   * Appends a record, durably, under the log's lock, and returns its anchor.
   *
   * @param record the record
   * @return the new record's anchor
   * @throws IOException if it cannot be written, or the file is not an intact log's end
   */
  public AuditAnchor appendRecord(AuditRecord record) throws IOException {
    Objects.requireNonNull(record, "record");
    return locked(
        true,
        (ch, last) -> {
          String line = LogLines.recordLine(last.sequence() + 1, record, last.hash());
          String hash = LogLines.sha256(line);
          ByteBuffer b =
              ByteBuffer.wrap((line + "\t" + hash + "\n").getBytes(StandardCharsets.UTF_8));
          long at = ch.size();
          while (b.hasRemaining()) {
            at += ch.write(b, at);
          }
          ch.force(true);
          if (mirror != null) {
            mirror.accept(line + "\t" + hash);
          }
          return AuditAnchor.of(last.sequence() + 1, hash);
        });
  }

  /**
   * Checks, under the lock, that a record could be appended now: the file can be created or opened
   * for writing, and ends with an intact record. For callers who must know before they release
   * anything.
   *
   * @return the current head
   * @throws IOException if a record could not be appended
   */
  public AuditAnchor ready() throws IOException {
    return locked(true, (ch, last) -> last);
  }

  /**
   * Returns the anchor of the last record (the header's when there is none), read under the lock:
   * copy it where the log's writers cannot write, then {@linkplain #verify verify} against it.
   *
   * @return the head
   * @throws IOException if the file cannot be read, or does not end with an intact record
   */
  public AuditAnchor head() throws IOException {
    return locked(false, (ch, last) -> last);
  }

  private interface Work {
    AuditAnchor run(FileChannel ch, AuditAnchor last) throws IOException;
  }

  private AuditAnchor locked(boolean write, Work work) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    Object monitor = IN_JVM.computeIfAbsent(key, k -> new Object());
    synchronized (monitor) {
      try (FileChannel ch = open(write);
          FileLock lock = write ? ch.lock() : ch.lock(0, Long.MAX_VALUE, true)) {
        return work.run(ch, last(ch, write));
      }
    }
  }

  private FileChannel open(boolean write) throws IOException {
    if (!write) {
      return FileChannel.open(file, StandardOpenOption.READ);
    }
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return FileChannel.open(file, options, ownerOnly);
    }
    return FileChannel.open(file, options);
  }

  /** Reads the last line (writing the header first into an empty file when writing). */
  private AuditAnchor last(FileChannel ch, boolean write) throws IOException {
    long size = ch.size();
    if (size == 0) {
      if (!write) {
        throw new AuditException("the audit log is empty", null);
      }
      byte[] id = new byte[16];
      RANDOM.nextBytes(id);
      String header = LogLines.HEADER + " " + HexFormat.of().formatHex(id);
      ByteBuffer b = ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8));
      long at = 0;
      while (b.hasRemaining()) {
        at += ch.write(b, at);
      }
      ch.force(true);
      return AuditAnchor.of(0, LogLines.sha256(header));
    }
    int n = (int) Math.min(size, TAIL);
    ByteBuffer b = ByteBuffer.allocate(n);
    long at = size - n;
    while (b.hasRemaining()) {
      int r = ch.read(b, at + b.position());
      if (r < 0) {
        throw new AuditException("the audit log changed while being read", null);
      }
    }
    byte[] tail = b.array();
    if (tail[n - 1] != '\n') {
      throw new AuditException(
          "the audit log does not end with a whole record: see 'nir audit verify'", null);
    }
    int start = n - 2;
    while (start >= 0 && tail[start] != '\n') {
      start--;
    }
    if (start < 0 && at > 0) {
      throw new AuditException(
          "the audit log's last line is too long: see 'nir audit verify'", null);
    }
    String line;
    try {
      line = LogLines.decode(tail, start + 1, n - 1);
    } catch (CharacterCodingException e) {
      throw new AuditException(
          "the audit log's last line is not UTF-8: see 'nir audit verify'", null);
    }
    if (start < 0) {
      if (!LogLines.HEADER_LINE.matcher(line).matches()) {
        throw new AuditException("not a nirguard audit log (line 1)", null);
      }
      return AuditAnchor.of(0, LogLines.sha256(line));
    }
    AuditAnchor last = LogLines.anchorOfRecord(line);
    if (last == null) {
      throw new AuditException(
          "the audit log's last record is broken: see 'nir audit verify'", null);
    }
    return last;
  }

  /**
   * Verifies a whole log file: every record intact, in order, chained to the one before, and, with
   * an anchor, the anchored record present with its hash.
   *
   * @param file the log file
   * @param anchor an anchor kept elsewhere, or null
   * @return what was found
   * @throws IOException if the file cannot be read
   */
  public static AuditVerification verify(Path file, @Nullable AuditAnchor anchor)
      throws IOException {
    return verify(Files.readAllBytes(file), anchor);
  }

  /**
   * Verifies the content of a log held in memory, as {@link #verify(Path, AuditAnchor)}.
   *
   * @param content the log's bytes
   * @param anchor an anchor kept elsewhere, or null
   * @return what was found
   */
  public static AuditVerification verify(byte[] content, @Nullable AuditAnchor anchor) {
    return ChainVerifier.verify(content, anchor);
  }

  @Override
  public String toString() {
    return "AuditLog[" + file + "]";
  }
}
