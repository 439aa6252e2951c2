package io.github.nirguard.crypto;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.RegistryConfiguration;
import io.github.nirguard.core.Nir;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The AES-SIV token: Tink deterministic AEAD over the 13-byte body, the purpose as associated data.
 */
final class SivTokenizer implements ReversibleTokenizer {
  private final String purpose;
  private final DeterministicAead daead;
  private final byte[] associatedData;

  private SivTokenizer(String purpose, DeterministicAead daead) {
    this.purpose = purpose;
    this.daead = daead;
    this.associatedData = ("nirguard-siv-token/1/" + purpose).getBytes(StandardCharsets.UTF_8);
  }

  static SivTokenizer create(KeyRing ring, String purpose) throws GeneralSecurityException {
    DeterministicAead d =
        ring.handle(purpose, KeyKind.SIV_TOKEN)
            .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
    return new SivTokenizer(purpose, d);
  }

  @Override
  public Token tokenize(Nir nir) {
    try {
      byte[] ct =
          daead.encryptDeterministically(
              nir.body().getBytes(StandardCharsets.US_ASCII), associatedData);
      return Token.trusted(
          Token.Scheme.SIV.prefix()
              + "."
              + Base64.getUrlEncoder().withoutPadding().encodeToString(ct),
          Token.Scheme.SIV);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV encryption failed", e);
    }
  }

  @Override
  public Nir reveal(Token token) throws GeneralSecurityException {
    if (token.scheme() != Token.Scheme.SIV) {
      throw new GeneralSecurityException("decryption failed");
    }
    byte[] ct;
    try {
      String text = token.value().substring(4);
      ct = Base64.getUrlDecoder().decode(text);
      // one token, one spelling: refuse encodings whose unused trailing bits were altered
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(ct).equals(text)) {
        throw new GeneralSecurityException("decryption failed");
      }
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("decryption failed");
    }
    byte[] body = daead.decryptDeterministically(ct, associatedData);
    if (body.length != 13) {
      throw new GeneralSecurityException("decryption failed");
    }
    try {
      return io.github.nirguard.core.NirProfile.CHECKSUM_ONLY.parseBody(
          new String(body, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("decryption failed");
    }
  }

  @Override
  public String toString() {
    return "ReversibleTokenizer[siv, purpose=" + purpose + "]";
  }
}
