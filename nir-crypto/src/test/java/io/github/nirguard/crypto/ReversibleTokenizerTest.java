package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReversibleTokenizerTest {
  static KeyRing ring;
  static KeyRing otherRing;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-export", "lab-audit");
    otherRing = TestKeys.ring("lab-export");
  }

  static ReversibleTokenizer scheme(KeyRing r, String name, String purpose)
      throws GeneralSecurityException {
    return name.equals("prp")
        ? ReversibleTokenizer.prp(r, purpose)
        : ReversibleTokenizer.siv(r, purpose);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prp", "siv"})
  void roundTripOnEveryCategoryAndMonthKind(String name) throws GeneralSecurityException {
    ReversibleTokenizer t = scheme(ring, name, "lab-export");
    for (Nirs.Category c : Nirs.Category.values()) {
      for (BirthMonth.Kind k :
          new BirthMonth.Kind[] {
            BirthMonth.Kind.KNOWN, BirthMonth.Kind.PSEUDO_FICTITIOUS, BirthMonth.Kind.UNKNOWN
          }) {
        ForAll.check(
            name + " round trip " + c + " " + k,
            Math.max(100, ForAll.size() / 10),
            ForAll.seed(),
            Nirs.valid(c, k),
            nir -> {
              Token token = t.tokenize(nir);
              assertEquals(token, t.tokenize(nir), "deterministic");
              assertEquals(token, Token.parse(token.value()));
              try {
                assertEquals(nir, t.reveal(token));
              } catch (GeneralSecurityException e) {
                throw new AssertionError("reveal failed", e);
              }
            });
      }
    }
    for (Leniency l : Leniency.values()) {
      Nir lenient = Nirs.lenientOnly(l).sample(1, 1).get(0);
      assertEquals(lenient, t.reveal(t.tokenize(lenient)));
    }
    Nir neverReal = Nirs.neverReal().sample(1, 1).get(0);
    assertEquals(neverReal, t.reveal(t.tokenize(neverReal)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prp", "siv"})
  void wrongPurposeOrKeyFailsNeverAWrongNir(String name) throws GeneralSecurityException {
    ReversibleTokenizer export = scheme(ring, name, "lab-export");
    ReversibleTokenizer audit = scheme(ring, name, "lab-audit");
    ReversibleTokenizer foreign = scheme(otherRing, name, "lab-export");
    ForAll.check(
        name + " wrong purpose or key is refused",
        Nirs.valid(),
        nir -> {
          Token token = export.tokenize(nir);
          assertNotEquals(token, audit.tokenize(nir));
          assertThrows(GeneralSecurityException.class, () -> audit.reveal(token));
          assertThrows(GeneralSecurityException.class, () -> foreign.reveal(token));
        });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prp", "siv"})
  void everyAlteredCharacterIsRefused(String name) throws GeneralSecurityException {
    ReversibleTokenizer t = scheme(ring, name, "lab-export");
    ForAll.check(
        name + " altered tokens are refused",
        Math.max(50, ForAll.size() / 20),
        ForAll.seed(),
        Nirs.valid(),
        nir -> {
          String v = t.tokenize(nir).value();
          for (int i = 4; i < v.length(); i++) {
            char[] c = v.toCharArray();
            c[i] = c[i] == 'a' ? 'b' : 'a';
            Optional<Token> altered = Token.tryParse(new String(c));
            if (altered.isPresent() && !altered.get().value().equalsIgnoreCase(v)) {
              Token bad = altered.get();
              try {
                Nir back = t.reveal(bad);
                throw new AssertionError(
                    "an altered token revealed "
                        + (back.equals(nir) ? "the same" : "another")
                        + " NIR");
              } catch (GeneralSecurityException expected) {
                // refused: good
              }
            }
          }
        });
  }

  /**
   * More threads than the PRP tokenizer's engine slots (64), in three waves so that thread ids
   * share slots and threads end while their engines sit in a slot: every thread gets exactly the
   * tokens of one thread alone.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prp", "siv"})
  void manyThreadsGetTheTokensOfOne(String name) throws Exception {
    ReversibleTokenizer t = scheme(ring, name, "lab-export");
    List<Nir> nirs = Nirs.valid().sample(ForAll.seed(), 200);
    List<Token> expected = new ArrayList<>();
    for (Nir n : nirs) {
      expected.add(t.tokenize(n));
    }
    for (int wave = 0; wave < 3; wave++) {
      ExecutorService pool = Executors.newFixedThreadPool(80);
      try {
        List<Future<List<Token>>> results = new ArrayList<>();
        for (int k = 0; k < 80; k++) {
          int shift = k;
          results.add(
              pool.submit(
                  () -> {
                    Token[] out = new Token[nirs.size()];
                    for (int i = 0; i < nirs.size(); i++) {
                      int j = (i + shift) % nirs.size();
                      out[j] = t.tokenize(nirs.get(j));
                    }
                    return List.of(out);
                  }));
        }
        for (Future<List<Token>> f : results) {
          assertEquals(expected, f.get(), "seed " + ForAll.seed());
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void descriptionsNameTheSchemeAndPurposeNeverTheKey() throws GeneralSecurityException {
    assertEquals(
        "ReversibleTokenizer[siv, purpose=lab-audit]",
        ReversibleTokenizer.siv(ring, "lab-audit").toString());
    String prp = ReversibleTokenizer.prp(ring, "lab-audit").toString();
    assertTrue(prp.matches("ReversibleTokenizer\\[prp, purpose=lab-audit, key=[0-9a-f]{8}]"), prp);
  }
}
