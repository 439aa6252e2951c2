package io.github.nirguard.benchmarks;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.csv.CsvProtector;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.LabExports;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole exporter pipeline on the seed's size: a 400,000-row lab export protected with the
 * default policy (NIR to FPE + keyed token, names sealed, birth date to year-month, phone dropped),
 * beside a naive pipeline built in the same benchmark from commons-csv, the plain naive NIR check
 * of {@link ValidateBenchmark} (shape and key; rows with an invalid NIR rejected), Bouncy Castle's
 * {@code FPEFF1Engine}, a JCA {@code Mac} and JCA AES-GCM. The setup checks that both write the
 * same number of rows.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main PipelineBenchmark -t 1
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PipelineBenchmark {
  static final String POLICY =
      "nirguard-policy 1\npurpose lab-export\n"
          + "column nir nir fpe+token\ncolumn last_name name seal\ncolumn first_name name seal\n"
          + "column birth_date birth-date generalize:year-month\ncolumn sex sex keep\ncolumn phone phone drop\n"
          + "column blood_group health keep\ncolumn test text keep\ncolumn result health keep\ncolumn unit text keep\n"
          + "column treating_doctor doctor-declared keep\ncolumn ald ald keep\ncolumn c2s c2s keep\n";

  /**
   * The policy of {@code nir protect}'s bundled example and demo (examples/lab-export.policy):
   * checksum profile for the never-real NIRs, the text columns scanned for NIRs, the on-leak safety
   * net. With the {@code bundled} parameter, the export is the demo's ({@code nir demo --rows
   * 400000}: never-real NIRs, seed 2026), so that the whole-process figures of {@code nir protect}
   * compare with the steady state of the same work (docs/benchmarks.md, The command).
   */
  static final String BUNDLED_POLICY =
      "nirguard-policy 1\npurpose lab-export\nnir-profile checksum\non-invalid reject\n"
          + "fpe-mode marked\non-leak fail\n"
          + "column nir nir fpe+token\ncolumn last_name name seal\ncolumn first_name name seal\n"
          + "column birth_date birth-date generalize:year-month\ncolumn sex sex keep\ncolumn phone phone drop\n"
          + "column blood_group health keep\ncolumn test text scan\ncolumn result health keep\ncolumn unit text scan\n"
          + "column treating_doctor doctor-declared keep\ncolumn ald ald keep\ncolumn c2s c2s keep\n";

  /** Rows in the export. */
  @Param({"400000"})
  public int rows;

  /**
   * {@code jmh}: valid NIRs and the policy above (the figures of the summary); {@code bundled}: the
   * demo's export and the bundled policy.
   */
  @Param({"jmh"})
  public String policy;

  /** Worker threads of the protector ({@link CsvProtector#withThreads}). */
  @Param({"1"})
  public int threads;

  byte[] export;
  CsvProtector protector;
  byte[] fpeKey = new byte[32];
  byte[] macKey = new byte[32];
  byte[] aeadKey = new byte[32];

  /**
   * Builds the export in memory (valid synthetic NIRs: nothing leaves the benchmark) and the keys.
   */
  @Setup(Level.Trial)
  public void setup() throws Exception {
    StringWriter w = new StringWriter();
    boolean bundled = policy.equals("bundled");
    if (bundled) {
      LabExports.write(w, rows, 2026L, true);
    } else {
      LabExports.write(w, rows, 400_000L, false);
    }
    export = w.toString().getBytes(StandardCharsets.UTF_8);
    KeyRing ring =
        KeyRingManager.empty().add("lab-export", KeyKind.TOKEN, KeyKind.FPE, KeyKind.RECORD).ring();
    protector =
        CsvProtector.create(ProtectionPolicy.parse(bundled ? BUNDLED_POLICY : POLICY), ring)
            .withThreads(threads);
    SecureRandom r = new SecureRandom();
    r.nextBytes(fpeKey);
    r.nextBytes(macKey);
    r.nextBytes(aeadKey);
    if (!bundled && nirguard() != naive()) {
      throw new IllegalStateException("the naive peer and nirguard write different row counts");
    }
  }

  /** nirguard: the CSV module with the default policy. */
  @Benchmark
  public long nirguard() throws Exception {
    return protector
        .protect(new ByteArrayInputStream(export), OutputStream.nullOutputStream(), null)
        .rowsWritten();
  }

  /** Peer: commons-csv + Bouncy Castle FF1 + JCA HMAC + JCA AES-GCM, the obvious way. */
  @Benchmark
  public long naive() throws Exception {
    FPEFF1Engine ff1 = new FPEFF1Engine();
    ff1.init(
        true,
        new FPEParameters(
            new KeyParameter(fpeKey), 10, "lab-export".getBytes(StandardCharsets.UTF_8)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec aes = new SecretKeySpec(aeadKey, "AES");
    SecureRandom random = new SecureRandom();
    byte[] iv = new byte[12];
    long n = 0;
    try (Reader in =
            new InputStreamReader(new ByteArrayInputStream(export), StandardCharsets.UTF_8);
        Writer out =
            new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter printer =
            new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
      boolean header = true;
      for (CSVRecord rec : CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(in)) {
        if (header) {
          header = false;
          continue;
        }
        String nir = rec.get(0);
        if (!ValidateBenchmark.naive(nir)) {
          continue; // the naive check: shape and key, rows with an invalid NIR rejected
        }
        // FF1 over the 13 body characters (2A/2B as 19/18), naive: no ranking, no mode
        byte[] digits = new byte[13];
        String body = nir.substring(0, 13).replace("2A", "19").replace("2B", "18");
        for (int i = 0; i < 13; i++) {
          digits[i] = (byte) (body.charAt(i) - '0');
        }
        byte[] enc = new byte[13];
        ff1.processBlock(digits, 0, 13, enc, 0);
        StringBuilder fpe = new StringBuilder(15);
        for (byte d : enc) {
          fpe.append((char) ('0' + d));
        }
        fpe.append(nir, 13, 15);
        byte[] digest = mac.doFinal(("lab-export|" + body).getBytes(StandardCharsets.US_ASCII));
        String token =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(digest, 16));
        random.nextBytes(iv);
        gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
        gcm.updateAAD(token.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed =
            gcm.doFinal((rec.get(1) + "\u0000" + rec.get(2)).getBytes(StandardCharsets.UTF_8));
        ByteBuffer cell = ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed);
        printer.printRecord(
            fpe,
            token,
            "",
            "",
            rec.get(3).substring(0, 7),
            rec.get(4),
            rec.get(6),
            rec.get(7),
            rec.get(8),
            rec.get(9),
            rec.get(10),
            rec.get(11),
            rec.get(12),
            Base64.getUrlEncoder().withoutPadding().encodeToString(cell.array()));
        n++;
      }
    }
    return n;
  }
}
