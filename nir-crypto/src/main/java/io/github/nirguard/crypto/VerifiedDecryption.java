package io.github.nirguard.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verified decryption of {@link FileEnvelope} and {@link RecipientEnvelope}: two passes over
 * one open handle of a file, one {@link Opener} per envelope format ({@link EnvelopeFiles} runs
 * them for a file). The first pass decrypts everything to nowhere, keeping the tag that ends each
 * of Tink's segments ({@link SegmentLayout}: 16 bytes per segment); the second decrypts again and,
 * before handing Tink any byte, checks it against the first pass: our header and Tink's (salt and
 * nonce prefix, which fix every segment key and nonce), each segment's tag, the length. Tink cannot
 * decrypt a segment before it has read the segment's tag, nor the last one before the end of the
 * file, where the length is checked. So no plaintext of a refused file is ever released, and the
 * second pass releases only segments whose tag is the verified one (decision 0021).
 */
final class VerifiedDecryption {
  private final Opener opener;

  /** Decrypts what the opener finds in the header. */
  VerifiedDecryption(Opener opener) {
    this.opener = opener;
  }

  /**
   * Reads an envelope's header from the start of the file and says how to decrypt the rest: each
   * envelope format has one.
   */
  interface Opener {
    /**
     * Reads the header (and nothing after it) and returns it with the streaming AEAD and associated
     * data of the rest; throws a {@link GeneralSecurityException} (message starting with {@code
     * decryption failed}) for a file it cannot open.
     */
    Opened open(InputStream header) throws IOException, GeneralSecurityException;
  }

  /** A header read, what decrypts the ciphertext after it, and where its segments lie. */
  static final class Opened {
    final byte[] header;
    final StreamingAead aead;
    final byte[] associatedData;
    final SegmentLayout layout;

    /** Throws for a key type whose segment layout we do not know. */
    Opened(byte[] header, StreamingAead aead, byte[] associatedData, Parameters parameters)
        throws GeneralSecurityException {
      this.header = header;
      this.aead = aead;
      this.associatedData = associatedData;
      this.layout = SegmentLayout.of(parameters).after(header.length);
    }
  }

  /** What the first pass saw. */
  static final class Verified {
    final Opened opened;
    final long length;
    final byte[] prefix;
    final SegmentTags tags;

    Verified(Opened opened, long length, byte[] prefix, SegmentTags tags) {
      this.opened = opened;
      this.length = length;
      this.prefix = prefix;
      this.tags = tags;
    }
  }

  /** The first pass: decrypts everything to nowhere while keeping each segment's tag. */
  Verified verify(FileChannel ch) throws IOException, GeneralSecurityException {
    ch.position(0);
    Source source = new Source(ch, null);
    Opened opened = opener.open(source);
    // the prefix compared before release: our header (however many recipients it lists) and Tink's
    source.firstPass(opened.layout, ch.size());
    try {
      InputStream plaintext = opened.aead.newDecryptingStream(source, opened.associatedData);
      byte[] buffer = new byte[EnvelopeFiles.BUFFER_BYTES];
      while (plaintext.read(buffer) != -1) {
        // discard: this pass only verifies
      }
    } catch (IOException | GeneralSecurityException e) {
      if (source.ioFailure != null) {
        throw source.ioFailure;
      }
      throw new GeneralSecurityException("decryption failed");
    }
    long segments = opened.layout.segments(source.count);
    if (!source.eof || segments < 1 || source.prefixLength != opened.layout.prefixBytes()) {
      throw new GeneralSecurityException("decryption failed");
    }
    // the last segment's tag: the last bytes read (a full last segment's was kept already)
    int tag = opened.layout.tagBytes();
    byte[] last = new byte[tag];
    for (int j = 0; j < tag; j++) {
      last[j] = source.tail[(int) ((source.count - tag + j) % tag)];
    }
    source.tags.put(segments - 1, 0, last, 0, tag);
    source.tags.keep(segments);
    return new Verified(
        opened, source.count, Arrays.copyOf(source.prefix, source.prefixLength), source.tags);
  }

  /** The second pass: the same checks, and the prefix, tags and length of the first pass. */
  InputStream secondPass(FileChannel ch, Verified verified) throws IOException {
    ch.position(0);
    Source source = new Source(ch, verified);
    byte[] header =
        source.readNBytes(
            verified.opened.header.length); // equal to the verified header, or Changed
    if (header.length != verified.opened.header.length) {
      throw new Changed();
    }
    try {
      return new VerifiedStream(
          verified.opened.aead.newDecryptingStream(source, verified.opened.associatedData),
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
   * Reads the ciphertext from the channel. In the first pass it keeps the leading bytes (until
   * {@link #firstPass} sets how many), the bytes of every segment's tag and the last bytes read; in
   * the second it throws {@link Changed} before returning any byte that differs from those, when
   * the length grows past the verified one, and at the end (before returning -1) when the length
   * differs. Mark and reset move the channel, so Tink's keyset primitive reads this stream as it is
   * rather than through a buffer of its own.
   */
  private static final class Source extends InputStream {
    final FileChannel ch;
    final @Nullable Verified expected;
    byte[] prefix;
    int prefixLimit;
    int prefixLength;
    @Nullable SegmentLayout layout;
    SegmentTags tags;

    /** The last bytes read, by position modulo the tag size (first pass). */
    byte[] tail = new byte[0];

    /** The segments in the verified file (second pass). */
    long segments;

    /** The first segment whose tag is not wholly read yet. */
    long nextTag;

    long count;
    long mark = -1;
    boolean eof;
    boolean changed;
    @Nullable IOException ioFailure;

    Source(FileChannel ch, @Nullable Verified expected) {
      this.ch = ch;
      this.expected = expected;
      if (expected == null) {
        // the first pass keeps every byte until the header is read and firstPass sets the limit
        this.prefix = new byte[256];
        this.prefixLimit = Integer.MAX_VALUE;
        this.tags = new SegmentTags(1, 0);
      } else {
        this.prefix = expected.prefix;
        this.prefixLimit = prefix.length;
        this.prefixLength = prefix.length;
        this.layout = expected.opened.layout;
        this.tags = expected.tags;
        this.segments = layout.segments(expected.length);
      }
    }

    /** First pass, once the header is read: where the segments lie, and a size hint. */
    void firstPass(SegmentLayout layout, long sizeHint) {
      this.layout = layout;
      this.prefixLimit = Math.max(layout.prefixBytes(), prefixLength);
      this.tags = new SegmentTags(layout.tagBytes(), layout.segments(Math.max(sizeHint, 0)));
      this.tail = new byte[layout.tagBytes()];
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public void mark(int readLimit) {
      mark = count;
    }

    @Override
    public void reset() throws IOException {
      if (mark < 0 || changed) {
        throw new IOException("no mark");
      }
      ch.position(mark);
      count = mark;
      eof = false;
      nextTag = layout == null ? 0 : layout.segmentAt(mark);
      if (expected == null) {
        prefixLength = (int) Math.min(prefixLength, count);
      }
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
      int n;
      try {
        do {
          n = ch.read(ByteBuffer.wrap(b, off, len));
        } while (n == 0);
      } catch (IOException e) {
        ioFailure = e;
        throw e;
      }
      if (n < 0) {
        eof = true;
        if (expected != null && count != expected.length) {
          throw changed();
        }
        return -1;
      }
      Verified v = expected;
      SegmentLayout l = layout;
      if (v == null) {
        keep(b, off, n);
      } else if (l != null) {
        check(v, l, b, off, n);
      } else {
        throw new IllegalStateException("a second pass without a layout");
      }
      count += n;
      return n;
    }

    /** First pass: keeps the prefix, the tags of full segments and the last bytes. */
    private void keep(byte[] b, int off, int n) {
      int keep = (int) Math.min(n, prefixLimit - Math.min(count, prefixLimit));
      if (prefixLength + keep > prefix.length) {
        prefix =
            Arrays.copyOf(
                prefix, Math.min(prefixLimit, Math.max(prefixLength + keep, 2 * prefix.length)));
      }
      System.arraycopy(b, off, prefix, prefixLength, keep);
      prefixLength += keep;
      SegmentLayout l = layout;
      if (l == null) {
        return;
      }
      int tag = l.tagBytes();
      long end = count + n;
      for (long p = Math.max(count, end - tag); p < end; p++) {
        tail[(int) (p % tag)] = b[off + (int) (p - count)];
      }
      // every tag is kept as if its segment were full; the last one is replaced at the end
      for (long i = nextTag; ; i++) {
        long tagEnd = l.fullSegmentEnd(i);
        long from = Math.max(count, tagEnd - tag);
        long to = Math.min(end, tagEnd);
        if (from >= to) {
          break;
        }
        tags.put(
            i, (int) (from - (tagEnd - tag)), b, off + (int) (from - count), (int) (to - from));
        if (tagEnd > end) {
          break;
        }
        nextTag = i + 1;
      }
    }

    /** Second pass: the prefix, the tags and the length must be the first pass's. */
    private void check(Verified v, SegmentLayout l, byte[] b, int off, int n) throws Changed {
      long end = count + n;
      if (end > v.length) {
        throw changed();
      }
      int check = (int) Math.min(n, prefixLength - Math.min(count, prefixLength));
      if (check > 0
          && !Arrays.equals(b, off, off + check, prefix, (int) count, (int) count + check)) {
        throw changed();
      }
      int tag = l.tagBytes();
      for (long i = nextTag; i < segments; i++) {
        long tagEnd = l.segmentEnd(i, v.length);
        long from = Math.max(count, tagEnd - tag);
        long to = Math.min(end, tagEnd);
        if (from >= to) {
          break;
        }
        if (!tags.matches(
            i, (int) (from - (tagEnd - tag)), b, off + (int) (from - count), (int) (to - from))) {
          throw changed();
        }
        if (tagEnd > end) {
          break;
        }
        nextTag = i + 1;
      }
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
