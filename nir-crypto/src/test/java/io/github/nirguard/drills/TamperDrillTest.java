package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tamper drill for record envelopes and reversible tokens: every single-bit flip of the
 * ciphertext, truncations, wrong purpose, wrong key, wrong associated data. Every mutation must be
 * refused; zero may be accepted. Prints the number of mutations tried.
 */
class TamperDrillTest {
  static KeyRing ring;
  static KeyRing otherRing;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyRingManager keys = KeyRingManager.empty();
    KeyRingManager otherKeys = KeyRingManager.empty();
    for (KeyKind k : KeyKind.values()) {
      keys = keys.add("drill", k).add("drill-2", k);
      otherKeys = otherKeys.add("drill", k);
    }
    ring = keys.ring();
    otherRing = otherKeys.ring();
  }

  static int samples() {
    return Math.max(20, ForAll.size() / 20);
  }

  @Test
  void recordEnvelopes() throws GeneralSecurityException {
    RecordSealer sealer = RecordSealer.create(ring, "drill");
    RecordSealer otherPurpose = RecordSealer.create(ring, "drill-2");
    RecordSealer otherKey = RecordSealer.create(otherRing, "drill");
    RecordSealer otherSchema = RecordSealer.create(ring, "drill", 2);
    List<String> names = List.of("last_name", "first_name");
    long[] mutations = {0};
    long[] accepted = {0};
    ForAll.check(
        "record envelope mutations are refused",
        samples(),
        ForAll.seed(),
        Records.synthetic(),
        r -> {
          String pseudonym = "nt1.00000001." + r.nir().body();
          List<String> values = List.of(r.lastName(), r.firstName());
          try {
            String cell = sealer.seal(pseudonym, names, values);
            byte[] ct = Base64.getUrlDecoder().decode(cell.substring(4));
            for (int bit = 0; bit < ct.length * 8; bit++) {
              byte[] m = ct.clone();
              m[bit / 8] ^= (byte) (1 << (bit % 8));
              count(
                  mutations,
                  accepted,
                  () ->
                      sealer.open(
                          pseudonym,
                          names,
                          "ne1." + Base64.getUrlEncoder().withoutPadding().encodeToString(m)));
            }
            for (int len = 0; len < ct.length; len += 3) {
              byte[] m = java.util.Arrays.copyOf(ct, len);
              count(
                  mutations,
                  accepted,
                  () ->
                      sealer.open(
                          pseudonym,
                          names,
                          "ne1." + Base64.getUrlEncoder().withoutPadding().encodeToString(m)));
            }
            count(mutations, accepted, () -> sealer.open(pseudonym + "x", names, cell));
            count(
                mutations,
                accepted,
                () -> sealer.open(pseudonym, List.of("first_name", "last_name"), cell));
            count(mutations, accepted, () -> sealer.open(pseudonym, List.of("last_name"), cell));
            count(mutations, accepted, () -> otherPurpose.open(pseudonym, names, cell));
            count(mutations, accepted, () -> otherKey.open(pseudonym, names, cell));
            count(mutations, accepted, () -> otherSchema.open(pseudonym, names, cell));
            count(mutations, accepted, () -> sealer.open(pseudonym, names, cell + "A"));
            count(
                mutations,
                accepted,
                () -> sealer.open(pseudonym, names, cell.replace("ne1.", "ne2.")));
            assertEquals(
                values, sealer.open(pseudonym, names, cell), "the unmodified cell still opens");
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
    System.out.println(
        "tamper drill, record envelopes: "
            + mutations[0]
            + " mutations, "
            + accepted[0]
            + " accepted");
    assertEquals(0, accepted[0]);
    assertTrue(mutations[0] >= samples() * 300L);
  }

  @Test
  void reversibleTokens() throws GeneralSecurityException {
    for (String scheme : new String[] {"prp", "siv"}) {
      ReversibleTokenizer t =
          scheme.equals("prp")
              ? ReversibleTokenizer.prp(ring, "drill")
              : ReversibleTokenizer.siv(ring, "drill");
      ReversibleTokenizer otherPurpose =
          scheme.equals("prp")
              ? ReversibleTokenizer.prp(ring, "drill-2")
              : ReversibleTokenizer.siv(ring, "drill-2");
      ReversibleTokenizer otherKey =
          scheme.equals("prp")
              ? ReversibleTokenizer.prp(otherRing, "drill")
              : ReversibleTokenizer.siv(otherRing, "drill");
      long[] mutations = {0};
      long[] accepted = {0};
      ForAll.check(
          scheme + " token mutations are refused",
          samples(),
          ForAll.seed(),
          Nirs.valid(),
          nir -> {
            Token token = t.tokenize(nir);
            String v = token.value();
            // every character replaced by every other character of its alphabet
            String alphabet =
                scheme.equals("prp")
                    ? "abcdefghijklmnopqrstuvwxyz234567"
                    : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int from = scheme.equals("prp") ? 13 : 4;
            for (int i = from; i < v.length(); i++) {
              for (int a = 0; a < alphabet.length(); a += 5) {
                char c = alphabet.charAt(a);
                if (Character.toLowerCase(c) == Character.toLowerCase(v.charAt(i))
                        && scheme.equals("prp")
                    || c == v.charAt(i)) {
                  continue;
                }
                String m = v.substring(0, i) + c + v.substring(i + 1);
                Optional<Token> parsed = Token.tryParse(m);
                if (parsed.isPresent()) {
                  count(mutations, accepted, () -> t.reveal(parsed.get()));
                } else {
                  mutations[0]++; // refused at parsing
                }
              }
            }
            count(mutations, accepted, () -> otherPurpose.reveal(token));
            count(mutations, accepted, () -> otherKey.reveal(token));
            try {
              assertEquals(nir, t.reveal(token));
            } catch (GeneralSecurityException e) {
              throw new AssertionError(e);
            }
          });
      System.out.println(
          "tamper drill, "
              + scheme
              + " tokens: "
              + mutations[0]
              + " mutations, "
              + accepted[0]
              + " accepted");
      assertEquals(0, accepted[0], scheme);
    }
  }

  /**
   * Key id swaps: after a rotation both keys open, so a ciphertext relabelled with the other key's
   * id must still be refused (PRP tokens carry the id in clear; SIV tokens and sealed cells in
   * Tink's 5-byte prefix).
   */
  @Test
  void keyIdSwapsAfterRotationAreRefused() throws GeneralSecurityException {
    KeyKind[] kinds = {KeyKind.PRP_TOKEN, KeyKind.SIV_TOKEN, KeyKind.RECORD};
    KeyRingManager keys = KeyRingManager.empty().add("drill", kinds);
    KeyRing before = keys.ring();
    for (KeyKind k : kinds) {
      keys = keys.rotate("drill", k);
    }
    KeyRing after = keys.ring();
    ReversibleTokenizer prpOld = ReversibleTokenizer.prp(before, "drill");
    ReversibleTokenizer prpNew = ReversibleTokenizer.prp(after, "drill");
    ReversibleTokenizer sivOld = ReversibleTokenizer.siv(before, "drill");
    ReversibleTokenizer sivNew = ReversibleTokenizer.siv(after, "drill");
    RecordSealer sealOld = RecordSealer.create(before, "drill");
    RecordSealer sealNew = RecordSealer.create(after, "drill");
    List<String> names = List.of("last_name", "first_name");
    long[] mutations = {0};
    long[] accepted = {0};
    ForAll.check(
        "key id swaps are refused",
        samples(),
        ForAll.seed(),
        Records.synthetic(),
        r -> {
          try {
            Token oldPrp = prpOld.tokenize(r.nir());
            Token newPrp = prpNew.tokenize(r.nir());
            assertEquals(r.nir(), prpNew.reveal(oldPrp), "the rotated ring still opens old tokens");
            // each token relabelled with the other key's id
            Token prpA =
                Token.parse(newPrp.value().substring(0, 13) + oldPrp.value().substring(13));
            Token prpB =
                Token.parse(oldPrp.value().substring(0, 13) + newPrp.value().substring(13));
            count(mutations, accepted, () -> prpNew.reveal(prpA));
            count(mutations, accepted, () -> prpNew.reveal(prpB));
            Token oldSiv = sivOld.tokenize(r.nir());
            Token newSiv = sivNew.tokenize(r.nir());
            assertEquals(r.nir(), sivNew.reveal(oldSiv));
            Token sivA =
                Token.parse(
                    "ns1."
                        + swapTinkPrefix(oldSiv.value().substring(4), newSiv.value().substring(4)));
            Token sivB =
                Token.parse(
                    "ns1."
                        + swapTinkPrefix(newSiv.value().substring(4), oldSiv.value().substring(4)));
            count(mutations, accepted, () -> sivNew.reveal(sivA));
            count(mutations, accepted, () -> sivNew.reveal(sivB));
            String pseudonym = "nt1.00000001." + r.nir().body();
            List<String> values = List.of(r.lastName(), r.firstName());
            String oldCell = sealOld.seal(pseudonym, names, values);
            String newCell = sealNew.seal(pseudonym, names, values);
            assertEquals(values, sealNew.open(pseudonym, names, oldCell));
            count(
                mutations,
                accepted,
                () ->
                    sealNew.open(
                        pseudonym,
                        names,
                        RecordSealer.PREFIX
                            + swapTinkPrefix(oldCell.substring(4), newCell.substring(4))));
            count(
                mutations,
                accepted,
                () ->
                    sealNew.open(
                        pseudonym,
                        names,
                        RecordSealer.PREFIX
                            + swapTinkPrefix(newCell.substring(4), oldCell.substring(4))));
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
    System.out.println(
        "tamper drill, key id swaps after rotation: "
            + mutations[0]
            + " mutations, "
            + accepted[0]
            + " accepted");
    assertEquals(0, accepted[0]);
    assertEquals(6L * samples(), mutations[0]);
  }

  /**
   * The base64url ciphertext {@code target} with the Tink prefix (version byte + key id) of {@code
   * donor}.
   */
  static String swapTinkPrefix(String target, String donor) {
    byte[] t = Base64.getUrlDecoder().decode(target);
    byte[] d = Base64.getUrlDecoder().decode(donor);
    assertEquals(1, t[0], "Tink prefix");
    System.arraycopy(d, 0, t, 0, 5);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(t);
  }

  interface Attempt {
    Object run() throws GeneralSecurityException;
  }

  static void count(long[] mutations, long[] accepted, Attempt a) {
    mutations[0]++;
    try {
      a.run();
      accepted[0]++;
    } catch (GeneralSecurityException | IllegalArgumentException refused) {
      // refused: what we want
    }
  }
}
