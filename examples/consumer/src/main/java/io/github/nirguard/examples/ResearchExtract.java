package io.github.nirguard.examples;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.Token;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Keyed tokens for a research extract: the researchers can count patients and join their tables
 * on the token, but cannot get back to a NIR, and cannot link their extract to another project's.
 */
public final class ResearchExtract {
  private final KeyedTokenizer tokenizer;

  /** Uses the primary {@code TOKEN} key of the purpose (e.g. {@code research-42}). */
  public ResearchExtract(KeyRing ring, String purpose) throws GeneralSecurityException {
    this.tokenizer = KeyedTokenizer.create(ring, purpose);
  }

  /** Replaces each NIR by its token: equal NIRs, equal tokens, so joins and counts still work. */
  public List<String> pseudonymize(List<Nir> nirs) {
    return nirs.stream().map(tokenizer::tokenize).map(Token::value).toList();
  }

  /**
   * Re-keys another project's tokens into this project's, without the NIRs (chaining): the key
   * holder can hand over a join table without re-reading the identifying data.
   */
  public List<String> rekeyFrom(List<String> otherProjectTokens) {
    return otherProjectTokens.stream().map(Token::parse).map(tokenizer::rekey).map(Token::value).toList();
  }
}
