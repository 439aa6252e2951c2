package io.github.nirguard.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts files for one or more recipients' public keys, so that the producer keeps no secret that
 * opens them: each recipient decrypts with the private key in its own ring ({@link
 * KeyKind#RECIPIENT}).
 *
 * <p>For every file a fresh data key (a one-off Tink AES-256-GCM-HKDF streaming key, 1 MB segments)
 * encrypts the data exactly as a {@link FileEnvelope} does; the data key is wrapped for each
 * recipient with Tink's hybrid encryption (HPKE: DHKEM X25519 HKDF-SHA256, HKDF-SHA256,
 * AES-256-GCM), with the header up to the recipients' key ids as context info, and the header lists
 * the wrapped keys. The whole header is the streaming ciphertext's associated data. The producer
 * forgets the data key once the file is written. Decryption finds its key id in the header, unwraps
 * the data key, and verifies the whole file before releasing any byte (the two passes of {@link
 * FileEnvelope}): an edited header, wrapped key, recipient list or segment, a truncated or extended
 * file, is refused whole.
 *
 * <p>What it does not give: the origin. Anyone holding a recipient's public key can make an
 * envelope for it, and a recipient of a file for several recipients holds its data key; so a
 * recipient knows a file is intact and meant for it, not who made it (sign it, or send it over an
 * authenticated channel). Format: docs/spec/README.md; decision 0016
 * (docs/decisions/0016-recipient-envelopes.md).
 *
 * <pre>{@code
 * RecipientEnvelope.to(labA, labB).encrypt(Path.of("export.csv"), Path.of("export.csv.nge"), "text/csv");
 * // at lab A, with its own ring:
 * RecipientEnvelope.Reader mine = RecipientEnvelope.forRing(labRing, "lab-inbox");
 * mine.decrypt(Path.of("export.csv.nge"), Path.of("export.csv"));
 * RecipientEnvelope.readHeader(path).map(RecipientEnvelope.Header::recipientKeyIdsHex);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the streams it returns are for one thread each. Failures are {@link
 * GeneralSecurityException}s with generic messages, never file contents or key material.
 *
 * @since 0.1.0
 */
public final class RecipientEnvelope {
  private final List<RecipientPublicKey> recipients;
  private final List<HybridEncrypt> wrappers;
  private final AesGcmHkdfStreamingParameters dataKey;

  private RecipientEnvelope(
      List<RecipientPublicKey> recipients,
      List<HybridEncrypt> wrappers,
      AesGcmHkdfStreamingParameters dataKey) {
    this.recipients = recipients;
    this.wrappers = wrappers;
    this.dataKey = dataKey;
  }

  /**
   * Returns the envelope for these recipients.
   *
   * @param recipients 1–255 public keys, each once
   * @return the envelope
   * @throws IllegalArgumentException if there are none, more than 255, or one twice
   * @throws GeneralSecurityException if Tink refuses a key
   */
  public static RecipientEnvelope to(RecipientPublicKey... recipients)
      throws GeneralSecurityException {
    return to(Arrays.asList(recipients));
  }

  /**
   * Returns the envelope for these recipients.
   *
   * @param recipients 1–255 public keys, each once
   * @return the envelope
   * @throws IllegalArgumentException if there are none, more than 255, or one twice
   * @throws GeneralSecurityException if Tink refuses a key
   */
  public static RecipientEnvelope to(List<RecipientPublicKey> recipients)
      throws GeneralSecurityException {
    return to(recipients, PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
  }

  /** With other data-key parameters (tests use 4 KB segments). */
  static RecipientEnvelope to(
      List<RecipientPublicKey> recipients, AesGcmHkdfStreamingParameters dataKey)
      throws GeneralSecurityException {
    TinkSetup.ensure();
    List<RecipientPublicKey> list = List.copyOf(recipients);
    if (list.isEmpty() || list.size() > RecipientFormat.MAX_RECIPIENTS) {
      throw new IllegalArgumentException("an envelope has 1-255 recipients");
    }
    if (new java.util.HashSet<>(list).size() != list.size()) {
      throw new IllegalArgumentException("a recipient is named twice");
    }
    List<HybridEncrypt> wrappers = new ArrayList<>();
    for (RecipientPublicKey r : list) {
      wrappers.add(r.keyset().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class));
    }
    return new RecipientEnvelope(list, List.copyOf(wrappers), dataKey);
  }

  /**
   * Returns the recipients, in the order of the header.
   *
   * @return the public keys
   */
  public List<RecipientPublicKey> recipients() {
    return recipients;
  }

  /**
   * Returns a stream that encrypts what is written to it into {@code sink}: it makes a fresh data
   * key, writes the header (the key wrapped for each recipient) at once, then Tink's ciphertext;
   * {@code close()} writes the last segment and closes the sink. The same cautions as {@link
   * FileEnvelope#encryptingStream}: only a closed stream makes a complete envelope.
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
    RecipientDataKey.Sealed sealed =
        RecipientDataKey.seal(dataKey, recipients, wrappers, contentType);
    sink.write(sealed.header());
    return new EnvelopeEncryptingStream(
        sealed.aead().newEncryptingStream(sink, sealed.header()), sink);
  }

  /**
   * Encrypts a file into a new file, atomically, as {@link FileEnvelope#encrypt} does.
   *
   * @param in the plaintext file
   * @param out the envelope to write; must not exist, unless {@code options} has {@link
   *     java.nio.file.StandardCopyOption#REPLACE_EXISTING}
   * @param contentType the content type, e.g. {@code text/csv}
   * @param options none, or {@link java.nio.file.StandardCopyOption#REPLACE_EXISTING}
   * @throws IllegalArgumentException if {@code out} is {@code in} or the content type is not
   *     acceptable
   * @throws java.nio.file.FileAlreadyExistsException if {@code out} exists and may not be replaced
   * @throws UnsupportedOperationException for any other option
   * @throws IOException if reading or writing fails
   * @throws GeneralSecurityException if Tink fails
   */
  public void encrypt(Path in, Path out, String contentType, CopyOption... options)
      throws IOException, GeneralSecurityException {
    EnvelopeFiles.encrypt(this::encryptingStream, in, out, contentType, options);
  }

  /**
   * Returns the reader of recipient envelopes for the enabled keys of a purpose's {@link
   * KeyKind#RECIPIENT} keyset.
   *
   * @param ring the recipient's key ring
   * @param purpose the purpose of its recipient keyset
   * @return the reader
   * @throws NoSuchKeysetException if the ring has no recipient keyset for this purpose
   * @throws GeneralSecurityException if Tink refuses the keyset
   */
  public static Reader forRing(KeyRing ring, String purpose) throws GeneralSecurityException {
    Objects.requireNonNull(ring, "ring");
    TinkSetup.ensure();
    KeysetHandle keyset = ring.handle(purpose, KeyKind.RECIPIENT);
    return new Reader(purpose, EnabledKeys.primitives(keyset, HybridDecrypt.class));
  }

  /**
   * Returns whether a file starts like a recipient envelope (the magic {@code NIRGUARD} and version
   * 2), as opposed to a {@link FileEnvelope} or no envelope; nothing else is read or verified.
   *
   * <pre>{@code
   * if (RecipientEnvelope.isRecipientEnvelope(path)) { ... RecipientEnvelope.forRing(ring, p) ... }
   * }</pre>
   *
   * @param file the file
   * @return {@code true} for a recipient envelope
   * @throws IOException if the file cannot be read
   */
  public static boolean isRecipientEnvelope(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(EnvelopeFormat.MAGIC.length + 1);
      return EnvelopeFormat.versionOf(start) == EnvelopeFormat.RECIPIENT_VERSION;
    }
  }

  /**
   * Reads the header of a file, if it is a recipient envelope; nothing is verified.
   *
   * @param file the file
   * @return the header, or empty if the file is not a recipient envelope (e.g. a {@link
   *     FileEnvelope}, or no envelope at all)
   * @throws IOException if the file cannot be read, or starts like a recipient envelope but its
   *     header is malformed
   */
  public static Optional<Header> readHeader(Path file) throws IOException {
    if (!isRecipientEnvelope(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      RecipientFormat.Parsed p = RecipientFormat.read(in);
      if (p == null) {
        throw new EnvelopeFormat.MalformedHeader();
      }
      return Optional.of(new Header(p.contentType(), p.keyIds()));
    } catch (EnvelopeFormat.MalformedHeader e) {
      throw new IOException("malformed nirguard recipient envelope header");
    }
  }

  /**
   * Returns the recipients' key ids, e.g. {@code RecipientEnvelope[to=1a2b3c4d, 5e6f7a8b]}.
   *
   * @return a description without key material
   */
  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    for (RecipientPublicKey r : recipients) {
      ids.add(r.keyIdHex());
    }
    return "RecipientEnvelope[to=" + String.join(", ", ids) + "]";
  }

  /**
   * A recipient's side: decrypts the recipient envelopes addressed to one of its enabled keys,
   * never releasing plaintext from a file that does not verify.
   *
   * <pre>{@code
   * RecipientEnvelope.Reader mine = RecipientEnvelope.forRing(labRing, "lab-inbox");
   * try (InputStream in = mine.openVerified(Path.of("export.csv.nge"))) {
   *   in.transferTo(out);
   * }
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Reader {
    private final String purpose;
    private final VerifiedDecryption decryption;

    Reader(String purpose, Map<Integer, HybridDecrypt> byId) {
      this.purpose = purpose;
      this.decryption = new VerifiedDecryption(new RecipientDataKey(byId));
    }

    /**
     * Verifies an envelope, then decrypts it into a new file, atomically: nothing is written unless
     * the whole file verified (as {@link FileEnvelope#decrypt}).
     *
     * @param in the envelope
     * @param out the plaintext file to write; must not exist, unless {@code options} has {@link
     *     java.nio.file.StandardCopyOption#REPLACE_EXISTING}
     * @param options none, or {@link java.nio.file.StandardCopyOption#REPLACE_EXISTING}
     * @throws GeneralSecurityException if {@code in} is not a recipient envelope, is not addressed
     *     to an enabled key of this keyset, or was altered in any way (message: {@code decryption
     *     failed...})
     * @throws IllegalArgumentException if {@code out} is {@code in}
     * @throws java.nio.file.FileAlreadyExistsException if {@code out} exists and may not be
     *     replaced
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
     * Verifies a whole envelope, then returns a stream of its plaintext (as {@link
     * FileEnvelope#openVerified}): a file that does not verify fails here, before any byte is
     * readable.
     *
     * @param in the envelope
     * @return the plaintext, for one thread
     * @throws GeneralSecurityException if {@code in} is not a recipient envelope for this keyset,
     *     or was altered in any way
     * @throws IOException if the file cannot be read
     */
    public InputStream openVerified(Path in) throws IOException, GeneralSecurityException {
      return EnvelopeFiles.openVerified(decryption, in);
    }

    /**
     * Returns the purpose only, e.g. {@code RecipientEnvelope.Reader[purpose=lab-inbox]}.
     *
     * @return a description without key material
     */
    @Override
    public String toString() {
      return "RecipientEnvelope.Reader[purpose=" + purpose + "]";
    }
  }

  /**
   * The header of a recipient envelope: its content type and the key ids of its recipients.
   *
   * <pre>{@code
   * RecipientEnvelope.readHeader(path).ifPresent(h -> System.out.println(h.recipientKeyIdsHex()));
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Header {
    private final String contentType;
    private final int[] keyIds;

    Header(String contentType, int[] keyIds) {
      this.contentType = contentType;
      this.keyIds = keyIds.clone();
    }

    /**
     * Returns the content type given at encryption.
     *
     * @return e.g. {@code text/csv}
     */
    public String contentType() {
      return contentType;
    }

    /**
     * Returns the recipients' key ids, in the header's order.
     *
     * @return the Tink key ids
     */
    public List<Integer> recipientKeyIds() {
      List<Integer> out = new ArrayList<>();
      for (int id : keyIds) {
        out.add(id);
      }
      return Collections.unmodifiableList(out);
    }

    /**
     * Returns the recipients' key ids as 8 hex digits each.
     *
     * @return e.g. {@code [1a2b3c4d, 5e6f7a8b]}
     */
    public List<String> recipientKeyIdsHex() {
      List<String> out = new ArrayList<>();
      for (int id : keyIds) {
        out.add(Token.hex8(id));
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header
          && ((Header) o).contentType.equals(contentType)
          && Arrays.equals(((Header) o).keyIds, keyIds);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(keyIds) + contentType.hashCode();
    }

    /**
     * Returns the content type and key ids, e.g. {@code Header[to=1a2b3c4d, 5e6f7a8b, text/csv]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
      return "Header[to=" + String.join(", ", recipientKeyIdsHex()) + ", " + contentType + "]";
    }
  }
}
