package io.github.nirguard.crypto;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verified decryption of {@link FileEnvelope}: two passes over one open handle of a file. The
 * first decrypts everything to nowhere and keeps the tag that ends each of Tink's ciphertext
 * segments; the second decrypts again, checks the leading bytes against the first pass, and
 * compares each segment's tag and the length with the first pass's as they are read, before Tink
 * sees them. So no plaintext of a refused file is ever released, and a file changed between the
 * passes is refused: a segment that Tink authenticates under the same header (salt and nonce
 * prefix) and whose tag is the verified one is the verified segment (decision 0015).
 */
final class VerifiedDecryption {
  /**
   * Bytes compared between the two decryption passes before any plaintext is released: they hold
   * our header and Tink's (salt and nonce prefix, which fix every segment key and nonce).
   */
  private static final int PREFIX_CHECK_BYTES = 4096;

  private final Map<Integer, Key> byKeyId;
  private final String purpose;

  /** Decrypts with these keys (enabled keys by id) and this purpose (in the associated data). */
  VerifiedDecryption(Map<Integer, Key> byKeyId, String purpose) {
    this.byKeyId = byKeyId;
    this.purpose = purpose;
  }

  /** A streaming AEAD key and the layout of its ciphertext. */
  static final class Key {
    final StreamingAead aead;

    /** Bytes of a ciphertext segment; Tink's header and the first segment together take as many. */
    final int segmentBytes;

    /** Bytes of the tag that ends each segment. */
    final int tagBytes;

    Key(StreamingAead aead, int segmentBytes, int tagBytes) {
      this.aead = aead;
      this.segmentBytes = segmentBytes;
      this.tagBytes = tagBytes;
    }
  }

  /** What the first pass saw. */
  static final class Verified {
    final byte[] header;
    final Key key;
    final long length;

    /** The tags of the segments that end before the end of the file, one after the other. */
    final byte[] tags;

    /** The last bytes of the file: the last segment's tag. */
    final byte[] lastTag;

    final byte[] prefix;

    Verified(byte[] header, Key key, long length, byte[] tags, byte[] lastTag, byte[] prefix) {
      this.header = header;
      this.key = key;
      this.length = length;
      this.tags = tags;
      this.lastTag = lastTag;
      this.prefix = prefix;
    }
  }

  /** The first pass: decrypts everything to nowhere and keeps the segments' tags. */
  Verified verify(FileChannel ch) throws IOException, GeneralSecurityException {
    ch.position(0);
    Source source = new Source(ch, null);
    byte[] header;
    try {
      header = EnvelopeFormat.readHeaderBytes(source);
    } catch (EnvelopeFormat.MalformedHeader e) {
      throw new GeneralSecurityException(
          "decryption failed: malformed or unsupported envelope header");
    }
    if (header == null) {
      throw new GeneralSecurityException("decryption failed: not a nirguard file envelope");
    }
    FileEnvelope.Header parsed;
    try {
      parsed = EnvelopeFormat.decode(header);
    } catch (EnvelopeFormat.MalformedHeader e) {
      throw new GeneralSecurityException(
          "decryption failed: malformed or unsupported envelope header");
    }
    Key key = byKeyId.get(parsed.keyId());
    if (key == null) {
      throw new GeneralSecurityException(
          "decryption failed: no enabled file key " + parsed.keyIdHex() + " for this purpose");
    }
    source.segments(key, header.length);
    try {
      InputStream plaintext =
          key.aead.newDecryptingStream(source, FileEnvelope.associatedData(header, purpose));
      byte[] buffer = new byte[FileEnvelope.BUFFER_BYTES];
      while (plaintext.read(buffer) != -1) {
        // discard: this pass only verifies
      }
    } catch (IOException | GeneralSecurityException e) {
      if (source.ioFailure != null) {
        throw source.ioFailure;
      }
      throw new GeneralSecurityException("decryption failed");
    }
    if (!source.eof) {
      throw new GeneralSecurityException("decryption failed");
    }
    return new Verified(
        header,
        key,
        source.count,
        Arrays.copyOf(source.tags, source.tagsLength),
        source.tail.clone(),
        Arrays.copyOf(source.prefix, source.prefixLength));
  }

  /** The second pass: the same checks, and the prefix, tags and length of the first pass. */
  InputStream secondPass(FileChannel ch, Verified verified) throws IOException {
    ch.position(0);
    Source source = new Source(ch, verified);
    source.segments(verified.key, verified.header.length);
    byte[] header =
        source.readNBytes(verified.header.length); // equal to the verified header, or Changed
    if (header.length != verified.header.length) {
      throw new Changed();
    }
    try {
      return new VerifiedStream(
          verified.key.aead.newDecryptingStream(
              source, FileEnvelope.associatedData(verified.header, purpose)),
          source,
          ch);
    } catch (GeneralSecurityException e) {
      throw new Changed();
    }
  }

  /** The file changed between the two passes. */
  static final class Changed extends IOException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "decryption failed: the file changed during decryption";

    Changed() {
      super(MESSAGE, new GeneralSecurityException(MESSAGE));
    }
  }

  /**
   * Reads the ciphertext from the channel, never across the end of a segment, and keeps the last
   * bytes read. In the first pass it keeps the leading bytes and the tag ending each segment; in
   * the second it throws {@link Changed} as soon as the leading bytes differ, when the length grows
   * past the verified one, when a segment's tag differs (before the read that completes it
   * returns), and at the end (before returning -1) when the length or the last tag differ.
   */
  private static final class Source extends InputStream {
    final FileChannel ch;
    final @Nullable Verified expected;
    final byte[] prefix;
    int prefixLength;
    long count;
    boolean eof;
    boolean changed;
    @Nullable IOException ioFailure;

    /** Where the next segment ends; before {@link #segments}, nowhere. */
    long boundary = Long.MAX_VALUE;

    int segmentBytes;

    /** The last {@code tag} bytes read (zeros in front while fewer were read). */
    byte[] tail = new byte[0];

    /** First pass: the tags kept; second pass: the verified tags. */
    byte[] tags;

    /** First pass: bytes of {@link #tags} used; second pass: bytes of it compared. */
    int tagsLength;

    Source(FileChannel ch, @Nullable Verified expected) {
      this.ch = ch;
      this.expected = expected;
      this.prefix = expected == null ? new byte[PREFIX_CHECK_BYTES] : expected.prefix;
      this.prefixLength = expected == null ? 0 : expected.prefix.length;
      this.tags = expected == null ? new byte[256] : expected.tags;
    }

    /** Tink's ciphertext starts at {@code start} (after our header), with this key's segments. */
    void segments(Key key, long start) {
      this.segmentBytes = key.segmentBytes;
      this.boundary = start + key.segmentBytes;
      this.tail = new byte[key.tagBytes];
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (changed) {
        throw new Changed();
      }
      if (len == 0) {
        return 0;
      }
      if (eof) {
        return -1;
      }
      int want = (int) Math.min(len, boundary - count); // boundary > count
      int n;
      try {
        do {
          n = ch.read(ByteBuffer.wrap(b, off, want));
        } while (n == 0);
      } catch (IOException e) {
        ioFailure = e;
        throw e;
      }
      if (n < 0) {
        eof = true;
        if (expected != null
            && (count != expected.length
                || tagsLength != expected.tags.length
                || !MessageDigest.isEqual(tail, expected.lastTag))) {
          throw changed();
        }
        return -1;
      }
      if (expected == null) {
        int keep = (int) Math.min(n, PREFIX_CHECK_BYTES - Math.min(count, PREFIX_CHECK_BYTES));
        System.arraycopy(b, off, prefix, prefixLength, keep);
        prefixLength += keep;
      } else {
        if (count + n > expected.length) {
          throw changed();
        }
        int check = (int) Math.min(n, prefixLength - Math.min(count, prefixLength));
        if (check > 0
            && !Arrays.equals(b, off, off + check, prefix, (int) count, (int) count + check)) {
          throw changed();
        }
      }
      keepTail(b, off, n);
      count += n;
      if (count == boundary) {
        endOfSegment();
      }
      return n;
    }

    /** Keeps the last {@code tail.length} bytes read, these {@code n} bytes included. */
    private void keepTail(byte[] b, int off, int n) {
      int t = tail.length;
      if (n >= t) {
        System.arraycopy(b, off + n - t, tail, 0, t);
      } else {
        System.arraycopy(tail, n, tail, 0, t - n);
        System.arraycopy(b, off, tail, t - n, n);
      }
    }

    /** A segment ended: keep its tag, or compare it with the verified one. */
    private void endOfSegment() throws Changed {
      int t = tail.length;
      if (expected == null) {
        if (tagsLength + t > tags.length) {
          tags = Arrays.copyOf(tags, Math.max(2 * tags.length, tagsLength + t));
        }
        System.arraycopy(tail, 0, tags, tagsLength, t);
      } else if (tagsLength + t > tags.length
          || !Arrays.equals(tail, 0, t, tags, tagsLength, tagsLength + t)) {
        throw changed();
      }
      tagsLength += t;
      boundary += segmentBytes;
    }

    private Changed changed() {
      changed = true;
      return new Changed();
    }
  }

  /** The plaintext of the second pass; any failure that is not an I/O error means a change. */
  private static final class VerifiedStream extends InputStream {
    private final InputStream plaintext;
    private final Source source;
    private final FileChannel ch;

    VerifiedStream(InputStream plaintext, Source source, FileChannel ch) {
      this.plaintext = plaintext;
      this.source = source;
      this.ch = ch;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      try {
        int n;
        do {
          n = plaintext.read(b, off, len);
        } while (n == 0 && len > 0);
        return n;
      } catch (IOException e) {
        if (source.ioFailure != null && !source.changed) {
          throw source.ioFailure;
        }
        source.changed = true;
        throw new Changed();
      }
    }

    @Override
    public int available() throws IOException {
      return source.changed ? 0 : plaintext.available();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
