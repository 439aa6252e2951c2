package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyedTokenizerTest {
  static KeyRing ring;
  static KeyedTokenizer research;
  static KeyedTokenizer other;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("research-42", "research-43");
    research = KeyedTokenizer.create(ring, "research-42");
    other = KeyedTokenizer.create(ring, "research-43");
  }

  @Test
  void deterministicAndWellFormed() throws GeneralSecurityException {
    KeyedTokenizer again = KeyedTokenizer.create(ring, "research-42");
    ForAll.check(
        "keyed tokens are deterministic and well formed",
        Nirs.valid(),
        nir -> {
          Token t = research.tokenize(nir);
          assertEquals(t, again.tokenize(nir));
          assertEquals(Token.Scheme.KEYED, t.scheme());
          assertEquals(39, t.value().length());
          assertEquals(t, Token.parse(t.value()));
          assertEquals(research.keyId(), t.keyId().orElseThrow());
        });
  }

  @Test
  void textIsTokenizedExactlyLikeTheParsedNir() {
    ForAll.check(
        "tokenize(text) equals tokenize(Nir.parse(text)) on noisy input",
        Nirs.noisy(),
        noisy -> {
          assertEquals(research.tokenize(noisy.expected()), research.tokenize(noisy.text()));
          assertEquals(research.tokenize(Nir.parse(noisy.text())), research.tokenize(noisy.text()));
        });
    // Corsica, either case: the letter is part of the body, and 2A is not 2B nor department 19
    Nir corsica = Nir.parse("253072A07300443");
    assertEquals(research.tokenize(corsica), research.tokenize("2 53 07 2a 073 004 43"));
    assertEquals(research.tokenize(corsica), research.tokenize("253072A073004/43"));
  }

  @Test
  void invalidTextIsRefusedWithTheReasonAndPositionOfParse() {
    for (NirError reason : NirError.values()) {
      ForAll.check(
          "tokenize(text) refuses like Nir.parse: " + reason,
          Nirs.invalid(reason),
          text -> {
            NirFormatException expected =
                assertThrows(NirFormatException.class, () -> Nir.parse(text));
            NirFormatException actual =
                assertThrows(NirFormatException.class, () -> research.tokenize(text));
            assertEquals(reason, actual.reason());
            assertEquals(expected.reason(), actual.reason());
            assertEquals(expected.position(), actual.position());
          });
    }
    assertThrows(NullPointerException.class, () -> research.tokenize((CharSequence) null));
  }

  @Test
  void purposeKeyAndAttributesChangeTheToken() {
    ForAll.check(
        "tokens depend on purpose, key and attributes",
        Records.synthetic(),
        r -> {
          Token t = research.tokenize(r.nir());
          assertNotEquals(t, other.tokenize(r.nir()));
          assertNotEquals(t.value().substring(13), other.tokenize(r.nir()).value().substring(13));
          assertNotEquals(t, research.tokenize(r.nir(), r.birthDate(), r.sex()));
        });
  }

  @Test
  void noCollisionsOnDistinctNirs() {
    List<Nir> nirs = Nirs.valid().sample(7, 20_000);
    Set<Nir> distinct = new HashSet<>(nirs);
    Set<Token> tokens = distinct.stream().map(research::tokenize).collect(Collectors.toSet());
    assertEquals(distinct.size(), tokens.size());
  }

  @Test
  void corsicaAndDepartment19AreDifferentTokens() {
    Nir a = Nir.parse("253072A07300443");
    Nir d19 = Nir.fromBody("2530719073004");
    assertNotEquals(research.tokenize(a), research.tokenize(d19));
  }

  @Test
  void rekeyingByChainingNeedsNoNir() {
    var chain = research.chainedWith(other);
    ForAll.check(
        "re-keying an old token equals tokenizing with the chain",
        Nirs.valid(),
        nir -> {
          Token old = research.tokenize(nir);
          Token rekeyed = other.rekey(old);
          assertEquals(rekeyed, chain.apply(nir));
          assertNotEquals(rekeyed, other.tokenize(nir));
          assertEquals(other.keyId(), rekeyed.keyId().orElseThrow());
        });
  }

  @Test
  void batchEqualsOneByOne() {
    Nir[] nirs = Nirs.valid().sample(3, 500).toArray(new Nir[0]);
    Token[] batch = research.tokenizeAll(nirs);
    for (int i = 0; i < nirs.length; i++) {
      assertEquals(research.tokenize(nirs[i]), batch[i]);
    }
    assertArrayEquals(
        batch, research.tokenizeAll(java.util.Arrays.stream(nirs)).toArray(Token[]::new));
  }

  @Test
  void eightThreadsGiveTheSingleThreadResults() throws Exception {
    Nir[] nirs = Nirs.valid().sample(11, 4_000).toArray(new Nir[0]);
    Token[] expected = research.tokenizeAll(nirs);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Token[]>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> research.tokenizeAll(nirs)));
      }
      for (Future<Token[]> f : futures) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rotationMakesNewTokensWithTheNewKeyId() throws GeneralSecurityException {
    KeyRing rotated = KeyRingManager.of(ring).rotate("research-42", KeyKind.TOKEN).ring();
    KeyedTokenizer next = KeyedTokenizer.create(rotated, "research-42");
    assertNotEquals(research.keyId(), next.keyId());
    Nir nir = Nir.parse("255081416802538");
    assertNotEquals(research.tokenize(nir), next.tokenize(nir));
  }

  @Test
  void nothingSecretInToStringOrErrors() {
    Nir nir = Nir.parse("255081416802538");
    Token t = research.tokenize(nir);
    assertFalse(t.toString().contains(t.value().substring(13)));
    assertFalse(research.toString().contains("255081416802538"));
    assertTrue(research.toString().contains("research-42"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Token.parse("nt1.zz.255081416802538"));
    assertFalse(e.getMessage().contains("255081416802538"));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyedTokenizer.insecureFromRawKey(new byte[16], 1, "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> research.rekey(Token.parse("np1.00000001.aaaaaaaaaaaaaaaaaaaaaaaaaa")));
  }
}
