package io.github.nirguard.crypto;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verified decryption of {@link FileEnvelope} and {@link RecipientEnvelope}: two passes over
 * one open handle of a file, one {@link Opener} per envelope format ({@link EnvelopeFiles} runs
 * them for a file). The first pass decrypts everything to nowhere while hashing the ciphertext; the
 * second decrypts again, checks the leading bytes against the first pass and re-hashes the
 * ciphertext, which must match before the last segment is decrypted. So no plaintext of a refused
 * file is ever released.
 */
final class VerifiedDecryption {
  /**
   * Bytes compared between the two decryption passes before any plaintext is released: they hold
   * our header and Tink's (salt and nonce prefix, which fix every segment key and nonce).
   */
  private static final int PREFIX_CHECK_BYTES = 4096;

  private final Opener opener;

  /**
   * Decrypts with these keys (enabled keys by id) and this purpose (in the associated data): the
   * {@link FileEnvelope} format.
   */
  VerifiedDecryption(Map<Integer, StreamingAead> byKeyId, String purpose) {
    this(fileEnvelope(byKeyId, purpose));
  }

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

  /** A header read, and what decrypts the ciphertext after it. */
  static final class Opened {
    final byte[] header;
    final StreamingAead aead;
    final byte[] associatedData;

    Opened(byte[] header, StreamingAead aead, byte[] associatedData) {
      this.header = header;
      this.aead = aead;
      this.associatedData = associatedData;
    }
  }

  /** The opener of the symmetric file envelope (version 1). */
  private static Opener fileEnvelope(Map<Integer, StreamingAead> byKeyId, String purpose) {
    return source -> {
      byte[] header;
      try {
        header = EnvelopeFormat.readHeaderBytes(source);
      } catch (EnvelopeFormat.MalformedHeader e) {
        throw new GeneralSecurityException(
            "decryption failed: malformed or unsupported envelope header");
      } catch (EnvelopeFormat.RecipientEnvelopeHeader e) {
        throw new GeneralSecurityException(
            "decryption failed: a recipient envelope (public-key), not a file envelope");
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
      StreamingAead aead = byKeyId.get(parsed.keyId());
      if (aead == null) {
        throw new GeneralSecurityException(
            "decryption failed: no enabled file key " + parsed.keyIdHex() + " for this purpose");
      }
      return new Opened(header, aead, FileEnvelope.associatedData(header, purpose));
    };
  }

  /** What the first pass saw. */
  static final class Verified {
    final Opened opened;
    final long length;
    final byte[] sha256;
    final byte[] prefix;

    Verified(Opened opened, long length, byte[] sha256, byte[] prefix) {
      this.opened = opened;
      this.length = length;
      this.sha256 = sha256;
      this.prefix = prefix;
    }
  }

  /** The first pass: decrypts everything to nowhere while hashing the ciphertext. */
  Verified verify(FileChannel ch) throws IOException, GeneralSecurityException {
    ch.position(0);
    Source source = new Source(ch, null);
    Opened opened = opener.open(source);
    // the prefix compared before release covers our header (however many recipients it lists)
    // and Tink's
    source.keepPrefix(opened.header.length + PREFIX_CHECK_BYTES);
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
    if (!source.eof) {
      throw new GeneralSecurityException("decryption failed");
    }
    return new Verified(
        opened,
        source.count,
        source.sha256.digest(),
        Arrays.copyOf(source.prefix, source.prefixLength));
  }

  /** The second pass: the same checks, and the prefix and hash of the first pass. */
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
   * Reads the ciphertext from the channel, hashing it. In the first pass it keeps the leading
   * bytes; in the second it throws {@link Changed} as soon as they differ, when the length grows
   * past the verified one, and at the end (before returning -1) when the length or hash differ.
   */
  private static final class Source extends InputStream {
    final FileChannel ch;
    final @Nullable Verified expected;
    final MessageDigest sha256;
    byte[] prefix;
    int prefixLimit;
    int prefixLength;
    long count;
    boolean eof;
    boolean changed;
    @Nullable IOException ioFailure;

    Source(FileChannel ch, @Nullable Verified expected) {
      this.ch = ch;
      this.expected = expected;
      this.prefix = expected == null ? new byte[PREFIX_CHECK_BYTES] : expected.prefix;
      // the first pass keeps every byte until the header is read and keepPrefix sets the limit
      this.prefixLimit = expected == null ? Integer.MAX_VALUE : this.prefix.length;
      this.prefixLength = expected == null ? 0 : expected.prefix.length;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }

    /** First pass: keep this many leading bytes in all (more than the header read so far). */
    void keepPrefix(int bytes) {
      if (expected == null) {
        prefixLimit = Math.max(bytes, prefixLength);
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
        if (expected != null
            && (count != expected.length
                || !MessageDigest.isEqual(sha256.digest(), expected.sha256))) {
          throw changed();
        }
        return -1;
      }
      sha256.update(b, off, n);
      if (expected == null) {
        int keep = (int) Math.min(n, prefixLimit - Math.min(count, prefixLimit));
        if (prefixLength + keep > prefix.length) {
          prefix =
              Arrays.copyOf(
                  prefix, Math.min(prefixLimit, Math.max(prefixLength + keep, 2 * prefix.length)));
        }
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
      count += n;
      return n;
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
