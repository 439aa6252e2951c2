package io.github.nirguard.benchmarks;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The record envelope ({@code ne1} cell) of one row's sealed fields, beside raw Tink {@code
 * Aead.encrypt} of the same record bytes.
 *
 * <p>Each record is what the default policy seals: the last and first names of a synthetic person
 * ({@code Records.synthetic()}, some with accents), bound to the row's keyed token as pseudonym and
 * to the field names {@code last_name, first_name}. {@code sealNirguard} takes the strings and
 * returns the cell ({@code RecordSealer.Fields.seal}); {@code sealTinkRaw} encrypts the record's
 * plaintext and associated data, built once in the setup, with the same Tink primitive of the same
 * keyset: the cost of the AEAD alone, with no text at all. {@code sealTinkBase64} adds what any
 * text cell needs to the peer (base64url of the ciphertext, the prefix), written plainly. The setup
 * checks that every cell of ours decrypts with the raw primitive, under the peer's associated data,
 * to the peer's plaintext, and that the peer's ciphertexts open as cells of ours. Inputs: 1024
 * records, cycled.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main RecordEnvelopeBenchmark -prof gc -t 1
 * }</pre>
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordEnvelopeBenchmark {
  static final int N = 1024;
  static final String PURPOSE = "lab-export";
  static final List<String> NAMES = List.of("last_name", "first_name");

  /** The sealer, the raw primitive and the records, shared by the benchmark threads. */
  @State(Scope.Benchmark)
  public static class Keys {
    RecordSealer.Fields fields;
    Aead raw;
    String[] pseudonyms = new String[N];
    String[][] values = new String[N][];
    byte[][] plaintexts = new byte[N][];
    byte[][] ads = new byte[N][];

    /**
     * Builds the keys and the records, and checks that ours and the peer agree.
     *
     * @throws GeneralSecurityException if a cell does not match the peer's bytes
     */
    @Setup
    public void setup() throws GeneralSecurityException {
      KeyRing ring =
          KeyRingManager.empty().add(PURPOSE, KeyKind.RECORD).add(PURPOSE, KeyKind.TOKEN).ring();
      fields = RecordSealer.create(ring, PURPOSE).forFields(NAMES);
      raw = rawRecordAead(ring);
      KeyedTokenizer tokens = KeyedTokenizer.create(ring, PURPOSE);
      List<SyntheticRecord> people = Records.synthetic().sample(42L, N);
      for (int i = 0; i < N; i++) {
        SyntheticRecord p = people.get(i);
        pseudonyms[i] = tokens.tokenize(p.nir()).value();
        values[i] = new String[] {p.lastName(), p.firstName()};
        plaintexts[i] = plaintext(values[i]);
        ads[i] = associatedData(pseudonyms[i]);
      }
      Base64.Decoder decoder = Base64.getUrlDecoder();
      Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
      RecordEnvelopeBenchmark b = new RecordEnvelopeBenchmark();
      Local l = new Local();
      for (int i = 0; i < N; i++) {
        l.i = i;
        String cell = b.sealNirguard(this, l);
        if (!cell.startsWith(RecordSealer.PREFIX)) {
          throw new GeneralSecurityException("not a cell");
        }
        byte[] ct = decoder.decode(cell.substring(4));
        if (!Arrays.equals(raw.decrypt(ct, ads[i]), plaintexts[i])) {
          throw new GeneralSecurityException("our cell does not hold the peer's plaintext");
        }
        l.i = i;
        String peer = "ne1." + encoder.encodeToString(b.sealTinkRaw(this, l));
        if (!fields.open(pseudonyms[i], peer).equals(List.of(values[i]))) {
          throw new GeneralSecurityException("the peer's ciphertext does not open as our cell");
        }
        l.i = i;
        if (!fields.open(pseudonyms[i], b.sealTinkBase64(this, l)).equals(List.of(values[i]))) {
          throw new GeneralSecurityException("the peer's cell does not open");
        }
      }
    }
  }

  /**
   * The ring's record keyset as a plain Tink {@code Aead}, read back the documented way (docs/spec
   * §11): the ring written under a KEK of our own, its {@code keyset <purpose> record} line
   * decrypted by Tink with the associated data {@code "nirguard-keyring 2\n<purpose> record"}.
   */
  static Aead rawRecordAead(KeyRing ring) throws GeneralSecurityException {
    Aead kek =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    String text = new String(ring.toBytes(Kek.of(kek, "benchmark")), StandardCharsets.UTF_8);
    String slot = PURPOSE + " " + KeyKind.RECORD.label();
    for (String line : text.split("\n")) {
      if (line.startsWith("keyset " + slot + " ")) {
        String[] f = line.split(" ");
        KeysetHandle handle =
            TinkProtoKeysetFormat.parseEncryptedKeyset(
                Base64.getUrlDecoder().decode(f[4]),
                kek,
                ("nirguard-keyring 2\n" + slot).getBytes(StandardCharsets.UTF_8));
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
      }
    }
    throw new GeneralSecurityException("no record keyset in the ring");
  }

  /** Per-thread input cursor. */
  @State(Scope.Thread)
  public static class Local {
    int i;

    int next() {
      return i++ & (N - 1);
    }
  }

  /** The documented plaintext: the values as length-prefixed UTF-8 (docs/spec §9). */
  static byte[] plaintext(String[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String v : values) {
      put(out, v);
    }
    return out.toByteArray();
  }

  /** The documented associated data (docs/spec §9), schema version 1. */
  static byte[] associatedData(String pseudonym) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    put(out, "nirguard-record/1");
    put(out, PURPOSE);
    put(out, "1");
    put(out, pseudonym);
    for (String n : NAMES) {
      put(out, n);
    }
    return out.toByteArray();
  }

  private static void put(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.write(b, 0, b.length);
  }

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * nirguard: the strings in, the {@code ne1} cell out.
   *
   * @param k shared keys and records
   * @param l per-thread cursor
   * @return the cell
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String sealNirguard(Keys k, Local l) throws GeneralSecurityException {
    int i = l.next();
    return k.fields.seal(k.pseudonyms[i], k.values[i]);
  }

  /**
   * Peer: raw Tink {@code Aead.encrypt} of the same record's plaintext and associated data (bytes
   * built in the setup).
   *
   * @param k shared keys and records
   * @param l per-thread cursor
   * @return Tink's ciphertext
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] sealTinkRaw(Keys k, Local l) throws GeneralSecurityException {
    int i = l.next();
    return k.raw.encrypt(k.plaintexts[i], k.ads[i]);
  }

  /**
   * Peer with text out: raw Tink on the prebuilt bytes, then the cell written plainly ({@code
   * "ne1." + base64url}).
   *
   * @param k shared keys and records
   * @param l per-thread cursor
   * @return the cell
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public String sealTinkBase64(Keys k, Local l) throws GeneralSecurityException {
    int i = l.next();
    return "ne1." + BASE64.encodeToString(k.raw.encrypt(k.plaintexts[i], k.ads[i]));
  }
}
