package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.prf.HmacPrfKey;
import com.google.crypto.tink.prf.HmacPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.util.SecretBytes;
import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.internal.NirRank;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test vectors of the specification ({@code docs/spec/vectors/}, described in {@code
 * docs/spec/README.md}): written by the Java implementation, read back and recomputed here on every
 * build, so Java is held to the committed vectors as every other implementation is.
 *
 * <p>Keys are raw test keys ({@code keys.jsonl}), derived from public labels: two keys per purpose
 * and kind, the first primary "before rotation", the second primary "after rotation". They become
 * Tink keysets, then a key ring file read by {@link KeyRing#fromBytes}, so every vector goes
 * through the public factories. Regenerate (a deliberate format change only) with:
 *
 * <pre>{@code
 * mvn -B -o -pl nir-crypto -am verify -Dnirguard.fast -Dtest=SpecVectorsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dnirguard.regenerateSpecVectors=true
 * }</pre>
 */
class SpecVectorsTest {
  static final String REGENERATE = "nirguard.regenerateSpecVectors";
  static final Path DIR = Path.of("..", "docs", "spec", "vectors");
  static final long SEED = 19_2026L;

  /** Purposes: two ordinary ones and one of the maximum length, 64 characters. */
  static final List<String> PURPOSES =
      List.of("research-42", "lab-export", "max-length-purpose." + "a".repeat(45));

  static final int PER_SCHEME = 6000;

  static KeyRing before; // key 1 of every keyset, primary
  static KeyRing after; // keys 1 and 2, key 2 primary: a rotation

  @BeforeAll
  static void rings() throws Exception {
    before = ring(false);
    after = ring(true);
  }

  // ------------------------------------------------------------------ the raw test keys

  static String label(String purpose, KeyKind kind, int n) {
    return "nirguard spec test key/" + purpose + "/" + kind.label() + "/" + n;
  }

  static byte[] material(String purpose, KeyKind kind, int n) {
    byte[] d = digest(kind == KeyKind.SIV_TOKEN ? "SHA-512" : "SHA-256", label(purpose, kind, n));
    return d;
  }

  static int keyId(String purpose, KeyKind kind, int n) {
    return ByteBuffer.wrap(digest("SHA-256", "id/" + label(purpose, kind, n))).getInt();
  }

  static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Key tinkKey(KeyKind kind, byte[] material, int id) throws GeneralSecurityException {
    SecretBytes bytes = SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get());
    switch (kind) {
      case TOKEN:
      case PRP_TOKEN:
      case FPE:
      case FINGERPRINT:
      case DATE_SHIFT:
        return HmacPrfKey.builder()
            .setParameters((HmacPrfParameters) kind.parameters())
            .setKeyBytes(bytes)
            .build();
      case SIV_TOKEN:
        return AesSivKey.builder()
            .setParameters((AesSivParameters) kind.parameters())
            .setKeyBytes(bytes)
            .setIdRequirement(id)
            .build();
      case RECORD:
        return AesGcmKey.builder()
            .setParameters((AesGcmParameters) kind.parameters())
            .setKeyBytes(bytes)
            .setIdRequirement(id)
            .build();
      case FILE:
        return AesGcmHkdfStreamingKey.create(
            (AesGcmHkdfStreamingParameters) kind.parameters(), bytes);
      case RECIPIENT: // the material is the X25519 private key
        try {
          return com.google.crypto.tink.hybrid.HpkePrivateKey.create(
              com.google.crypto.tink.hybrid.HpkePublicKey.create(
                  (com.google.crypto.tink.hybrid.HpkeParameters) kind.parameters(),
                  com.google.crypto.tink.util.Bytes.copyFrom(
                      com.google.crypto.tink.subtle.X25519.publicFromPrivate(material)),
                  id),
              bytes);
        } catch (java.security.InvalidKeyException e) {
          throw new GeneralSecurityException(e);
        }
    }
    throw new AssertionError(kind);
  }

  static KeysetHandle keyset(String purpose, KeyKind kind, boolean rotated)
      throws GeneralSecurityException {
    KeysetHandle.Builder b = KeysetHandle.newBuilder();
    for (int n = 1; n <= (rotated ? 2 : 1); n++) {
      int id = keyId(purpose, kind, n);
      KeysetHandle.Builder.Entry e =
          KeysetHandle.importKey(tinkKey(kind, material(purpose, kind, n), id));
      if (kind.derived() || kind == KeyKind.FILE) {
        e = e.withFixedId(id);
      }
      if (n == (rotated ? 2 : 1)) {
        e = e.makePrimary();
      }
      b.addEntry(e);
    }
    return b.build();
  }

  /** The creation time of test key {@code n} (epoch seconds): 2026-01-01, then 30 days later. */
  static long created(int n) {
    return 1_767_225_600L + (n - 1) * 2_592_000L;
  }

  /**
   * The raw keys as a format-2 key ring file (spec §11), written here line by line rather than by
   * {@link KeyRing#toBytes}, so that the reader is checked against the spec's grammar: header,
   * version, one {@code keyset} line per purpose and kind, the seal.
   */
  static byte[] ringFile(boolean rotated, Aead kek) throws GeneralSecurityException {
    StringBuilder file = new StringBuilder(KeyRing.HEADER).append('\n');
    file.append("# the specification's public test keys: never for data\n");
    file.append("version ").append(rotated ? 2 : 1).append('\n');
    for (String purpose : PURPOSES) {
      for (KeyKind kind : KeyKind.values()) {
        String slot = purpose + " " + kind.label();
        byte[] ct =
            TinkProtoKeysetFormat.serializeEncryptedKeyset(
                keyset(purpose, kind, rotated),
                kek,
                (KeyRing.HEADER + "\n" + slot).getBytes(StandardCharsets.UTF_8));
        StringBuilder times = new StringBuilder();
        for (int n = 1; n <= (rotated ? 2 : 1); n++) {
          times.append(n == 1 ? "" : ",").append(Token.hex8(keyId(purpose, kind, n)));
          times.append(':').append(created(n));
        }
        file.append("keyset ")
            .append(slot)
            .append(' ')
            .append(times)
            .append(' ')
            .append(Base64.getUrlEncoder().withoutPadding().encodeToString(ct))
            .append('\n');
      }
    }
    String sealed = file.toString().replaceAll("(?m)^#.*\n", "");
    byte[] seal =
        kek.encrypt(
            digest("SHA-256", sealed), (KeyRing.HEADER + " seal").getBytes(StandardCharsets.UTF_8));
    file.append("seal ").append(Base64.getUrlEncoder().withoutPadding().encodeToString(seal));
    return file.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The raw keys as a real key ring file (spec §11), read through {@link KeyRing#fromBytes}. */
  static KeyRing ring(boolean rotated) throws Exception {
    TinkSetup.ensure();
    Aead kek =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    KeyRing ring = KeyRing.fromBytes(ringFile(rotated, kek), Kek.of(kek, "spec"));
    assertEquals(rotated ? 2 : 1, ring.version());
    return ring;
  }

  /**
   * A derived kind's key, as its scheme uses it: spec §4's label, except the guard's fingerprints,
   * whose label predates the kind ({@link Fingerprinter#INFO}).
   */
  static Map<Integer, byte[]> derived(String purpose, KeyKind kind)
      throws GeneralSecurityException {
    if (kind != KeyKind.FINGERPRINT) {
      return after.derive(purpose, kind).all();
    }
    PrfSet prfs =
        after.handle(purpose, kind).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, Prf> e : prfs.getPrfs().entrySet()) {
      out.put(
          e.getKey(),
          e.getValue()
              .compute((Fingerprinter.INFO + purpose).getBytes(StandardCharsets.UTF_8), 32));
    }
    return out;
  }

  static List<Map<String, @Nullable Object>> keyRows() throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (String purpose : PURPOSES) {
      for (KeyKind kind : KeyKind.values()) {
        Map<Integer, byte[]> derived = kind.derived() ? derived(purpose, kind) : null;
        for (int n = 1; n <= 2; n++) {
          int id = keyId(purpose, kind, n);
          rows.add(
              Jsonl.row(
                  "purpose",
                  purpose,
                  "kind",
                  kind.label(),
                  "key",
                  n,
                  "key_id",
                  Token.hex8(id),
                  "primary_before_rotation",
                  n == 1,
                  "primary_after_rotation",
                  n == 2,
                  "material",
                  hex(material(purpose, kind, n)),
                  "derived",
                  derived == null ? null : hex(derived.get(id))));
        }
      }
    }
    return rows;
  }

  // ------------------------------------------------------------------ the seeded NIRs

  /** Every category and month kind in turn, then never-real NIRs, then the fixed edge bodies. */
  static final class Inputs {
    final SplittableRandom random;
    final List<Gen<Nir>> gens = new ArrayList<>();
    int next;
    int edge;

    Inputs() {
      this(SEED);
    }

    Inputs(long seed) {
      random = new SplittableRandom(seed);
      for (Nirs.Category c : Nirs.Category.values()) {
        for (BirthMonth.Kind k :
            List.of(
                BirthMonth.Kind.KNOWN,
                BirthMonth.Kind.UNKNOWN,
                BirthMonth.Kind.PSEUDO_FICTITIOUS)) {
          gens.add(Nirs.valid(c, k));
        }
      }
      gens.add(Nirs.neverReal());
      gens.add(Nirs.neverReal());
    }

    Nir nir() {
      int i = next++;
      if (i % 50 == 49) {
        return NirProfile.CHECKSUM_ONLY.parseBody(
            KeyRingVectorsTest.BODIES.get(edge++ % KeyRingVectorsTest.BODIES.size()));
      }
      return gens.get(i % gens.size()).next(random);
    }

    /** The NIR as a user might give it: compact, grouped, dotted, lowercase 2a/2b, key after /. */
    String text(Nir nir) {
      switch (random.nextInt(5)) {
        case 0:
          return nir.display();
        case 1:
          return nir.display().replace(' ', '.');
        case 2:
          return nir.compact().toLowerCase(Locale.ROOT);
        case 3:
          return nir.body() + " / " + nir.compact().substring(13);
        default:
          return nir.compact();
      }
    }

    byte[] bytes(int max) {
      byte[] b = new byte[random.nextInt(max + 1)];
      random.nextBytes(b);
      return b;
    }
  }

  /** mainland, corsica-2a, corsica-2b, corsica-20, overseas, abroad. */
  static String place(Nir nir) {
    String b = nir.body();
    String d = b.substring(5, 7);
    switch (d) {
      case "2A":
        return "corsica-2a";
      case "2B":
        return "corsica-2b";
      case "20":
        return "corsica-20";
      case "97":
      case "98":
        return "overseas";
      case "99":
        return "abroad";
      default:
        return "mainland";
    }
  }

  /** known, unknown, pseudo-fictitious or never-real (months 13-19). */
  static String month(Nir nir) {
    int m = Integer.parseInt(nir.body().substring(3, 5));
    if (m >= 13 && m <= 19) {
      return "never-real";
    }
    return nir.birthMonth().kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ------------------------------------------------------------------ the generators

  final Map<String, KeyedTokenizer> keyed = new HashMap<>();

  KeyedTokenizer keyed(String purpose, int n) throws GeneralSecurityException {
    String k = purpose + n;
    KeyedTokenizer t = keyed.get(k);
    if (t == null) {
      t = KeyedTokenizer.forKey(after, purpose, keyId(purpose, KeyKind.TOKEN, n));
      keyed.put(k, t);
    }
    return t;
  }

  static Nir anyNir(String text) {
    return NirProfile.STRICT.tryParse(text).orElseGet(() -> NirProfile.CHECKSUM_ONLY.parse(text));
  }

  List<Map<String, @Nullable Object>> keyedRows(Inputs in) throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (int i = 0; i < PER_SCHEME; i++) {
      String purpose = PURPOSES.get(i % 3);
      int n = 1 + (i / 3) % 2;
      KeyedTokenizer t = keyed(purpose, n);
      Nir nir = in.nir();
      Map<String, @Nullable Object> row =
          Jsonl.row("kind", null, "purpose", purpose, "key_id", Token.hex8(t.keyId()));
      if (i % 10 == 8) {
        LocalDate date =
            LocalDate.of(1900 + in.random.nextInt(200), 1, 1).plusDays(in.random.nextInt(366));
        Sex sex = Sex.values()[in.random.nextInt(3)];
        row.put("kind", "triplet");
        row.put("input", nir.compact());
        row.put("birth_date", date.toString());
        row.put("sex", sex == Sex.MALE ? "1" : sex == Sex.FEMALE ? "2" : "0");
        row.put("token", t.tokenize(nir, date, sex).value());
      } else if (i % 10 == 9) {
        String from = PURPOSES.get((i + 1) % 3);
        Token old = keyed(from, 1).tokenize(nir);
        row.put("kind", "rekey");
        row.put("input", old.value());
        row.put("token", t.rekey(old).value());
      } else {
        String text = in.text(nir);
        row.put("kind", "nir");
        row.put("input", text);
        row.put("token", t.tokenize(anyNir(text)).value());
      }
      row.put("place", place(nir));
      row.put("month", month(nir));
      rows.add(row);
    }
    return rows;
  }

  List<Map<String, @Nullable Object>> reversibleRows(Inputs in, Token.Scheme scheme)
      throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    Map<String, ReversibleTokenizer> tokenizers = new HashMap<>();
    for (int i = 0; i < PER_SCHEME; i++) {
      String purpose = PURPOSES.get(i % 3);
      boolean rotated = (i / 3) % 2 == 1;
      ReversibleTokenizer t =
          tokenizers.computeIfAbsent(purpose + rotated, k -> reversible(scheme, rotated, purpose));
      Nir nir = in.nir();
      String token = t.tokenize(nir).value();
      KeyKind kind = scheme == Token.Scheme.PRP ? KeyKind.PRP_TOKEN : KeyKind.SIV_TOKEN;
      String keyId = Token.hex8(keyId(purpose, kind, rotated ? 2 : 1));
      if (i % 20 == 19) { // a token that must not reveal: altered, or under another purpose
        String other = PURPOSES.get((i + 1) % 3);
        String bad =
            i % 40 == 19
                ? KeyRingVectorsTest.flipAChar(token)
                : tokenizers
                    .computeIfAbsent(other + rotated, k -> reversible(scheme, rotated, other))
                    .tokenize(nir)
                    .value();
        rows.add(
            Jsonl.row(
                "purpose",
                purpose,
                "key_id",
                null,
                "nir",
                null,
                "token",
                bad,
                "place",
                place(nir),
                "month",
                month(nir)));
        continue;
      }
      rows.add(
          Jsonl.row(
              "purpose",
              purpose,
              "key_id",
              keyId,
              "nir",
              nir.compact(),
              "token",
              token,
              "place",
              place(nir),
              "month",
              month(nir)));
    }
    return rows;
  }

  static ReversibleTokenizer reversible(Token.Scheme scheme, boolean rotated, String purpose) {
    try {
      KeyRing r = rotated ? after : before;
      return scheme == Token.Scheme.PRP
          ? ReversibleTokenizer.prp(r, purpose)
          : ReversibleTokenizer.siv(r, purpose);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Map<String, @Nullable Object>> fpeRows(Inputs in) throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    Map<String, NirFpe> fpes = new HashMap<>();
    for (int i = 0; i < PER_SCHEME; i++) {
      String purpose = PURPOSES.get(i % 3);
      int n = 1 + (i / 3) % 2;
      NirFpe.Mode mode = NirFpe.Mode.values()[(i / 6) % 2];
      NirFpe fpe = fpe(fpes, purpose, mode, n);
      Nir nir = in.nir();
      int t = in.random.nextInt(4);
      byte[] tweak = t < 2 ? null : t == 2 ? new byte[0] : in.bytes(24);
      String ct = fpe.encrypt(nir, tweak);
      NirRank r = NirRank.byMonth(nir);
      Map<String, @Nullable Object> row =
          Jsonl.row(
              "purpose", purpose,
              "key_id", Token.hex8(fpe.keyId()),
              "mode", mode.label(),
              "tweak", tweak == null ? null : hex(tweak),
              "nir", nir.compact(),
              "domain", r == NirRank.STRICT ? "strict" : "never-real",
              "rank", r.rank(nir),
              "ciphertext_rank", r.rank(NirProfile.CHECKSUM_ONLY.parseBody(ct.substring(0, 13))),
              "ciphertext", ct,
              "place", place(nir),
              "month", month(nir));
      if (i % 25 == 24) { // the other mode's decryption must refuse this ciphertext
        row.put("mode", mode == NirFpe.Mode.MARKED ? "format-valid" : "marked");
        row.put("nir", null);
        row.put("rank", null);
      }
      rows.add(row);
    }
    return rows;
  }

  static NirFpe fpe(Map<String, NirFpe> cache, String purpose, NirFpe.Mode mode, int n)
      throws GeneralSecurityException {
    String k = purpose + mode + n;
    NirFpe f = cache.get(k);
    if (f == null) {
      f = NirFpe.forKey(after, purpose, mode, keyId(purpose, KeyKind.FPE, n));
      cache.put(k, f);
    }
    return f;
  }

  static final List<List<String>> FIELD_SETS =
      List.of(
          List.of("name", "birth"),
          List.of("nom", "prénom", "commune de naissance"),
          List.of("notes"),
          List.of());

  static final String[] WORDS = {
    "", "Dupont", "Zoé", "1955-08-03", "Saint-Étienne", "a|b", "x\ty", "日本", "😀", "line\nbreak"
  };

  static int tinkKeyId(byte[] ct) {
    return ByteBuffer.wrap(ct, 1, 4).getInt();
  }

  List<Map<String, @Nullable Object>> recordRows(Inputs in, int count)
      throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String purpose = PURPOSES.get(i % 3);
      boolean rotated = (i / 3) % 2 == 1;
      int schema = 1 + (i / 6) % 2;
      List<String> names = FIELD_SETS.get(i % FIELD_SETS.size());
      List<String> values = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        values.add(WORDS[in.random.nextInt(WORDS.length)] + (k == 0 ? "" : "-" + i));
      }
      String pseudonym = keyed(purpose, 1).tokenize(in.nir()).value();
      String cell =
          RecordSealer.create(rotated ? after : before, purpose, schema)
              .seal(pseudonym, names, values);
      byte[] ct = Base64.getUrlDecoder().decode(cell.substring(RecordSealer.PREFIX.length()));
      rows.add(
          Jsonl.row(
              "purpose", purpose,
              "key_id", Token.hex8(tinkKeyId(ct)),
              "schema", schema,
              "pseudonym", pseudonym,
              "names", names,
              "values", values,
              "cell", cell));
    }
    return rows;
  }

  static final List<String> CONTENT_TYPES =
      List.of("text/csv", "application/octet-stream", "text/csv; charset=utf-8", "données/é");

  List<Map<String, @Nullable Object>> fileRows(Inputs in, int count) throws Exception {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String purpose = PURPOSES.get(i % 3);
      boolean rotated = (i / 3) % 2 == 1;
      String type = CONTENT_TYPES.get(i % CONTENT_TYPES.size());
      // mostly short plaintexts (the format is what is tested, and the file stays small), every
      // 25th one longer, every 5th empty
      byte[] plain = in.bytes(i % 5 == 0 ? 0 : i % 25 == 1 ? 700 : 48);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (OutputStream o =
          FileEnvelope.create(rotated ? after : before, purpose).encryptingStream(sink, type)) {
        o.write(plain);
      }
      rows.add(
          Jsonl.row(
              "purpose", purpose,
              "key_id", Token.hex8(keyId(purpose, KeyKind.FILE, rotated ? 2 : 1)),
              "content_type", type,
              "plaintext", Base64.getEncoder().encodeToString(plain),
              "envelope", Base64.getEncoder().encodeToString(sink.toByteArray())));
    }
    return rows;
  }

  static final String[] PROFILES = {"strict", "lenient", "checksum"};

  /** Inputs of every kind the validator meets, each judged under the three profiles. */
  static List<Map<String, @Nullable Object>> validationRows(Inputs in) {
    List<String> texts = new ArrayList<>();
    List<Gen<String>> gens = new ArrayList<>();
    for (Gen<Nir> g : in.gens) {
      gens.add(g.map(in::text));
    }
    for (Leniency l : Leniency.values()) {
      gens.add(Nirs.lenientOnly(l).map(Nir::compact));
    }
    for (NirError e : NirError.values()) {
      gens.add(Nirs.invalid(e));
    }
    gens.add(Nirs.noisy().map(Nirs.Noisy::text));
    texts.addAll(
        List.of(
            "",
            "   ",
            "2 55 08 14 168 025 38",
            "2\u00a055\u202f08.14-168_025/38",
            "2550814168025",
            "255081416802538 ",
            "25508141680253",
            "2550814168025388",
            "2 55 08 2a 168 025 38",
            "1 85 05 78 006 084 36",
            "x"));
    for (int i = 0; texts.size() < 2100; i++) {
      texts.add(gens.get(i % gens.size()).next(in.random));
    }
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (String text : texts) {
      for (String profile : PROFILES) {
        ValidationResult r = NirValidator.named(profile).validate(text);
        List<String> flags = new ArrayList<>();
        for (Leniency l : new TreeSet<>(r.flags())) {
          flags.add(l.name());
        }
        rows.add(
            Jsonl.row(
                "profile",
                profile,
                "input",
                text,
                "valid",
                r.isValid(),
                "nir",
                r.nir().map(Nir::compact).orElse(null),
                "flags",
                flags,
                "reason",
                r.reason().map(Enum::name).orElse(null),
                "position",
                r.isValid() ? null : (long) r.position()));
      }
    }
    return rows;
  }

  static final String KEYS = "keys.jsonl";
  static final String VALIDATION = "nir-validation.jsonl.gz";
  static final String KEYED = "keyed-tokens.jsonl.gz";
  static final String PRP = "prp-tokens.jsonl.gz";
  static final String SIV = "siv-tokens.jsonl.gz";
  static final String FPE = "nir-fpe.jsonl.gz";
  static final String RECORDS = "record-cells.jsonl.gz";
  static final String FILES = "file-envelopes.jsonl.gz";

  /**
   * Rewrites every vector file. Off unless {@code -Dnirguard.regenerateSpecVectors=true}: the
   * deterministic files come out the same unless the format (or the seeded inputs) changed.
   */
  @Test
  @EnabledIfSystemProperty(named = REGENERATE, matches = "true")
  void regenerate() throws Exception {
    Files.createDirectories(DIR);
    StringBuilder keys = new StringBuilder();
    for (Map<String, @Nullable Object> row : keyRows()) {
      keys.append(Jsonl.line(row)).append('\n');
    }
    Files.writeString(DIR.resolve(KEYS), keys, StandardCharsets.UTF_8);
    Inputs in = new Inputs();
    Jsonl.write(DIR.resolve(VALIDATION), validationRows(in));
    Jsonl.write(DIR.resolve(KEYED), keyedRows(in));
    Jsonl.write(DIR.resolve(PRP), reversibleRows(in, Token.Scheme.PRP));
    Jsonl.write(DIR.resolve(SIV), reversibleRows(in, Token.Scheme.SIV));
    Jsonl.write(DIR.resolve(FPE), fpeRows(in));
    // randomized (vectors to open, not to reproduce): kept while they still open, so that a
    // regeneration does not churn them; delete them first to rewrite them after a format change
    List<Map<String, @Nullable Object>> records = recordRows(in, 5000);
    if (!Files.exists(DIR.resolve(RECORDS))) {
      Jsonl.write(DIR.resolve(RECORDS), records);
    }
    List<Map<String, @Nullable Object>> files = fileRows(in, 5000);
    if (!Files.exists(DIR.resolve(FILES))) {
      Jsonl.write(DIR.resolve(FILES), files);
    }
  }

  // ------------------------------------------------------------------ the checks

  static List<Map<String, @Nullable Object>> committed(String name) throws Exception {
    return Jsonl.read(DIR.resolve(name));
  }

  static String str(Map<String, @Nullable Object> row, String key) {
    return (String) Objects.requireNonNull(row.get(key), key);
  }

  static int id(Map<String, @Nullable Object> row) {
    return id(row, "key_id");
  }

  static int id(Map<String, @Nullable Object> row, String field) {
    return Integer.parseUnsignedInt(str(row, field), 16);
  }

  /** Which key number a key id is (1: before rotation, 2: after). */
  static int keyNumber(String purpose, KeyKind kind, int id) {
    return id == keyId(purpose, kind, 1) ? 1 : 2;
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void theKeysAreTheCommittedKeys() throws Exception {
    List<String> committed = Files.readAllLines(DIR.resolve(KEYS), StandardCharsets.UTF_8);
    List<String> mine = new ArrayList<>();
    for (Map<String, @Nullable Object> row : keyRows()) {
      mine.add(Jsonl.line(row));
    }
    assertEquals(mine, committed, "keys.jsonl differs from the keys the labels give");
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void validationVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = committed(VALIDATION);
    Set<String> reasons = new TreeSet<>();
    Set<String> flags = new TreeSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      String profile = str(row, "profile");
      ValidationResult r = NirValidator.named(profile).validate(str(row, "input"));
      assertEquals(row.get("valid"), r.isValid(), "line " + line);
      assertEquals(row.get("nir"), r.nir().map(Nir::compact).orElse(null), "line " + line);
      assertEquals(row.get("reason"), r.reason().map(Enum::name).orElse(null), "line " + line);
      if (!r.isValid()) {
        assertEquals(row.get("position"), (long) r.position(), "line " + line);
        reasons.add(profile + " " + row.get("reason"));
      }
      List<String> f = new ArrayList<>();
      for (Leniency l : new TreeSet<>(r.flags())) {
        f.add(l.name());
        flags.add(l.name());
      }
      assertEquals(row.get("flags"), f, "line " + line);
    }
    assertTrue(rows.size() >= 5000, "validation vectors: " + rows.size());
    for (NirError e : NirError.values()) {
      assertTrue(reasons.contains("strict " + e.name()), "no strict vector for " + e);
    }
    assertEquals(Leniency.values().length, flags.size(), "every leniency flag: " + flags);
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void keyedTokenVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = committed(KEYED);
    Set<String> seen = new TreeSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      String purpose = str(row, "purpose");
      KeyedTokenizer t = keyed(purpose, keyNumber(purpose, KeyKind.TOKEN, id(row)));
      assertEquals(id(row), t.keyId());
      String input = str(row, "input");
      String kind = str(row, "kind");
      Token token;
      switch (kind) {
        case "nir":
          token = t.tokenize(anyNir(input));
          if (NirProfile.STRICT.test(input)) {
            assertEquals(token, t.tokenize(input), "line " + line + ": text path");
          }
          break;
        case "triplet":
          String sex = str(row, "sex");
          token =
              t.tokenize(
                  anyNir(input),
                  LocalDate.parse(str(row, "birth_date")),
                  sex.equals("1") ? Sex.MALE : sex.equals("2") ? Sex.FEMALE : Sex.UNSPECIFIED);
          break;
        default:
          token = t.rekey(Token.parse(input));
      }
      assertEquals(str(row, "token"), token.value(), "line " + line);
      seen.add(kind);
      seen.add(str(row, "place"));
      seen.add(str(row, "month"));
      seen.add("key " + keyNumber(purpose, KeyKind.TOKEN, id(row)));
    }
    assertTrue(rows.size() >= 5000, "keyed vectors: " + rows.size());
    assertCovers(seen, "nir", "triplet", "rekey", "key 1", "key 2");
  }

  static void assertCovers(Set<String> seen, String... more) {
    List<String> want =
        new ArrayList<>(
            List.of(
                "mainland",
                "corsica-2a",
                "corsica-2b",
                "corsica-20",
                "overseas",
                "abroad",
                "known",
                "unknown",
                "pseudo-fictitious",
                "never-real"));
    want.addAll(Arrays.asList(more));
    for (String w : want) {
      assertTrue(seen.contains(w), "no vector covers " + w);
    }
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void prpAndSivVectorsHold() throws Exception {
    for (Token.Scheme scheme : List.of(Token.Scheme.PRP, Token.Scheme.SIV)) {
      KeyKind kind = scheme == Token.Scheme.PRP ? KeyKind.PRP_TOKEN : KeyKind.SIV_TOKEN;
      List<Map<String, @Nullable Object>> rows = committed(scheme == Token.Scheme.PRP ? PRP : SIV);
      Set<String> seen = new TreeSet<>();
      int line = 0;
      for (Map<String, @Nullable Object> row : rows) {
        line++;
        String purpose = str(row, "purpose");
        Token token = Token.parse(str(row, "token"));
        ReversibleTokenizer reader = reversible(scheme, true, purpose); // every key: rotation
        String at = scheme + " line " + line;
        if (row.get("nir") == null) {
          assertThrows(GeneralSecurityException.class, () -> reader.reveal(token), at);
          seen.add("refused");
          continue;
        }
        Nir nir = NirProfile.CHECKSUM_ONLY.parse(str(row, "nir"));
        int n = keyNumber(purpose, kind, id(row));
        assertEquals(token, reversible(scheme, n == 2, purpose).tokenize(nir), at);
        assertEquals(nir, reader.reveal(token), at);
        seen.add(str(row, "place"));
        seen.add(str(row, "month"));
        seen.add("key " + n);
      }
      assertTrue(rows.size() >= 5000, scheme + " vectors: " + rows.size());
      assertCovers(seen, "refused", "key 1", "key 2");
    }
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void fpeVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = committed(FPE);
    Map<String, NirFpe> fpes = new HashMap<>();
    Set<String> seen = new TreeSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      String purpose = str(row, "purpose");
      NirFpe.Mode mode = NirFpe.Mode.named(str(row, "mode"));
      int n = keyNumber(purpose, KeyKind.FPE, id(row));
      NirFpe fpe = fpe(fpes, purpose, mode, n);
      String tweakHex = (String) row.get("tweak");
      byte[] tweak = tweakHex == null ? null : HexFormat.of().parseHex(tweakHex);
      String ct = str(row, "ciphertext");
      if (row.get("nir") == null) {
        assertThrows(GeneralSecurityException.class, () -> fpe.decrypt(ct, tweak), "line " + line);
        seen.add("refused");
        continue;
      }
      Nir nir = NirProfile.CHECKSUM_ONLY.parse(str(row, "nir"));
      assertEquals(ct, fpe.encrypt(nir, tweak), "line " + line);
      assertEquals(nir, fpe.decrypt(ct, tweak), "line " + line);
      NirRank r = NirRank.byMonth(nir);
      assertEquals(row.get("rank"), r.rank(nir), "line " + line);
      assertEquals(
          row.get("ciphertext_rank"),
          r.rank(NirProfile.CHECKSUM_ONLY.parseBody(ct.substring(0, 13))),
          "line " + line);
      seen.add(str(row, "place"));
      seen.add(str(row, "month"));
      seen.add(mode.label() + " " + str(row, "domain"));
      seen.add(tweak == null ? "no tweak" : tweak.length == 0 ? "empty tweak" : "tweak");
      seen.add("key " + n);
    }
    assertTrue(rows.size() >= 5000, "FPE vectors: " + rows.size());
    assertCovers(
        seen,
        "marked strict",
        "marked never-real",
        "format-valid strict",
        "format-valid never-real",
        "no tweak",
        "empty tweak",
        "tweak",
        "refused",
        "key 1",
        "key 2");
  }

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void recordCellsOpen() throws Exception {
    List<Map<String, @Nullable Object>> rows = committed(RECORDS);
    Set<Integer> keys = new TreeSet<>();
    for (Map<String, @Nullable Object> row : rows) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) Objects.requireNonNull(row.get("names"));
      String purpose = str(row, "purpose");
      RecordSealer s =
          RecordSealer.create(
              after, purpose, ((Long) Objects.requireNonNull(row.get("schema"))).intValue());
      assertEquals(row.get("values"), s.open(str(row, "pseudonym"), names, str(row, "cell")));
      keys.add(keyNumber(purpose, KeyKind.RECORD, id(row)));
    }
    assertTrue(rows.size() >= 5000, "record vectors: " + rows.size());
    assertEquals(Set.of(1, 2), keys);
  }

  @TempDir Path tmp;

  @Test
  @DisabledIfSystemProperty(named = REGENERATE, matches = "true")
  void fileEnvelopesOpen() throws Exception {
    List<Map<String, @Nullable Object>> rows = committed(FILES);
    int k = 0;
    Map<String, FileEnvelope> byPurpose = new HashMap<>();
    int opened = 0;
    for (Map<String, @Nullable Object> row : rows) {
      byte[] expected = Base64.getDecoder().decode(str(row, "plaintext"));
      // each opening allocates Tink's 1 MB segment buffers twice: every 10th short vector (every
      // purpose, key and content type still occurs) and every long one; Python opens them all
      if (k++ % 10 != 0 && expected.length <= 48) {
        continue;
      }
      opened++;
      Path f = tmp.resolve("e" + k + ".nge");
      Files.write(f, Base64.getDecoder().decode(str(row, "envelope")));
      FileEnvelope.Header h = FileEnvelope.readHeader(f).orElseThrow();
      assertEquals(str(row, "content_type"), h.contentType());
      assertEquals(id(row), h.keyId());
      FileEnvelope envelope =
          byPurpose.computeIfAbsent(str(row, "purpose"), p -> createUnchecked(after, p));
      try (InputStream plain = envelope.openVerified(f)) {
        assertArrayEquals(expected, plain.readAllBytes());
      }
    }
    assertTrue(opened >= 600, "file vectors opened: " + opened);
    assertTrue(rows.size() >= 5000, "file vectors: " + rows.size());
  }

  static FileEnvelope createUnchecked(KeyRing ring, String purpose) {
    try {
      return FileEnvelope.create(ring, purpose);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** keys.jsonl's fingerprint keys are the ones {@link Fingerprinter#create} uses. */
  @Test
  void theFingerprintKeysAreTheGuardsKeys() throws Exception {
    for (String purpose : PURPOSES) {
      byte[] key =
          derived(purpose, KeyKind.FINGERPRINT).get(keyId(purpose, KeyKind.FINGERPRINT, 2));
      Fingerprinter fromRing = Fingerprinter.create(after, purpose);
      Fingerprinter fromKey = Fingerprinter.insecureFromRawKey(key);
      for (long v = 0; v < 50; v++) {
        assertEquals(
            fromKey.fingerprint(7, v * 1_000_003L), fromRing.fingerprint(7, v * 1_000_003L));
        assertEquals(fromKey.fingerprintName("p" + v), fromRing.fingerprintName("p" + v));
      }
      assertTrue(
          Fingerprinter.create(before, purpose).fingerprint(7, 1) != fromRing.fingerprint(7, 1),
          "the primary key changes the fingerprints");
    }
  }

  /** The test ring is read as format 2 (version, creation times), and a bad seal is refused. */
  @Test
  void theTestRingIsFormatTwoAndSealed() throws Exception {
    Aead kek =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    byte[] file = ringFile(true, kek);
    assertEquals(2, KeyRing.formatOf(file));
    KeyRing ring = KeyRing.fromBytes(file, Kek.of(kek, "spec"));
    assertEquals(after, ring);
    for (KeyInfo k : ring.describe()) {
      assertEquals(
          java.time.Instant.ofEpochSecond(created(keyNumber(k.purpose(), k.kind(), k.keyId()))),
          k.created());
    }
    String text = new String(file, StandardCharsets.UTF_8);
    byte[] bumped = text.replace("\nversion 2\n", "\nversion 3\n").getBytes(StandardCharsets.UTF_8);
    assertThrows(
        GeneralSecurityException.class, () -> KeyRing.fromBytes(bumped, Kek.of(kek, "spec")));
  }

  /** The test keys: two per purpose and kind, every key id distinct. */
  @Test
  void everyKindHasTwoKeysPerPurpose() throws Exception {
    Map<String, Integer> count = new TreeMap<>();
    for (Map<String, @Nullable Object> row : keyRows()) {
      count.merge(row.get("purpose") + " " + row.get("kind"), 1, Integer::sum);
    }
    assertEquals(PURPOSES.size() * KeyKind.values().length, count.size());
    assertTrue(count.values().stream().allMatch(c -> c == 2));
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Map<String, @Nullable Object> row : keyRows()) {
      assertTrue(ids.put((String) row.get("key_id"), 1) == null, "key ids are distinct");
    }
  }
}
