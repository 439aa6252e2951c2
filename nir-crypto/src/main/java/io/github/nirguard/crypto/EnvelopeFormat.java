package io.github.nirguard.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The envelope header format: magic {@code NIRGUARD}, version byte, 4-byte key id, content type
 * (one length byte, then 1–255 bytes of UTF-8 without control characters). See {@link
 * FileEnvelope}.
 */
final class EnvelopeFormat {
  static final byte[] MAGIC = "NIRGUARD".getBytes(StandardCharsets.US_ASCII);
  static final byte VERSION = 1;

  /** The version byte of a {@link RecipientEnvelope}. */
  static final byte RECIPIENT_VERSION = 2;

  static final int MAX_CONTENT_TYPE_BYTES = 255;

  /** Magic, version, key id, content type length. */
  static final int FIXED_HEADER_BYTES = MAGIC.length + 1 + 4 + 1;

  private EnvelopeFormat() {}

  static byte[] encode(int keyId, String contentType) {
    byte[] type = contentTypeBytes(contentType);
    return ByteBuffer.allocate(FIXED_HEADER_BYTES + type.length)
        .put(MAGIC)
        .put(VERSION)
        .putInt(keyId)
        .put((byte) type.length)
        .put(type)
        .array();
  }

  /** Decodes the bytes {@link #readHeaderBytes} returned. */
  static FileEnvelope.Header decode(byte[] header) throws MalformedHeader {
    ByteBuffer b = ByteBuffer.wrap(header, MAGIC.length + 1, header.length - MAGIC.length - 1);
    int keyId = b.getInt();
    int length = b.get() & 0xff;
    if (length != b.remaining()) {
      throw new MalformedHeader();
    }
    try {
      String type =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(b)
              .toString();
      return new FileEnvelope.Header(keyId, type);
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw new MalformedHeader();
    }
  }

  static byte[] contentTypeBytes(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    byte[] bytes;
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(contentType));
      bytes = Arrays.copyOf(b.array(), b.limit());
    } catch (CharacterCodingException e) {
      bytes = null;
    }
    if (bytes == null
        || bytes.length == 0
        || bytes.length > MAX_CONTENT_TYPE_BYTES
        || contentType.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "content type must be 1-255 bytes of UTF-8 without control characters");
    }
    return bytes;
  }

  /** A header after the magic that we cannot read. */
  static final class MalformedHeader extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedHeader() {
      super("malformed envelope header", null, false, false);
    }
  }

  /** A header of the {@link RecipientEnvelope} format (version 2), not this one. */
  static final class RecipientEnvelopeHeader extends Exception {
    private static final long serialVersionUID = 1L;

    RecipientEnvelopeHeader() {
      super("a recipient envelope", null, false, false);
    }
  }

  /**
   * Returns the version byte after the magic, or -1 if the bytes do not start with the magic and a
   * version byte.
   */
  static int versionOf(byte[] start) {
    if (start.length <= MAGIC.length
        || !Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || !isVersionByte(start[MAGIC.length])) {
      return -1;
    }
    return start[MAGIC.length];
  }

  /** Returns the header bytes, or null if the stream does not start with the magic. */
  static byte @Nullable [] readHeaderBytes(InputStream in)
      throws IOException, MalformedHeader, RecipientEnvelopeHeader {
    byte[] fixed = in.readNBytes(FIXED_HEADER_BYTES);
    if (fixed.length <= MAGIC.length
        || !Arrays.equals(fixed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || !isVersionByte(fixed[MAGIC.length])) {
      return null;
    }
    if (fixed[MAGIC.length] == RECIPIENT_VERSION) {
      throw new RecipientEnvelopeHeader();
    }
    if (fixed.length < FIXED_HEADER_BYTES || fixed[MAGIC.length] != VERSION) {
      throw new MalformedHeader();
    }
    int length = fixed[FIXED_HEADER_BYTES - 1] & 0xff;
    byte[] type = in.readNBytes(length);
    if (type.length != length) {
      throw new MalformedHeader();
    }
    byte[] header = Arrays.copyOf(fixed, FIXED_HEADER_BYTES + length);
    System.arraycopy(type, 0, header, FIXED_HEADER_BYTES, length);
    return header;
  }

  /**
   * Version bytes are control characters other than tab, line feed and carriage return, so that a
   * text file starting with {@code NIRGUARD} is never taken for an envelope.
   */
  private static boolean isVersionByte(byte b) {
    return b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r';
  }
}
