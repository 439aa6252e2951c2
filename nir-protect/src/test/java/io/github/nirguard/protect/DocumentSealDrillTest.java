package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.SpanTokenizer;
import io.github.nirguard.protect.RedactionException.Reason;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.ScanCorpus;
import io.github.nirguard.validate.scan.NirScanner;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack drill of the document seal (decision 0022): redacted documents from the scan corpus,
 * each mutated the ways an editor could — tokens swapped, moved in from another document, put in
 * place of another, duplicated, deleted; the seal deleted, replaced by another document's, text
 * added after it; the text cut anywhere; one character of prose changed — and not one mutated
 * document reveals with success, whole or streamed. The seal covers the whole text, prose included:
 * an edit of the prose is refused too.
 */
class DocumentSealDrillTest {
  static final NirScanner SCANNER = NirScanner.builder().neverReal(true).build();
  static final int CASES = 12_000;
  static final Pattern MESSAGE =
      Pattern.compile("[A-Z_]+ at character \\d+ \\(0-based\\): the whole text is refused");

  static ReversibleRedactor redactor;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyRing ring = KeyRingManager.empty().add("lab-notes", KeyKind.SIV_TOKEN).ring();
    redactor = ReversibleRedactor.create(ring, "lab-notes", SCANNER);
  }

  enum Mutation {
    SWAP_TOKENS,
    MOVE_TOKEN_IN,
    REPLACE_BY_FOREIGN_TOKEN,
    DUPLICATE_TOKEN,
    DELETE_TOKEN,
    DELETE_SEAL,
    OTHER_DOCUMENTS_SEAL,
    TEXT_AFTER_SEAL,
    TRUNCATE,
    EDIT_PROSE
  }

  /** What reveal may answer to each mutation (the tokens themselves all authenticate). */
  static final Map<Mutation, Set<Reason>> EXPECTED = new EnumMap<>(Mutation.class);

  static {
    Set<Reason> sealRefused = EnumSet.of(Reason.SEAL_REFUSED);
    for (Mutation m : Mutation.values()) {
      EXPECTED.put(m, sealRefused);
    }
    EXPECTED.put(Mutation.DELETE_SEAL, EnumSet.of(Reason.SEAL_MISSING));
    EXPECTED.put(Mutation.TEXT_AFTER_SEAL, EnumSet.of(Reason.SEAL_MISPLACED));
    EXPECTED.put(
        Mutation.TRUNCATE,
        EnumSet.of(Reason.SEAL_MISSING, Reason.MALFORMED_TOKEN, Reason.SEAL_MISPLACED));
  }

  /** A redacted document, its original text and where its tokens and seal are. */
  record Doc(String text, String doc, List<int[]> tokens, int sealAt) {
    static Doc of(String text) {
      String doc;
      try {
        doc = redactor.redact(text);
      } catch (RedactionException e) {
        throw new AssertionError(e.reason().name());
      }
      List<int[]> tokens = new ArrayList<>();
      int i = 0;
      int at;
      while ((at = SpanTokenizer.indexOfPrefix(doc, i, doc.length())) >= 0) {
        int end = doc.indexOf(SpanTokenizer.END, at) + 1;
        tokens.add(new int[] {at, end});
        i = end;
      }
      int[] seal = tokens.remove(tokens.size() - 1);
      assertTrue(doc.startsWith(SpanTokenizer.SEAL_PREFIX, seal[0]), "the seal ends the document");
      return new Doc(text, doc, tokens, seal[0]);
    }

    String token(int k) {
      return doc.substring(tokens.get(k)[0], tokens.get(k)[1]);
    }

    String seal() {
      return doc.substring(sealAt);
    }

    /** A random index of the body (before the seal) that is not inside a token. */
    int boundary(SplittableRandom r) {
      while (true) {
        int i = r.nextInt(sealAt + 1);
        if (tokens.stream().noneMatch(t -> t[0] < i && i < t[1])) {
          return i;
        }
      }
    }
  }

  record Case(Doc a, Mutation mutation, String mutated) {}

  static final Gen<String> TEXTS =
      new Gen<>() {
        final Gen<ScanCorpus.Sentence> sentences = ScanCorpus.sentences();
        final Gen<ScanCorpus.Sentence> neverReal = ScanCorpus.neverRealSentences();

        @Override
        public String next(SplittableRandom r) {
          StringBuilder b = new StringBuilder();
          int n = 2 + r.nextInt(4);
          for (int i = 0; i < n; i++) {
            b.append((r.nextBoolean() ? sentences : neverReal).next(r).text());
            b.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
          }
          return b.toString();
        }
      };

  static final Gen<Case> CASES_GEN =
      r -> {
        Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
        while (true) { // documents until this mutation applies (two tokens to swap…)
          Doc a = Doc.of(TEXTS.next(r));
          Doc b = Doc.of(TEXTS.next(r));
          String mutated = mutate(a, b, m, r);
          if (mutated != null && !mutated.equals(a.doc())) {
            return new Case(a, m, mutated);
          }
        }
      };

  /** The document mutated, or null when this one cannot be (too few tokens). */
  static String mutate(Doc a, Doc b, Mutation m, SplittableRandom r) {
    String d = a.doc();
    int n = a.tokens().size();
    switch (m) {
      case SWAP_TOKENS:
        {
          if (n < 2) {
            return null;
          }
          int i = r.nextInt(n);
          int j = r.nextInt(n);
          if (i == j) {
            return null;
          }
          int x = Math.min(i, j);
          int y = Math.max(i, j);
          int[] tx = a.tokens().get(x);
          int[] ty = a.tokens().get(y);
          return d.substring(0, tx[0])
              + a.token(y)
              + d.substring(tx[1], ty[0])
              + a.token(x)
              + d.substring(ty[1]);
        }
      case MOVE_TOKEN_IN:
        {
          if (b.tokens().isEmpty()) {
            return null;
          }
          int at = a.boundary(r);
          return d.substring(0, at) + b.token(r.nextInt(b.tokens().size())) + d.substring(at);
        }
      case REPLACE_BY_FOREIGN_TOKEN:
        {
          if (n == 0 || b.tokens().isEmpty()) {
            return null;
          }
          int[] t = a.tokens().get(r.nextInt(n));
          return d.substring(0, t[0]) + b.token(r.nextInt(b.tokens().size())) + d.substring(t[1]);
        }
      case DUPLICATE_TOKEN:
        {
          if (n == 0) {
            return null;
          }
          int at = a.boundary(r);
          return d.substring(0, at) + a.token(r.nextInt(n)) + d.substring(at);
        }
      case DELETE_TOKEN:
        {
          if (n == 0) {
            return null;
          }
          int[] t = a.tokens().get(r.nextInt(n));
          return d.substring(0, t[0]) + d.substring(t[1]);
        }
      case DELETE_SEAL:
        return d.substring(0, a.sealAt()) + (r.nextBoolean() ? "\n" : "");
      case OTHER_DOCUMENTS_SEAL:
        return d.substring(0, a.sealAt()) + b.seal();
      case TEXT_AFTER_SEAL:
        return d + List.of("x", "\n", "fin.\n", b.doc()).get(r.nextInt(4));
      case TRUNCATE:
        return d.substring(0, r.nextInt(d.length()));
      case EDIT_PROSE:
        {
          int at = a.boundary(r);
          if (at == a.sealAt() || r.nextBoolean()) { // insert a character
            return d.substring(0, at) + " x.0\n".charAt(r.nextInt(5)) + d.substring(at);
          }
          if (a.tokens().stream().anyMatch(t -> t[0] == at)) {
            return null;
          }
          return d.substring(0, at) + " x.0\n".charAt(r.nextInt(5)) + d.substring(at + 1);
        }
      default:
        throw new AssertionError(m);
    }
  }

  @Test
  void noMutatedDocumentRevealsWithSuccess() {
    Map<Mutation, Integer> seen = new EnumMap<>(Mutation.class);
    Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    int[] tokens = new int[1];
    ForAll.check(
        "document seal drill",
        CASES,
        ForAll.seed(),
        CASES_GEN,
        c -> {
          try {
            assertEquals(c.a().text(), redactor.reveal(c.a().doc()), "the original reveals");
          } catch (RedactionException e) {
            throw new AssertionError("the original was refused: " + e.reason());
          }
          RedactionException e =
              assertThrows(RedactionException.class, () -> redactor.reveal(c.mutated()));
          assertTrue(
              EXPECTED.get(c.mutation()).contains(e.reason()), c.mutation() + ": " + e.reason());
          assertTrue(MESSAGE.matcher(e.getMessage()).matches(), "the message holds no value");
          assertTrue(e.position() >= 0 && e.position() <= c.mutated().length());
          RedactionException streamed =
              assertThrows(
                  RedactionException.class,
                  () ->
                      redactor.reveal(
                          new ReversibleRedactorTest.DripReader(c.mutated()), new StringWriter()));
          assertEquals(e.reason(), streamed.reason(), "streamed: the same reason");
          assertEquals(e.position(), streamed.position(), "streamed: the same position");
          seen.merge(c.mutation(), 1, Integer::sum);
          reasons.merge(e.reason(), 1, Integer::sum);
          tokens[0] += c.a().tokens().size();
        });
    System.out.println("document seal drill: " + seen + ", refused as " + reasons);
    int total = seen.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(CASES, total);
    for (Mutation m : Mutation.values()) {
      assertTrue(seen.getOrDefault(m, 0) >= CASES / 20, m + " drilled " + seen.get(m) + " times");
    }
    assertTrue(tokens[0] > CASES, "documents hold tokens: " + tokens[0]);
  }

  @Test
  void theInsecureRevealPassesWhatTheSealRefuses() throws Exception {
    Doc a = Doc.of(TEXTS.next(new SplittableRandom(5)));
    Doc b = Doc.of(TEXTS.next(new SplittableRandom(6)));
    SplittableRandom r = new SplittableRandom(7);
    String swapped = null;
    while (swapped == null || swapped.equals(a.doc())) {
      swapped = mutate(a, b, Mutation.SWAP_TOKENS, r);
    }
    String s = swapped;
    assertEquals(
        Reason.SEAL_REFUSED,
        assertThrows(RedactionException.class, () -> redactor.reveal(s)).reason());
    String insecure = redactor.revealInsecureUnsealed(swapped);
    assertNotEquals(a.text(), insecure, "the swap went through: what the seal is for");
    assertEquals(
        a.text(), redactor.revealInsecureUnsealed(a.doc()), "a seal at the end is skipped");
    String bare = a.doc().substring(0, a.sealAt());
    assertEquals(a.text(), redactor.revealInsecureUnsealed(bare), "no seal is needed");
    StringWriter out = new StringWriter();
    assertEquals(
        a.tokens().size(),
        redactor.revealInsecureUnsealed(new ReversibleRedactorTest.DripReader(bare), out));
    assertEquals(a.text(), out.toString());
    RedactionException misplaced =
        assertThrows(
            RedactionException.class, () -> redactor.revealInsecureUnsealed(a.doc() + "x"));
    assertEquals(Reason.SEAL_MISPLACED, misplaced.reason());
    assertEquals(a.sealAt(), misplaced.position());
  }

  @Test
  void aCellHasNoSealAndRefusesOne() throws Exception {
    String text = "NIR 2 55 08 14 168 025 38.";
    String cell = redactor.redactCell(text);
    assertEquals(-1, cell.indexOf(SpanTokenizer.SEAL_PREFIX));
    assertEquals(text, redactor.revealCell(cell));
    String doc = redactor.redact(text);
    assertEquals(cell, doc.substring(0, doc.indexOf(SpanTokenizer.SEAL_PREFIX)));
    RedactionException e = assertThrows(RedactionException.class, () -> redactor.revealCell(doc));
    assertEquals(Reason.MALFORMED_TOKEN, e.reason());
    assertEquals(cell.length(), e.position());
  }
}
