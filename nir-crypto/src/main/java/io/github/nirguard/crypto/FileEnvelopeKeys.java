package io.github.nirguard.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The {@link VerifiedDecryption.Opener} of the symmetric {@link FileEnvelope} (version 1): reads
 * its header and picks the enabled file key it names, with the purpose in the associated data (the
 * recipient envelope's is {@link RecipientDataKey}).
 */
final class FileEnvelopeKeys implements VerifiedDecryption.Opener {
  private final Map<Integer, StreamingAead> byKeyId;
  private final Map<Integer, Parameters> parameters;
  private final String purpose;

  /** The enabled keys by id, with their parameters, and the purpose. */
  FileEnvelopeKeys(
      Map<Integer, StreamingAead> byKeyId, Map<Integer, Parameters> parameters, String purpose) {
    this.byKeyId = byKeyId;
    this.parameters = parameters;
    this.purpose = purpose;
  }

  @Override
  public VerifiedDecryption.Opened open(InputStream source)
      throws IOException, GeneralSecurityException {
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
    Parameters keyParameters = parameters.get(parsed.keyId());
    if (aead == null || keyParameters == null) {
      throw new GeneralSecurityException(
          "decryption failed: no enabled file key " + parsed.keyIdHex() + " for this purpose");
    }
    return new VerifiedDecryption.Opened(
        header, aead, FileEnvelope.associatedData(header, purpose), keyParameters);
  }
}
