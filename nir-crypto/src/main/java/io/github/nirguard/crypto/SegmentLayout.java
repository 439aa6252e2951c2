package io.github.nirguard.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.streamingaead.AesCtrHmacStreamingParameters;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import java.security.GeneralSecurityException;

/**
 * Where Tink's streaming ciphertext segments, and the tag that ends each, lie in an envelope file:
 * our header ({@code start} bytes), then Tink's header (one length byte, the salt, a 7-byte nonce
 * prefix), then segments of the key's ciphertext segment size, the first one shortened by Tink's
 * header, the last one ending at the end of the file. Tink's two streaming key types write this
 * layout (AES-GCM-HKDF: 16-byte GCM tags; AES-CTR-HMAC: HMAC tags of the key's tag size), with a
 * first segment offset of 0 for keys from a keyset.
 *
 * <pre>{@code
 * SegmentLayout l = SegmentLayout.of(parameters).after(header.length);
 * long end = l.segmentEnd(i, fileLength);   // the tag is the tagBytes() before it
 * }</pre>
 */
final class SegmentLayout {
  /** The nonce prefix in Tink's header, both key types. */
  private static final int NONCE_PREFIX_BYTES = 7;

  /** The GCM tag ending each AES-GCM-HKDF segment. */
  private static final int GCM_TAG_BYTES = 16;

  private final int start;
  private final int tinkHeader;
  private final int segment;
  private final int tag;

  private SegmentLayout(int start, int tinkHeader, int segment, int tag) {
    this.start = start;
    this.tinkHeader = tinkHeader;
    this.segment = segment;
    this.tag = tag;
  }

  /**
   * The layout of a streaming key's ciphertext at the start of a file (no header of ours yet);
   * throws for a key type whose layout we do not know.
   */
  static SegmentLayout of(Parameters parameters) throws GeneralSecurityException {
    if (parameters instanceof AesGcmHkdfStreamingParameters) {
      AesGcmHkdfStreamingParameters p = (AesGcmHkdfStreamingParameters) parameters;
      return new SegmentLayout(
          0,
          1 + p.getDerivedAesGcmKeySizeBytes() + NONCE_PREFIX_BYTES,
          p.getCiphertextSegmentSizeBytes(),
          GCM_TAG_BYTES);
    }
    if (parameters instanceof AesCtrHmacStreamingParameters) {
      AesCtrHmacStreamingParameters p = (AesCtrHmacStreamingParameters) parameters;
      return new SegmentLayout(
          0,
          1 + p.getDerivedKeySizeBytes() + NONCE_PREFIX_BYTES,
          p.getCiphertextSegmentSizeBytes(),
          p.getHmacTagSizeBytes());
    }
    throw new GeneralSecurityException("unsupported file key type");
  }

  /** The same layout with Tink's ciphertext starting after {@code headerBytes} of our header. */
  SegmentLayout after(int headerBytes) {
    return new SegmentLayout(headerBytes, tinkHeader, segment, tag);
  }

  /** Our header and Tink's: the bytes that fix every segment key and nonce. */
  int prefixBytes() {
    return start + tinkHeader;
  }

  /** The tag at the end of every segment. */
  int tagBytes() {
    return tag;
  }

  /** The end (exclusive) of segment {@code i} if it is not the last one. */
  long fullSegmentEnd(long i) {
    return start + (i + 1) * segment;
  }

  /**
   * The number of segments in a file of this length (at least one), or -1 if no ciphertext of this
   * layout has this length (too short for Tink's header and one tag, or a last segment shorter than
   * a tag).
   */
  long segments(long fileLength) {
    long stream = fileLength - start;
    if (stream < tinkHeader + tag) {
      return -1;
    }
    long n = (stream + segment - 1) / segment;
    return fileLength - (start + (n - 1) * segment) < tag ? -1 : n;
  }

  /** The segment that holds the byte at this position of the file (0 within the headers). */
  long segmentAt(long position) {
    return position < start ? 0 : (position - start) / segment;
  }

  /** The end (exclusive) of segment {@code i} of a file of this length: its tag ends there. */
  long segmentEnd(long i, long fileLength) {
    return Math.min(fullSegmentEnd(i), fileLength);
  }
}
