package io.github.nirguard.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

/**
 * What a keyset is for; each kind has one Tink key type, and keys never serve two kinds.
 *
 * <pre>{@code
 * KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN).ring();
 * }</pre>
 *
 * @since 0.1.0
 */
public enum KeyKind {
  /** Keyed, irreversible tokens (HMAC-SHA-256); a PRF keyset from which the HMAC key is derived. */
  TOKEN(PredefinedPrfParameters.HMAC_SHA256_PRF),
  /**
   * Reversible 128-bit PRP tokens (one AES-256 block); a PRF keyset from which the AES key is
   * derived.
   */
  PRP_TOKEN(PredefinedPrfParameters.HMAC_SHA256_PRF),
  /** Reversible AES-SIV tokens: a Tink deterministic AEAD keyset. */
  SIV_TOKEN(PredefinedDeterministicAeadParameters.AES256_SIV),
  /** FF1 format-preserving encryption; a PRF keyset from which the FF1 key is derived. */
  FPE(PredefinedPrfParameters.HMAC_SHA256_PRF),
  /** Record envelopes: a Tink AES-256-GCM keyset. */
  RECORD(PredefinedAeadParameters.AES256_GCM),
  /** File envelopes: a Tink AES-256-GCM-HKDF streaming keyset. */
  FILE(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB),
  /**
   * The enumeration guard's fingerprints ({@link Fingerprinter#create}); a PRF keyset from which
   * the SipHash key is derived. Its own kind, so that a lookup host holds no token key.
   */
  FINGERPRINT(PredefinedPrfParameters.HMAC_SHA256_PRF),
  /**
   * Keyed per-person date shifting ({@link DateShifter}); a PRF keyset from which the HMAC key is
   * derived.
   */
  DATE_SHIFT(PredefinedPrfParameters.HMAC_SHA256_PRF),
  /**
   * A recipient's private key for {@link RecipientEnvelope}s: a Tink HPKE keyset (DHKEM X25519
   * HKDF-SHA256, HKDF-SHA256, AES-256-GCM). Producers hold only its public half ({@link
   * RecipientPublicKey}).
   */
  RECIPIENT(Hpke.X25519_AES256_GCM);

  private final Parameters parameters;

  /** The HPKE parameters of {@link #RECIPIENT} (a builder that throws, hence a holder). */
  static final class Hpke {
    static final HpkeParameters X25519_AES256_GCM = x25519();

    private Hpke() {}

    private static HpkeParameters x25519() {
      try {
        return HpkeParameters.builder()
            .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
            .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
            .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
            .setVariant(HpkeParameters.Variant.TINK)
            .build();
      } catch (java.security.GeneralSecurityException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  KeyKind(Parameters parameters) {
    this.parameters = parameters;
  }

  Parameters parameters() {
    return parameters;
  }

  /**
   * Returns whether this kind's keys are derived from a PRF keyset rather than used directly.
   *
   * @return {@code true} for {@link #TOKEN}, {@link #PRP_TOKEN}, {@link #FPE}, {@link #FINGERPRINT}
   *     and {@link #DATE_SHIFT}
   */
  public boolean derived() {
    return this == TOKEN
        || this == PRP_TOKEN
        || this == FPE
        || this == FINGERPRINT
        || this == DATE_SHIFT;
  }

  /**
   * Returns the kind for a name such as {@code token} or {@code prp-token}.
   *
   * @param name the name, case-insensitive, dashes or underscores
   * @return the kind
   * @throws IllegalArgumentException for an unknown name
   */
  public static KeyKind named(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (KeyKind k : values()) {
      if (k.name().equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown key kind (expected token, prp-token, siv-token, fpe, record, file, fingerprint,"
            + " date-shift or recipient)");
  }

  /**
   * Returns the lowercase, dashed name used in files and on the command line.
   *
   * @return e.g. {@code prp-token}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
