package io.github.nirguard.protect;

import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.SpanTokenizer;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.scan.NirScanner;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The primitives a policy's codecs use, made once per file from the keysets {@link KeyNeeds} names:
 * the primary keys to protect; to reveal, the keys the rows name (FPE key in the row seal, token
 * key in the token), each made once.
 */
final class Engines {
  final ProtectionPolicy policy;
  final NirValidator validator;

  /** Primary keys (protect) or null where the policy does not need them. */
  private final @Nullable KeyedTokenizer tokenizer;

  private final @Nullable ReversibleTokenizer reversible;
  private final @Nullable NirFpe fpe;

  /** The {@code scan:reversible} redactor (both ways), or null. */
  private final @Nullable ReversibleRedactor redactor;

  /** The row seal, or null when nothing is reversible. */
  private final RecordSealer.@Nullable Fields sealer;

  /**
   * Finds NIRs in text: the {@code scan} actions and the whole-file safety net. The policy's
   * profile, plus never-real test NIRs (a leak of test data is still a leak of the shape).
   */
  private final NirScanner scanner;

  private final KeyRing ring;
  private final Map<Integer, NirFpe> fpeByKey = new ConcurrentHashMap<>();
  private final Map<Integer, KeyedTokenizer> tokenizerByKey = new ConcurrentHashMap<>();

  Engines(ProtectionPolicy policy, Layout layout, KeyRing ring, boolean protect)
      throws GeneralSecurityException {
    this.policy = policy;
    this.ring = ring;
    this.validator = NirValidator.named(policy.nirProfile());
    this.scanner =
        NirScanner.builder().profile(NirProfile.named(policy.nirProfile())).neverReal(true).build();
    String purpose = policy.purpose();
    Set<KeyKind> kinds = KeyNeeds.of(policy, protect);
    for (KeyKind k : kinds) {
      if (!ring.contains(purpose, k)) { // before any row
        throw new PolicyException(
            0,
            "the key ring lacks a keyset the policy needs: purpose '"
                + purpose
                + "', kind "
                + k.label());
      }
    }
    this.tokenizer =
        protect && kinds.contains(KeyKind.TOKEN) ? KeyedTokenizer.create(ring, purpose) : null;
    this.reversible =
        kinds.contains(KeyKind.PRP_TOKEN) ? ReversibleTokenizer.prp(ring, purpose) : null;
    this.redactor =
        kinds.contains(KeyKind.SIV_TOKEN)
            ? new ReversibleRedactor(SpanTokenizer.create(ring, purpose), scanner)
            : null;
    this.fpe =
        protect && kinds.contains(KeyKind.FPE)
            ? NirFpe.create(ring, purpose, policy.fpeMode())
            : null;
    this.sealer =
        layout.sealedIndex >= 0
            ? RecordSealer.create(ring, purpose, policy.schemaVersion())
                .forFields(layout.sealedNames)
            : null;
  }

  /** The FPE of a key a row seal names; a key the keyset lacks is refused. */
  NirFpe fpe(int keyId) throws GeneralSecurityException {
    NirFpe f = fpeByKey.get(keyId);
    if (f == null) {
      f = NirFpe.forKey(ring, policy.purpose(), policy.fpeMode(), keyId);
      fpeByKey.put(keyId, f);
    }
    return f;
  }

  /** The keyed tokenizer of a key a token names; a key the keyset lacks is refused. */
  KeyedTokenizer tokenizer(int keyId) throws GeneralSecurityException {
    KeyedTokenizer t = tokenizerByKey.get(keyId);
    if (t == null) {
      t = KeyedTokenizer.forKey(ring, policy.purpose(), keyId);
      tokenizerByKey.put(keyId, t);
    }
    return t;
  }

  /** The NIR scanner of this policy. */
  NirScanner scanner() {
    return scanner;
  }

  /** Whether a cell written from clear text still holds a NIR. */
  boolean leaks(String cell) {
    return !cell.isEmpty() && scanner.count(cell) > 0;
  }

  /** The primary keyed tokenizer; only codecs of a policy that needs one ask for it. */
  KeyedTokenizer primaryTokenizer() {
    return bound(tokenizer, "token");
  }

  /** The reversible (PRP) tokenizer. */
  ReversibleTokenizer reversible() {
    return bound(reversible, "prp-token");
  }

  /** The {@code scan:reversible} redactor. */
  ReversibleRedactor redactor() {
    return bound(redactor, "siv-token");
  }

  /** The primary FPE engine (protect only). */
  NirFpe primaryFpe() {
    return bound(fpe, "fpe");
  }

  /** Whether this file is protected with FPE (then the row seal names its key). */
  boolean hasFpe() {
    return fpe != null;
  }

  /** The row seal. */
  RecordSealer.Fields sealer() {
    return bound(sealer, "record");
  }

  private static <T> T bound(@Nullable T engine, String kind) {
    if (engine == null) { // a codec asked for an engine its policy's key needs did not bind
      throw new IllegalStateException("no " + kind + " engine bound for this policy");
    }
    return engine;
  }
}
