package io.github.nirguard.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts whole files with Tink streaming AEAD behind a small authenticated header, and decrypts
 * them without ever releasing plaintext from a file that does not verify.
 *
 * <p>An envelope is our header, then Tink's {@link StreamingAead} ciphertext made with the {@link
 * KeyKind#FILE} keyset of a purpose (AES-256-GCM-HKDF, 1 MB segments). The header is the magic
 * {@code NIRGUARD}, a format version byte ({@code 1}; version bytes are control characters, so no
 * text file looks like an envelope), the 4-byte big-endian id of the key that encrypted the file,
 * and a content type (one length byte, then 1–255 bytes of UTF-8 without control characters). The
 * whole header and the purpose name are Tink's associated data: editing any header byte, or
 * decrypting under another purpose, fails. Old keys keep decrypting after a {@linkplain
 * KeyRingManager#rotate rotation}; new files use the primary key.
 *
 * <p>Tink authenticates segment by segment, so a plain streaming decryption hands out the first
 * segments of a truncated or spliced file before it notices. Here decryption makes two passes over
 * one open handle of the file: the first decrypts everything to nowhere, keeping the tag that ends
 * each segment, and fails on any truncation, extension, reordering or edit; the second decrypts
 * again, checks that the leading bytes (our header and Tink's, which fix the segment keys and
 * nonces) are those that were verified, compares each segment's tag with the first pass's before
 * Tink may decrypt that segment, and the length before the last one. So {@link #decrypt} never
 * writes the plaintext of a refused file, and the stream of {@link #openVerified} opens only after
 * verification and returns only bytes of the verified plaintext (against anyone without the key:
 * decision 0021). Encryption streams straight into the cipher: plaintext never touches the disk.
 *
 * <pre>{@code
 * FileEnvelope files = FileEnvelope.create(ring, "lab-export");
 * files.encrypt(Path.of("export.csv"), Path.of("export.csv.nge"), "text/csv");
 * files.decrypt(Path.of("export.csv.nge"), Path.of("export.csv"));   // refuses to overwrite
 * try (InputStream in = files.openVerified(Path.of("export.csv.nge"))) {
 *   in.transferTo(out);                                               // a verified file only
 * }
 * FileEnvelope.readHeader(path).map(FileEnvelope.Header::contentType); // Optional[text/csv]
 * }</pre>
 *
 * <p>Immutable and thread-safe; the streams it returns are for one thread each. Failures are {@link
 * GeneralSecurityException}s with generic messages; messages never contain file contents or key
 * material.
 *
 * @since 0.1.0
 */
public final class FileEnvelope {
  private final String purpose;
  private final int primaryKeyId;
  private final StreamingAead primary;
  private final VerifiedDecryption decryption;

  private FileEnvelope(
      String purpose,
      int primaryKeyId,
      StreamingAead primary,
      Map<Integer, StreamingAead> byKeyId,
      Map<Integer, Parameters> parameters) {
    this.purpose = purpose;
    this.primaryKeyId = primaryKeyId;
    this.primary = primary;
    this.decryption = new VerifiedDecryption(new FileEnvelopeKeys(byKeyId, parameters, purpose));
  }

  /**
   * Returns the file envelope of a purpose, from its {@link KeyKind#FILE} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the envelope
   * @throws NoSuchKeysetException if the ring has no file keyset for this purpose
   * @throws GeneralSecurityException if Tink refuses the keyset
   */
  public static FileEnvelope create(KeyRing ring, String purpose) throws GeneralSecurityException {
    Objects.requireNonNull(ring, "ring");
    return of(ring.handle(purpose, KeyKind.FILE), purpose);
  }

  /**
   * Any streaming AEAD keyset of Tink's two key types (tests use 4 KB segments); one primitive per
   * enabled key.
   */
  static FileEnvelope of(KeysetHandle keyset, String purpose) throws GeneralSecurityException {
    TinkSetup.ensure();
    Purpose.check(purpose);
    Map<Integer, StreamingAead> byId = EnabledKeys.primitives(keyset, StreamingAead.class);
    Map<Integer, Parameters> parameters = EnabledKeys.parameters(keyset);
    for (Parameters p : parameters.values()) {
      SegmentLayout.of(p); // verified decryption must know where each segment's tag lies
    }
    int primaryId = keyset.getPrimary().getId();
    StreamingAead primary = byId.get(primaryId);
    if (primary == null) {
      throw new GeneralSecurityException("the primary file key is not enabled");
    }
    return new FileEnvelope(purpose, primaryId, primary, byId, parameters);
  }

  /** The two-pass decryption of this envelope's files (tests drive it over their own channels). */
  VerifiedDecryption decryption() {
    return decryption;
  }

  /**
   * Returns a stream that encrypts what is written to it into {@code sink}: it writes the header at
   * once, then Tink's ciphertext; {@code close()} writes the last segment and closes the sink.
   *
   * <p>Only a closed stream makes a complete envelope. Caution: closing after your own source
   * failed (e.g. in try-with-resources) still makes a valid envelope of the shorter plaintext —
   * discard the sink in that case, or use {@link #encrypt}. If a write to the sink fails, the
   * stream refuses further writes and {@code close()} only closes the sink, leaving an envelope
   * that never decrypts.
   *
   * @param sink where the envelope goes
   * @param contentType the content type, e.g. {@code text/csv}: 1–255 bytes of UTF-8, no control
   *     characters
   * @return the plaintext stream, for one thread
   * @throws IllegalArgumentException if the content type is not acceptable
   * @throws IOException if the sink fails
   * @throws GeneralSecurityException if Tink fails
   */
  public OutputStream encryptingStream(OutputStream sink, String contentType)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(sink, "sink");
    byte[] header = EnvelopeFormat.encode(primaryKeyId, contentType);
    sink.write(header);
    OutputStream tink = primary.newEncryptingStream(sink, associatedData(header, purpose));
    return new EnvelopeEncryptingStream(tink, sink);
  }

  /**
   * Encrypts a file into a new file, atomically: the envelope is written to a temporary file
   * (owner-only where the file system supports it) beside {@code out} and renamed on success; on
   * any failure the temporary file is deleted and {@code out} is untouched.
   *
   * @param in the plaintext file
   * @param out the envelope to write; must not exist, unless {@code options} has {@link
   *     StandardCopyOption#REPLACE_EXISTING}
   * @param contentType the content type, e.g. {@code text/csv}
   * @param options none, or {@link StandardCopyOption#REPLACE_EXISTING}
   * @throws IllegalArgumentException if {@code out} is {@code in} (by path, link or hard link) or
   *     the content type is not acceptable
   * @throws FileAlreadyExistsException if {@code out} exists and may not be replaced
   * @throws UnsupportedOperationException for any other option
   * @throws IOException if reading or writing fails
   * @throws GeneralSecurityException if Tink fails
   */
  public void encrypt(Path in, Path out, String contentType, CopyOption... options)
      throws IOException, GeneralSecurityException {
    EnvelopeFiles.encrypt(this::encryptingStream, in, out, contentType, options);
  }

  /**
   * Verifies an envelope, then decrypts it into a new file, atomically: nothing is written unless
   * the whole file verified; the plaintext goes to a temporary file (owner-only where the file
   * system supports it) beside {@code out}, renamed on success; on any failure, including a change
   * of {@code in} between the two passes, the temporary file is deleted and {@code out} is
   * untouched.
   *
   * @param in the envelope
   * @param out the plaintext file to write; must not exist, unless {@code options} has {@link
   *     StandardCopyOption#REPLACE_EXISTING}
   * @param options none, or {@link StandardCopyOption#REPLACE_EXISTING}
   * @throws GeneralSecurityException if {@code in} is not an envelope, was made with another key or
   *     purpose, or was altered in any way (message: {@code decryption failed...})
   * @throws IllegalArgumentException if {@code out} is {@code in} (by path, link or hard link)
   * @throws FileAlreadyExistsException if {@code out} exists and may not be replaced
   * @throws UnsupportedOperationException for any other option
   * @throws IOException if reading or writing fails
   */
  public void decrypt(Path in, Path out, CopyOption... options)
      throws IOException, GeneralSecurityException {
    decrypt(in, out, EnvelopeFiles.replaceExisting(options), () -> {});
  }

  void decrypt(Path in, Path out, boolean replace, EnvelopeFiles.Step betweenPasses)
      throws IOException, GeneralSecurityException {
    EnvelopeFiles.decrypt(decryption, in, out, replace, betweenPasses);
  }

  /**
   * Verifies a whole envelope, then returns a stream of its plaintext: a file that does not verify
   * fails here, before any byte is readable.
   *
   * <p>The stream reads the file a second time through the same open handle and returns only bytes
   * of the verified plaintext; if the file was changed in place since verification, a read throws
   * an {@link IOException} (whose cause is a {@link GeneralSecurityException}) no later than at the
   * end, so use the data only once the end was reached without error. Closing the stream closes the
   * file.
   *
   * @param in the envelope
   * @return the plaintext, for one thread
   * @throws GeneralSecurityException if {@code in} is not an envelope, was made with another key or
   *     purpose, or was altered in any way
   * @throws IOException if the file cannot be read
   */
  public InputStream openVerified(Path in) throws IOException, GeneralSecurityException {
    return EnvelopeFiles.openVerified(decryption, in);
  }

  /**
   * Reads the header of a file, if it is an envelope; nothing is verified (a header edit makes
   * decryption fail, not this).
   *
   * @param file the file
   * @return the header, or empty if the file does not start with the envelope magic ({@code
   *     NIRGUARD} and a version byte)
   * @throws IOException if the file cannot be read, is a {@link RecipientEnvelope}, or starts with
   *     the magic but the rest of the header is malformed or of an unknown version
   */
  public static Optional<Header> readHeader(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] header = EnvelopeFormat.readHeaderBytes(in);
      return header == null ? Optional.empty() : Optional.of(EnvelopeFormat.decode(header));
    } catch (EnvelopeFormat.MalformedHeader e) {
      throw new IOException("malformed or unsupported nirguard envelope header");
    } catch (EnvelopeFormat.RecipientEnvelopeHeader e) {
      throw new IOException(
          "a recipient envelope (public-key): read its header with RecipientEnvelope.readHeader");
    }
  }

  /**
   * Returns the purpose only, e.g. {@code FileEnvelope[purpose=lab-export]}.
   *
   * @return a description without key material
   */
  @Override
  public String toString() {
    return "FileEnvelope[purpose=" + purpose + "]";
  }

  /**
   * The header of an envelope: the id of the key that encrypted it and its content type.
   *
   * <pre>{@code
   * FileEnvelope.readHeader(path).ifPresent(h -> System.out.println(h.contentType() + " " + h.keyIdHex()));
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Header {
    private final int keyId;
    private final String contentType;

    Header(int keyId, String contentType) {
      EnvelopeFormat.contentTypeBytes(contentType);
      this.keyId = keyId;
      this.contentType = contentType;
    }

    /**
     * Returns the Tink id of the key that encrypted the file.
     *
     * @return the key id
     */
    public int keyId() {
      return keyId;
    }

    /**
     * Returns the key id as 8 hex digits, as in {@code nir keys list}.
     *
     * @return e.g. {@code 1a2b3c4d}
     */
    public String keyIdHex() {
      return Token.hex8(keyId);
    }

    /**
     * Returns the content type given at encryption.
     *
     * @return e.g. {@code text/csv}
     */
    public String contentType() {
      return contentType;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header
          && ((Header) o).keyId == keyId
          && ((Header) o).contentType.equals(contentType);
    }

    @Override
    public int hashCode() {
      return 31 * keyId + contentType.hashCode();
    }

    /**
     * Returns the key id and content type, e.g. {@code Header[key=1a2b3c4d, text/csv]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
      return "Header[key=" + keyIdHex() + ", " + contentType + "]";
    }
  }

  /** The whole header, then the purpose: the header is self-delimiting. */
  static byte[] associatedData(byte[] header, String purpose) {
    byte[] p = purpose.getBytes(StandardCharsets.US_ASCII);
    byte[] ad = Arrays.copyOf(header, header.length + p.length);
    System.arraycopy(p, 0, ad, header.length, p.length);
    return ad;
  }
}
