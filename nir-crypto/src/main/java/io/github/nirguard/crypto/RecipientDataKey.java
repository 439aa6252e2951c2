package io.github.nirguard.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The data key of a {@link RecipientEnvelope}, both ways: made fresh for each file and wrapped for
 * every recipient ({@link #seal}); unwrapped with one of a recipient's keys and checked (the {@link
 * VerifiedDecryption.Opener} of the recipient envelope). The header's bytes are {@link
 * RecipientFormat}'s.
 */
final class RecipientDataKey implements VerifiedDecryption.Opener {
  private final Map<Integer, HybridDecrypt> byId;

  /** The opener of a recipient's enabled keys, by key id. */
  RecipientDataKey(Map<Integer, HybridDecrypt> byId) {
    this.byId = byId;
  }

  /** A header made for the recipients, and the streaming AEAD of the data key it wraps. */
  record Sealed(byte[] header, StreamingAead aead) {}

  /**
   * Makes a fresh data key and the header that wraps it for each recipient (in the header's order),
   * with the header up to the key ids as context info; the serialized key is wiped once wrapped.
   */
  static Sealed seal(
      AesGcmHkdfStreamingParameters dataKey,
      List<RecipientPublicKey> recipients,
      List<HybridEncrypt> wrappers,
      String contentType)
      throws GeneralSecurityException {
    int[] ids = new int[recipients.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = recipients.get(i).keyId();
    }
    byte[] context = RecipientFormat.context(contentType, ids);
    KeysetHandle data = KeysetHandle.generateNew(dataKey);
    byte[] serialized = TinkProtoKeysetFormat.serializeKeyset(data, InsecureSecretKeyAccess.get());
    List<byte[]> wrapped = new ArrayList<>();
    try {
      for (HybridEncrypt w : wrappers) {
        wrapped.add(w.encrypt(serialized, context));
      }
    } finally {
      Arrays.fill(serialized, (byte) 0);
    }
    byte[] header = RecipientFormat.header(context, wrapped);
    return new Sealed(header, data.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
  }

  /** Reads the header, unwraps the data key with one of our keys, checks it. */
  @Override
  public VerifiedDecryption.Opened open(InputStream source)
      throws IOException, GeneralSecurityException {
    RecipientFormat.Parsed p;
    try {
      p = RecipientFormat.read(source);
    } catch (EnvelopeFormat.MalformedHeader e) {
      throw new GeneralSecurityException(
          "decryption failed: malformed or unsupported recipient envelope header");
    }
    if (p == null) {
      throw new GeneralSecurityException("decryption failed: not a nirguard recipient envelope");
    }
    byte[] context = p.contextInfo();
    boolean addressed = false;
    for (int i = 0; i < p.keyIds().length; i++) {
      HybridDecrypt mine = byId.get(p.keyIds()[i]);
      if (mine == null) {
        continue;
      }
      addressed = true;
      byte[] serialized;
      try {
        serialized = mine.decrypt(p.wrapped().get(i), context);
      } catch (GeneralSecurityException e) {
        continue; // another recipient's key with the same id, or an altered one: try the next
      }
      try {
        KeysetHandle data = unwrapped(serialized);
        return new VerifiedDecryption.Opened(
            p.bytes(),
            data.getPrimitive(RegistryConfiguration.get(), StreamingAead.class),
            p.bytes(),
            data.getAt(0).getKey().getParameters());
      } finally {
        Arrays.fill(serialized, (byte) 0);
      }
    }
    if (!addressed) {
      throw new GeneralSecurityException(
          "decryption failed: not addressed to an enabled recipient key of this purpose");
    }
    throw new GeneralSecurityException("decryption failed");
  }

  /** The data key: exactly one AES-256-GCM-HKDF (SHA-256) streaming key, else refused. */
  private static KeysetHandle unwrapped(byte[] serialized) throws GeneralSecurityException {
    KeysetHandle h = TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
    if (h.size() != 1
        || !(h.getAt(0).getKey().getParameters() instanceof AesGcmHkdfStreamingParameters)) {
      throw new GeneralSecurityException("decryption failed");
    }
    AesGcmHkdfStreamingParameters k =
        (AesGcmHkdfStreamingParameters) h.getAt(0).getKey().getParameters();
    if (k.getKeySizeBytes() != 32
        || k.getDerivedAesGcmKeySizeBytes() != 32
        || !k.getHkdfHashType().equals(AesGcmHkdfStreamingParameters.HashType.SHA256)) {
      throw new GeneralSecurityException("decryption failed");
    }
    return h;
  }
}
