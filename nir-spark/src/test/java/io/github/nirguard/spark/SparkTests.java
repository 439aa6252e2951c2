package io.github.nirguard.spark;

import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.apache.spark.sql.SparkSession;

/** The test session and keys: one session per test class, the settings of docs/spark.md. */
final class SparkTests {
  private SparkTests() {}

  static SparkSession session(String master) {
    return SparkSession.builder()
        .appName("nirguard-spark-tests")
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.io.encryption.enabled", "true") // what docs/spark.md recommends
        .getOrCreate();
  }

  /** A ring with every kind for each purpose. */
  static KeyRing ring(String... purposes) throws GeneralSecurityException {
    KeyRingManager keys = KeyRingManager.empty();
    for (String p : purposes) {
      keys = keys.add(p, KeyKind.values());
    }
    return keys.ring();
  }

  /** The reveal audit of the tests: a log file in {@code dir}. */
  static RevealAudit audit(Path dir) {
    return RevealAudit.toFile(
        dir.resolve("reveal.audit"), "spark-tests", "nirguard tests (issue 14)");
  }

  /** A development KEK file in {@code dir} and the ring sealed with it. */
  static ProtectedKeys protect(KeyRing ring, Path dir)
      throws IOException, GeneralSecurityException {
    Path kekFile = dir.resolve("dev-kek.json");
    Kek kek = Kek.insecureCreateCleartextFile(kekFile);
    return ProtectedKeys.seal(ring, kek, KekReference.insecureCleartextFile(kekFile.toString()));
  }
}
