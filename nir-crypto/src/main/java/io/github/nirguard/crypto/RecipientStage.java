package io.github.nirguard.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The second of two pseudonymisation stages, run by a trusted third party with its own key per
 * recipient: it maps the producer's pseudonyms to the recipient's, never seeing a NIR.
 *
 * <p>The producer holds the NIRs and the stage-one key ({@link BeneficiaryPseudonyms}); the third
 * party holds one stage-two key per recipient and sees only stage-one pseudonyms; the recipient
 * holds neither. The final pseudonym is {@code HMAC(k2, HMAC(k1, NIR…))} with the purposes and key
 * ids bound in (the keyed token's re-keying by chaining, {@link KeyedTokenizer#rekey(Token)}), so:
 * neither key alone maps a NIR to a final pseudonym; one person has one final pseudonym per
 * recipient, always the same; two recipients' pseudonyms of one person cannot be linked without the
 * third party's keys. Fictitious pseudonyms stay fictitious and get a fresh random value.
 *
 * <pre>{@code
 * RecipientStage ttp = RecipientStage.create(ttpRing, "cohort-2027-inserm");
 * BeneficiaryPseudonym forRecipient = ttp.apply(producerPseudonym);
 * String cell = ttp.apply("nt1.0a1b2c3d.…");     // the same, on a CSV cell
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecipientStage {
  private final KeyedTokenizer recipient;

  private RecipientStage(KeyedTokenizer recipient) {
    this.recipient = recipient;
  }

  /**
   * Creates the stage for one recipient, from the primary key of the recipient purpose's {@link
   * KeyKind#TOKEN} keyset (held by the third party, never by the producer).
   *
   * @param ring the third party's key ring
   * @param recipientPurpose the purpose naming the recipient (one per database and recipient)
   * @return the stage
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no TOKEN keyset for the purpose
   */
  public static RecipientStage create(KeyRing ring, String recipientPurpose)
      throws GeneralSecurityException {
    return new RecipientStage(KeyedTokenizer.create(ring, recipientPurpose));
  }

  /**
   * Creates the stage of a keyed tokenizer (e.g. one made for known-answer tests).
   *
   * @param recipient the recipient's tokenizer
   * @return the stage
   */
  public static RecipientStage of(KeyedTokenizer recipient) {
    return new RecipientStage(Objects.requireNonNull(recipient, "recipient"));
  }

  /**
   * Maps a producer's pseudonym to the recipient's, keeping its kind and rank flag.
   *
   * @param stageOne a pseudonym from {@link BeneficiaryPseudonyms}
   * @return the recipient's pseudonym
   */
  public BeneficiaryPseudonym apply(BeneficiaryPseudonym stageOne) {
    if (stageOne.kind() == BeneficiaryPseudonym.Kind.FICTITIOUS) {
      return BeneficiaryPseudonyms.freshFictitious();
    }
    return BeneficiaryPseudonym.of(
        recipient.rekey(Token.parse(stageOne.value())).value(),
        stageOne.kind(),
        stageOne.twinRankGiven());
  }

  /**
   * Maps a producer's pseudonym read from a file: a keyed token is re-keyed, a fictitious value is
   * replaced by a fresh one.
   *
   * @param stageOne the cell
   * @return the recipient's value
   * @throws IllegalArgumentException if the cell is neither a keyed token nor a fictitious
   *     pseudonym (the message never holds the cell)
   */
  public String apply(String stageOne) {
    if (isFictitious(stageOne)) {
      return BeneficiaryPseudonyms.freshFictitious().value();
    }
    Token t =
        Token.tryParse(stageOne)
            .filter(x -> x.scheme() == Token.Scheme.KEYED)
            .orElseThrow(
                () -> new IllegalArgumentException("not a keyed token or fictitious pseudonym"));
    return recipient.rekey(t).value();
  }

  /**
   * Returns whether a cell is a fictitious pseudonym: {@code nf1.} and 26 base32 characters.
   *
   * @param cell the cell
   * @return {@code true} for a fictitious pseudonym
   */
  public static boolean isFictitious(String cell) {
    String p = BeneficiaryPseudonym.FICTITIOUS_PREFIX;
    if (cell.length() != p.length() + 26 || !cell.startsWith(p)) {
      return false;
    }
    for (int i = p.length(); i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the recipient purpose and key id, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "RecipientStage[" + recipient + "]";
  }
}
