package io.github.nirguard.crypto;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.internal.Base32;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Pseudonyms of persons and beneficiaries built the way the French health data system (SNDS) builds
 * its own: keyed and irreversible, from the person's own NIR, or from the insured person's NIR plus
 * the beneficiary's birth date, sex and twin rank. Deterministic per key and purpose; thread-safe.
 *
 * <p>This is the same construction as the SNDS pseudonyms, not the same function: the SNDS keys are
 * secret, and nothing here reproduces its values.
 *
 * <ul>
 *   <li>{@link #person(Nir)}: the individual pseudonym of a person's own NIR, equal to {@link
 *       KeyedTokenizer#tokenize(Nir)} under the same purpose (so it joins with keyed-token
 *       columns).
 *   <li>{@link #beneficiary(Beneficiary)}: the triplet pseudonym (with the rank when given);
 *       without a rank it equals {@link KeyedTokenizer#tokenize(Nir, java.time.LocalDate,
 *       io.github.nirguard.core.Sex)}.
 *   <li>A fictitious or provisional NIR (see {@link Beneficiary#fictitious()}) gets a fresh random
 *       {@code nf1.} value on every call: two rows never share it, so it links no one to anyone.
 * </ul>
 *
 * <p>A pseudonym is stage one of two when the data goes to a recipient through a trusted third
 * party: see {@link RecipientStage}. A person's successive pseudonyms (a child on a parent's NIR,
 * then on their own) are linked by a {@link Crosswalk}.
 *
 * <pre>{@code
 * BeneficiaryPseudonyms producer = BeneficiaryPseudonyms.create(ring, "snds-producer");
 * BeneficiaryPseudonym child = producer.beneficiary(
 *     Beneficiary.of(parentNir, LocalDate.of(2014, 3, 2), Sex.FEMALE).withTwinRank(1));
 * BeneficiaryPseudonym adult = producer.person(childOwnNir);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BeneficiaryPseudonyms {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyedTokenizer tokens;

  private BeneficiaryPseudonyms(KeyedTokenizer tokens) {
    this.tokens = tokens;
  }

  /**
   * Creates the pseudonyms of a purpose, from the primary key of its {@link KeyKind#TOKEN} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose (one per database and recipient)
   * @return the pseudonyms
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws NoSuchKeysetException if the ring has no TOKEN keyset for the purpose
   */
  public static BeneficiaryPseudonyms create(KeyRing ring, String purpose)
      throws GeneralSecurityException {
    return new BeneficiaryPseudonyms(KeyedTokenizer.create(ring, purpose));
  }

  /**
   * Creates the pseudonyms of a keyed tokenizer (e.g. one made for known-answer tests).
   *
   * @param tokens the tokenizer
   * @return the pseudonyms
   */
  public static BeneficiaryPseudonyms of(KeyedTokenizer tokens) {
    return new BeneficiaryPseudonyms(Objects.requireNonNull(tokens, "tokens"));
  }

  /**
   * Returns the individual pseudonym of a person's own NIR.
   *
   * @param ownNir the person's NIR
   * @return a {@link BeneficiaryPseudonym.Kind#PERSON} pseudonym, or a fictitious one if the NIR is
   *     not strictly valid
   */
  public BeneficiaryPseudonym person(Nir ownNir) {
    if (Beneficiary.isFictitious(ownNir)) {
      return freshFictitious();
    }
    return BeneficiaryPseudonym.of(
        tokens.tokenize(ownNir).value(), BeneficiaryPseudonym.Kind.PERSON, false);
  }

  /**
   * Returns the pseudonym of a beneficiary.
   *
   * @param beneficiary the beneficiary
   * @return a {@link BeneficiaryPseudonym.Kind#BENEFICIARY} pseudonym, or a fictitious one
   */
  public BeneficiaryPseudonym beneficiary(Beneficiary beneficiary) {
    if (beneficiary.fictitious()) {
      return freshFictitious();
    }
    Token t =
        tokens.tokenize(
            beneficiary.openingRightsNir(),
            beneficiary.birthDate(),
            beneficiary.sex(),
            beneficiary.twinRank());
    return BeneficiaryPseudonym.of(
        t.value(), BeneficiaryPseudonym.Kind.BENEFICIARY, beneficiary.twinRank() != 0);
  }

  /**
   * Returns the purpose the pseudonyms are bound to.
   *
   * @return the purpose
   */
  public String purpose() {
    return tokens.purpose();
  }

  /**
   * Returns a fresh pseudonym for a NIR that the source system marks fictitious or provisional: 128
   * random bits in the {@code nf1} domain, never repeated, linked to no one.
   *
   * @return a {@link BeneficiaryPseudonym.Kind#FICTITIOUS} pseudonym
   */
  public BeneficiaryPseudonym fictitious() {
    return freshFictitious();
  }

  /** A fresh pseudonym from the fictitious domain: 128 random bits, never repeated. */
  static BeneficiaryPseudonym freshFictitious() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    byte[] chars = new byte[26];
    Base32.encode16(random, 0, chars, 0);
    return BeneficiaryPseudonym.of(
        BeneficiaryPseudonym.FICTITIOUS_PREFIX + new String(chars, StandardCharsets.US_ASCII),
        BeneficiaryPseudonym.Kind.FICTITIOUS,
        false);
  }

  /**
   * Returns the purpose and key id, never key material.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "BeneficiaryPseudonyms[" + tokens + "]";
  }
}
