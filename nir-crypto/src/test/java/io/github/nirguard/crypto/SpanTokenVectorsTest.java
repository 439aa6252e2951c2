package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.ScanCorpus;
import io.github.nirguard.validate.scan.NirMatch;
import io.github.nirguard.validate.scan.NirScanner;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The specification's span-token vectors ({@code docs/spec/vectors/span-tokens.jsonl.gz}, spec
 * §7.1): NIRs as the scan corpus writes them (every spelling: spaces, no-break spaces, dots,
 * dashes, slash, key on the next line, Corsica in either case, bodies after a label), under both
 * keys of a rotation; whole redacted texts; tokens that must be refused (altered, truncated,
 * another purpose's, another case). Recomputed on every build; rewritten with {@code
 * -Dnirguard.regenerateSpecVectors=true}.
 */
class SpanTokenVectorsTest {
  static final String FILE = "span-tokens.jsonl.gz";
  static final int ROWS = 6000;

  /** Finds the corpus's NIRs, never-real ones included, as {@code ReversibleRedactor} does. */
  static final NirScanner SCANNER = NirScanner.builder().neverReal(true).build();

  static KeyRing before; // key 1 primary
  static KeyRing after; // keys 1 and 2, key 2 primary

  @BeforeAll
  static void keys() throws Exception {
    before = SpecVectorsTest.ring(false);
    after = SpecVectorsTest.ring(true);
  }

  static SpanTokenizer spans(String purpose, int n) throws GeneralSecurityException {
    return SpanTokenizer.create(n == 1 ? before : after, purpose);
  }

  /** The text with each NIR the scanner finds replaced by its span token (spec §7.1). */
  static String redact(SpanTokenizer t, String text) {
    StringBuilder b = new StringBuilder();
    int written = 0;
    for (NirMatch m : SCANNER.findAll(text)) {
      b.append(text, written, (int) m.start());
      b.append(t.tokenize(text.substring((int) m.start(), (int) m.end())));
      written = (int) m.end();
    }
    return b.append(text, written, text.length()).toString();
  }

  static List<Map<String, @Nullable Object>> rows() throws GeneralSecurityException {
    SplittableRandom random = new SplittableRandom(SpecVectorsTest.SEED + 22);
    List<Gen<ScanCorpus.Sentence>> gens =
        List.of(ScanCorpus.sentences(), ScanCorpus.neverRealSentences());
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String purpose = SpecVectorsTest.PURPOSES.get(i % 3);
      int n = 1 + (i / 3) % 2;
      SpanTokenizer t = spans(purpose, n);
      Gen<ScanCorpus.Sentence> gen = gens.get((i / 6) % 2);
      Map<String, @Nullable Object> row =
          Jsonl.row(
              "kind", "span",
              "purpose", purpose,
              "key_id", Token.hex8(SpecVectorsTest.keyId(purpose, KeyKind.SIV_TOKEN, n)),
              "spelling", null,
              "span", null,
              "token", null,
              "text", null,
              "redacted", null);
      if (i % 10 == 9) { // whole texts: two sentences on two lines, NIRs or not
        String text = gen.next(random).text() + "\n" + gen.next(random).text();
        row.put("kind", "text");
        row.put("text", text);
        String redacted = redact(t, text);
        row.put("redacted", redacted);
        String sealed = seal(t, redacted);
        row.put("sealed", sealed);
        Object[] tampered = tampered(sealed, (i / 10) % 3);
        row.put("tampered", tampered[0]);
        row.put("reason", tampered[1]);
        row.put("position", tampered[2]);
        rows.add(row);
        continue;
      }
      ScanCorpus.Sentence s = gen.next(random);
      while (s.planted().isEmpty()) {
        s = gen.next(random);
      }
      ScanCorpus.Planted p = s.planted().get(0);
      String span = s.text().substring(p.start(), p.end());
      String token = t.tokenize(span);
      row.put("spelling", p.spelling().name());
      row.put("span", span);
      row.put("token", token);
      if (i % 25 == 12) { // refused: the span is null
        row.put("span", null);
        row.put("token", altered(token, (i / 25) % 4, random, purpose, span));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The redacted text then its document seal and a line break (spec §7.1). */
  static String seal(SpanTokenizer t, String redacted) throws GeneralSecurityException {
    long tokens = 0;
    int i = 0;
    while ((i = SpanTokenizer.indexOfPrefix(redacted, i, redacted.length())) >= 0) {
      tokens++;
      i++;
    }
    return redacted + t.seal(sha256(redacted), tokens) + "\n";
  }

  static byte[] sha256(String text) throws GeneralSecurityException {
    return java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A sealed document that must be refused, its reason and position: the first two different tokens
   * swapped (else the next way), the seal line cut off, or one character of prose added.
   */
  static Object[] tampered(String sealed, int how) {
    int seal = sealed.lastIndexOf(SpanTokenizer.SEAL_PREFIX);
    if (how == 0) {
      int a = sealed.indexOf(SpanTokenizer.PREFIX);
      int aEnd = sealed.indexOf(SpanTokenizer.END, a) + 1;
      int b = sealed.indexOf(SpanTokenizer.PREFIX, aEnd);
      while (b >= 0 && b < seal) {
        int bEnd = sealed.indexOf(SpanTokenizer.END, b) + 1;
        if (!sealed.substring(a, aEnd).equals(sealed.substring(b, bEnd))) {
          String swapped =
              sealed.substring(0, a)
                  + sealed.substring(b, bEnd)
                  + sealed.substring(aEnd, b)
                  + sealed.substring(a, aEnd)
                  + sealed.substring(bEnd);
          return new Object[] {swapped, "SEAL_REFUSED", (long) seal};
        }
        b = sealed.indexOf(SpanTokenizer.PREFIX, bEnd);
      }
      how = 2;
    }
    if (how == 1) {
      return new Object[] {sealed.substring(0, seal), "SEAL_MISSING", (long) seal};
    }
    return new Object[] {"x" + sealed, "SEAL_REFUSED", (long) seal + 1};
  }

  /**
   * A token that must be refused: a character changed, cut short, another purpose's, upper case.
   */
  static String altered(String token, int how, SplittableRandom random, String purpose, String span)
      throws GeneralSecurityException {
    int body = SpanTokenizer.PREFIX.length();
    switch (how) {
      case 0:
        int at = body + 5 + random.nextInt(token.length() - body - 6); // past Tink's prefix
        char c = token.charAt(at);
        char other = c == 'A' ? 'B' : 'A';
        return token.substring(0, at) + other + token.substring(at + 1);
      case 1:
        return token.substring(0, token.length() - 2) + "]";
      case 2:
        String elsewhere =
            SpecVectorsTest.PURPOSES.get((SpecVectorsTest.PURPOSES.indexOf(purpose) + 1) % 3);
        return SpanTokenizer.create(after, elsewhere).tokenize(span);
      default:
        return "[NR1." + token.substring(body);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void regenerate() throws Exception {
    Files.createDirectories(SpecVectorsTest.DIR);
    Jsonl.write(SpecVectorsTest.DIR.resolve(FILE), rows());
  }

  @Test
  @DisabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void theSpanTokenVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = SpecVectorsTest.committed(FILE);
    SpanTokenizer[][] tokenizers = new SpanTokenizer[3][2];
    Set<String> seen = new TreeSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      String at = "line " + line;
      String purpose = SpecVectorsTest.str(row, "purpose");
      int p = SpecVectorsTest.PURPOSES.indexOf(purpose);
      int n = SpecVectorsTest.keyNumber(purpose, KeyKind.SIV_TOKEN, SpecVectorsTest.id(row));
      if (tokenizers[p][n - 1] == null) {
        tokenizers[p][n - 1] = spans(purpose, n);
      }
      SpanTokenizer t = tokenizers[p][n - 1];
      SpanTokenizer reader = tokenizers[p][1] != null ? tokenizers[p][1] : spans(purpose, 2);
      seen.add("key " + n);
      if (SpecVectorsTest.str(row, "kind").equals("text")) {
        String text = SpecVectorsTest.str(row, "text");
        String redacted = SpecVectorsTest.str(row, "redacted");
        assertEquals(redacted, redact(t, text), at);
        assertEquals(text, revealText(reader, redacted), at);
        seen.add(redacted.equals(text) ? "text without NIR" : "text");
        String sealed = SpecVectorsTest.str(row, "sealed");
        assertEquals(seal(t, redacted), sealed, at);
        assertEquals(text, revealDocument(reader, sealed), at);
        String tampered = SpecVectorsTest.str(row, "tampered");
        String reason = SpecVectorsTest.str(row, "reason");
        GeneralSecurityException e =
            assertThrows(GeneralSecurityException.class, () -> revealDocument(reader, tampered));
        assertEquals(reason + " " + row.get("position"), e.getMessage(), at);
        seen.add(tampered.length() > sealed.length() ? "prose edited" : reason);
        continue;
      }
      String token = SpecVectorsTest.str(row, "token");
      if (row.get("span") == null) {
        assertThrows(GeneralSecurityException.class, () -> reader.reveal(token), at);
        seen.add("refused");
        continue;
      }
      String span = SpecVectorsTest.str(row, "span");
      assertEquals(token, t.tokenize(span), at);
      assertEquals(span, reader.reveal(token), at);
      seen.add(SpecVectorsTest.str(row, "spelling"));
    }
    assertTrue(rows.size() >= 5000, "span-token vectors: " + rows.size());
    List<String> want = new ArrayList<>(List.of("key 1", "key 2", "refused", "text"));
    want.addAll(List.of("text without NIR", "SEAL_REFUSED", "SEAL_MISSING", "prose edited"));
    for (ScanCorpus.Spelling s : ScanCorpus.Spelling.values()) {
      want.add(s.name());
    }
    for (String w : want) {
      assertTrue(seen.contains(w), "no vector covers " + w);
    }
  }

  /**
   * Reveals a sealed document as spec §7.1 reads it (tokens as {@link #revealText}; the seal and a
   * line break must end it and authenticate the text before it), or throws "REASON position".
   */
  static String revealDocument(SpanTokenizer t, String document) throws GeneralSecurityException {
    int seal = document.lastIndexOf(SpanTokenizer.SEAL_PREFIX);
    int end = seal < 0 ? -1 : document.indexOf(SpanTokenizer.END, seal) + 1;
    if (seal < 0 || end != document.length() - 1 || !document.endsWith("\n")) {
      throw new GeneralSecurityException("SEAL_MISSING " + document.length());
    }
    String body = document.substring(0, seal);
    String text = revealText(t, body);
    long tokens = 0;
    int i = 0;
    while ((i = SpanTokenizer.indexOfPrefix(body, i, body.length())) >= 0) {
      tokens++;
      i++;
    }
    long sealed;
    try {
      sealed = t.openSeal(document.substring(seal, end), sha256(body));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("SEAL_REFUSED " + seal);
    }
    if (sealed != tokens) {
      throw new GeneralSecurityException("SEAL_REFUSED " + seal);
    }
    return text;
  }

  /** Reveals a redacted text token by token, as spec §7.1 reads it. */
  static String revealText(SpanTokenizer t, String redacted) throws GeneralSecurityException {
    StringBuilder b = new StringBuilder();
    int i = 0;
    int at;
    while ((at = SpanTokenizer.indexOfPrefix(redacted, i, redacted.length())) >= 0) {
      int end = redacted.indexOf(SpanTokenizer.END, at) + 1;
      b.append(redacted, i, at).append(t.reveal(redacted.substring(at, end)));
      i = end;
    }
    return b.append(redacted, i, redacted.length()).toString();
  }
}
