package io.github.nirguard.kms;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;

/**
 * A KMS AEAD whose SDK's unchecked exceptions (a credential that cannot be refreshed, a client
 * misconfigured) become {@link GeneralSecurityException}s, as callers of a KEK expect: fail closed,
 * one error type, generic words.
 */
final class SdkErrors implements Aead {
  private final Aead aead;
  private final String kms;

  SdkErrors(Aead aead, String kms) {
    this.aead = aead;
    this.kms = kms;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    try {
      return aead.encrypt(plaintext, associatedData);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException(kms + ": encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    try {
      return aead.decrypt(ciphertext, associatedData);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException(kms + ": decryption failed", e);
    }
  }
}
