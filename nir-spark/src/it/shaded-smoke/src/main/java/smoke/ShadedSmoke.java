package smoke;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.spark.KekReference;
import io.github.nirguard.spark.NirFunctions;
import io.github.nirguard.spark.ProtectedKeys;
import io.github.nirguard.spark.RevealAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Loads nirguard from the jar under test next to a given Spark, runs every keyed function once,
 * checks the answers.
 */
public final class ShadedSmoke {
  public static void main(String[] args) throws Exception {
    String sample = "2 55 08 14 168 025 38"; // the README's example
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("nirguard-shaded-smoke")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    System.out.println("Spark " + spark.version());
    System.out.println("Tink seen by Spark's class path: " + where("com.google.crypto.tink.Aead"));
    System.out.println(
        "Tink used by nirguard:          "
            + where(
                KeyRing.class
                    .getMethod("keyset", String.class, KeyKind.class)
                    .getReturnType()
                    .getName()));
    int failures = 0;
    try {
      Path dir = Files.createTempDirectory("nirguard-smoke");
      Kek kek = Kek.insecureCreateCleartextFile(dir.resolve("kek.json"));
      KeyRing ring =
          KeyRingManager.empty()
              .add("smoke", KeyKind.TOKEN, KeyKind.PRP_TOKEN, KeyKind.SIV_TOKEN, KeyKind.FPE)
              .ring();
      ProtectedKeys keys =
          ProtectedKeys.seal(
              ring, kek, KekReference.insecureCleartextFile(dir.resolve("kek.json").toString()));
      NirFunctions nir =
          NirFunctions.register(
              spark,
              keys,
              RevealAudit.toFile(dir.resolve("reveal.audit"), "smoke", "shaded smoke test"));
      System.out.println("SQL optional arguments: " + nir.optionalArguments());
      spark
          .sql("SELECT '" + sample + "' AS text UNION ALL SELECT 'not a nir' UNION ALL SELECT NULL")
          .repartition(2)
          .createOrReplaceTempView("t");
      List<Row> rows =
          spark
              .sql(
                  "SELECT text, nir_valid(text), nir_reason(text), nir_token(text, 'smoke'),"
                      + " nir_reveal(nir_reversible_token(text, 'smoke', 'siv'), 'smoke'),"
                      + " nir_reveal(nir_reversible_token(text, 'smoke', 'prp'), 'smoke'),"
                      + " nir_fpe_encrypt(text, 'smoke'), nir_fpe_decrypt(nir_fpe_encrypt(text, 'smoke'), 'smoke') FROM t")
              .collectAsList();
      Nir n = Nir.parse(sample);
      String token = KeyedTokenizer.create(ring, "smoke").tokenize(n).value();
      String fpe = NirFpe.create(ring, "smoke").encrypt(n);
      for (Row r : rows) {
        String text = r.getString(0);
        boolean valid = sample.equals(text);
        failures += check("valid", valid, r.getBoolean(1));
        failures +=
            check(
                "reason",
                valid ? null : text == null ? "EMPTY" : "INVALID_CHARACTER",
                r.getString(2));
        failures += check("token", valid ? token : null, r.getString(3));
        failures += check("SIV round trip", valid ? n.compact() : null, r.getString(4));
        failures += check("PRP round trip", valid ? n.compact() : null, r.getString(5));
        failures += check("FPE", valid ? fpe : null, r.getString(6));
        failures += check("FPE round trip", valid ? n.compact() : null, r.getString(7));
      }
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      failures++;
    } finally {
      spark.stop();
    }
    System.out.println(failures == 0 ? "SMOKE OK" : "SMOKE FAILED: " + failures);
    System.exit(failures == 0 ? 0 : 1);
  }

  private static int check(String what, Object expected, Object actual) {
    boolean ok = expected == null ? actual == null : expected.equals(actual);
    if (!ok) {
      System.out.println("mismatch: " + what);
    }
    return ok ? 0 : 1;
  }

  private static String where(String className) {
    try {
      Class<?> c = Class.forName(className);
      return c.getName() + " from " + c.getProtectionDomain().getCodeSource().getLocation();
    } catch (ClassNotFoundException e) {
      return "absent";
    }
  }
}
