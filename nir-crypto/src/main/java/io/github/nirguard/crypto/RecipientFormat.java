package io.github.nirguard.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The header of a {@link RecipientEnvelope} (format version 2), both ways:
 *
 * <pre>
 * "NIRGUARD" 0x02
 * content type length (1 byte, 1-255), content type (UTF-8, no control characters)
 * recipient count n (1 byte, 1-255)
 * n x recipient key id (4 bytes, big-endian)            -- the end of the HPKE context info
 * n x (wrapped key length (2 bytes, 1-1024), wrapped key)
 * </pre>
 *
 * Every wrapped key is the HPKE encryption, under one recipient's public key with the header up to
 * the key ids as context info, of the file's data key (Tink's binary keyset of one streaming AEAD
 * key). The whole header is the associated data of the streaming ciphertext that follows.
 */
final class RecipientFormat {
  static final int MAX_RECIPIENTS = 255;
  static final int MAX_WRAPPED_BYTES = 1024;

  private RecipientFormat() {}

  /** A parsed header: its bytes, the length of the HPKE context info, and its fields. */
  record Parsed(
      byte[] bytes, int contextLength, String contentType, int[] keyIds, List<byte[]> wrapped) {
    byte[] contextInfo() {
      return Arrays.copyOf(bytes, contextLength);
    }
  }

  /** The header up to the key ids: the HPKE context info. */
  static byte[] context(String contentType, int[] keyIds) {
    byte[] type = EnvelopeFormat.contentTypeBytes(contentType);
    if (keyIds.length < 1 || keyIds.length > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("an envelope has 1-255 recipients");
    }
    ByteBuffer b =
        ByteBuffer.allocate(EnvelopeFormat.MAGIC.length + 3 + type.length + 4 * keyIds.length)
            .put(EnvelopeFormat.MAGIC)
            .put(EnvelopeFormat.RECIPIENT_VERSION)
            .put((byte) type.length)
            .put(type)
            .put((byte) keyIds.length);
    for (int id : keyIds) {
      b.putInt(id);
    }
    return b.array();
  }

  /** The whole header: the context info, then the wrapped keys in the order of the key ids. */
  static byte[] header(byte[] context, List<byte[]> wrapped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(context);
    for (byte[] w : wrapped) {
      if (w.length < 1 || w.length > MAX_WRAPPED_BYTES) {
        throw new IllegalStateException("a wrapped key of unexpected size");
      }
      out.write(w.length >>> 8);
      out.write(w.length & 0xff);
      out.writeBytes(w);
    }
    return out.toByteArray();
  }

  /**
   * Reads a header from the start of a stream, and nothing after it.
   *
   * @return the header, or null if the stream does not start with the envelope magic and a version
   *     byte
   * @throws EnvelopeFormat.MalformedHeader for a version other than 2, or a malformed header
   */
  static @Nullable Parsed read(InputStream in) throws IOException, EnvelopeFormat.MalformedHeader {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] start = in.readNBytes(EnvelopeFormat.MAGIC.length + 2);
    bytes.writeBytes(start);
    int version = EnvelopeFormat.versionOf(start);
    if (version < 0) {
      return null;
    }
    if (start.length != EnvelopeFormat.MAGIC.length + 2) {
      throw new EnvelopeFormat.MalformedHeader();
    }
    if (version != EnvelopeFormat.RECIPIENT_VERSION) {
      throw new EnvelopeFormat.MalformedHeader();
    }
    int typeLength = start[start.length - 1] & 0xff;
    byte[] type = exactly(in, typeLength, bytes);
    String contentType = contentType(type);
    int n = exactly(in, 1, bytes)[0] & 0xff;
    if (n == 0) {
      throw new EnvelopeFormat.MalformedHeader();
    }
    ByteBuffer ids = ByteBuffer.wrap(exactly(in, 4 * n, bytes));
    int[] keyIds = new int[n];
    for (int i = 0; i < n; i++) {
      keyIds[i] = ids.getInt();
    }
    int contextLength = bytes.size();
    List<byte[]> wrapped = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] len = exactly(in, 2, bytes);
      int length = ((len[0] & 0xff) << 8) | (len[1] & 0xff);
      if (length < 1 || length > MAX_WRAPPED_BYTES) {
        throw new EnvelopeFormat.MalformedHeader();
      }
      wrapped.add(exactly(in, length, bytes));
    }
    return new Parsed(bytes.toByteArray(), contextLength, contentType, keyIds, wrapped);
  }

  /** Reads n bytes and appends them to {@code all}; a short read is a malformed header. */
  private static byte[] exactly(InputStream in, int n, ByteArrayOutputStream all)
      throws IOException, EnvelopeFormat.MalformedHeader {
    byte[] b = in.readNBytes(n);
    all.writeBytes(b);
    if (b.length != n) {
      throw new EnvelopeFormat.MalformedHeader();
    }
    return b;
  }

  private static String contentType(byte[] type) throws EnvelopeFormat.MalformedHeader {
    try {
      String t =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(type))
              .toString();
      EnvelopeFormat.contentTypeBytes(t); // no control characters
      return t;
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw new EnvelopeFormat.MalformedHeader();
    }
  }
}
