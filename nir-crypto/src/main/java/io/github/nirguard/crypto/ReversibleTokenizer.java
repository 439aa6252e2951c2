package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import java.security.GeneralSecurityException;

/**
 * Deterministic, reversible tokens of NIRs, bound to a purpose: for holders who must re-identify.
 *
 * <p>Two schemes: {@link #prp} (one AES-256 block, fast, 128-bit token) and {@link #siv} (Tink
 * AES-SIV). A wrong key or purpose makes {@link #reveal} fail — it never returns a wrong NIR. Equal
 * NIRs give equal tokens (that is the point, and also what they leak).
 *
 * <pre>{@code
 * ReversibleTokenizer t = ReversibleTokenizer.prp(ring, "lab-export");
 * Token token = t.tokenize(nir);
 * Nir again = t.reveal(token);   // GeneralSecurityException for a wrong key or purpose
 * }</pre>
 *
 * @since 0.1.0
 */
public interface ReversibleTokenizer {

  /**
   * Tokenizes a NIR.
   *
   * @param nir the NIR
   * @return its token
   */
  Token tokenize(Nir nir);

  /**
   * Recovers the NIR of a token.
   *
   * @param token a token of this scheme
   * @return the NIR
   * @throws GeneralSecurityException if the token was not made by this purpose's keys, or was
   *     altered (a generic message, as in Tink)
   */
  Nir reveal(Token token) throws GeneralSecurityException;

  /**
   * The fast PRP scheme: one AES-256 block over the purpose tag and the body; the AES key is
   * derived from the purpose's {@link KeyKind#PRP_TOKEN} keyset. Revealing accepts every key of the
   * keyset (rotation).
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the tokenizer
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  static ReversibleTokenizer prp(KeyRing ring, String purpose) throws GeneralSecurityException {
    return PrpTokenizer.create(ring, purpose);
  }

  /**
   * The AES-SIV scheme (Tink deterministic AEAD, {@link KeyKind#SIV_TOKEN} keyset), with the
   * purpose as associated data.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the tokenizer
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no such keyset for the purpose
   */
  static ReversibleTokenizer siv(KeyRing ring, String purpose) throws GeneralSecurityException {
    return SivTokenizer.create(ring, purpose);
  }
}
