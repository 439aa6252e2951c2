package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark gives the plain library's outputs, row for row, on 100,000 generated NIRs (plus invalid
 * texts and nulls) spread over 8 partitions of a {@code local[2]} session.
 */
class NirFunctionsEquivalenceTest {
  static final int VALID = 100_000;
  static final int INVALID_PER_REASON = 300;
  static final long SEED = 20261128L;

  @TempDir static Path dir;
  static SparkSession spark;

  static KeyRing ring;
  static NirFunctions nir;
  static Map<Long, String> texts = new HashMap<>();
  static Map<Long, Row> results = new HashMap<>();
  static int decryptionsDuringJob;

  @BeforeAll
  static void run() throws Exception {
    spark = SparkTests.session("local[2]");
    ring = SparkTests.ring("research-42", "lab-export");
    nir = NirFunctions.register(spark, SparkTests.protect(ring, dir), SparkTests.audit(dir));

    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (Nir n : (Iterable<Nir>) Nirs.valid().stream(SEED).limit(VALID)::iterator) {
      String text =
          id % 3 == 0
              ? n.display()
              : id % 3 == 1 ? n.compact() : n.display().toLowerCase(java.util.Locale.ROOT);
      texts.put(id, text);
      rows.add(RowFactory.create(id++, text));
    }
    for (NirError reason : NirError.values()) {
      for (String text : Nirs.invalid(reason).sample(SEED + reason.ordinal(), INVALID_PER_REASON)) {
        texts.put(id, text);
        rows.add(RowFactory.create(id++, text));
      }
    }
    for (int i = 0; i < 100; i++) {
      texts.put(id, null);
      rows.add(RowFactory.create(id++, null));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("text", DataTypes.StringType, true);
    Dataset<Row> in = spark.createDataFrame(rows, schema).repartition(8);

    int before = Engines.DECRYPTIONS.get();
    Dataset<Row> out =
        in.select(
                col("id"),
                nir.valid(col("text")).as("valid"),
                nir.reason(col("text")).as("reason"),
                nir.normalize(col("text")).as("normalized"),
                nir.token(col("text"), "research-42").as("token"),
                nir.reversibleToken(col("text"), "lab-export", "prp").as("prp"),
                nir.reversibleToken(col("text"), "lab-export", "siv").as("siv"),
                nir.fpeEncrypt(col("text"), "lab-export").as("fpe"),
                nir.fpeEncrypt(col("text"), "lab-export", "format-valid").as("fpe_valid"),
                nir.valid(col("text"), "lenient").as("valid_lenient"))
            .localCheckpoint() // computed once; the round trips below read the stored tokens
            .withColumn("prp_back", nir.reveal(col("prp"), "lab-export"))
            .withColumn("siv_back", nir.reveal(col("siv"), "lab-export"))
            .withColumn("fpe_back", nir.fpeDecrypt(col("fpe"), "lab-export"))
            .withColumn(
                "fpe_valid_back", nir.fpeDecrypt(col("fpe_valid"), "lab-export", "format-valid"));

    for (Row r : out.collectAsList()) {
      results.put(r.getLong(0), r);
    }
    decryptionsDuringJob = Engines.DECRYPTIONS.get() - before;
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyRowComesBack() {
    assertEquals(texts.size(), results.size());
    assertTrue(texts.size() >= VALID);
  }

  @Test
  void theRingIsDecryptedOnceForTheWholeJob() {
    assertEquals(
        1,
        decryptionsDuringJob,
        "8 partitions and 13 function columns, one decryption in this JVM");
  }

  @Test
  void validationMatchesTheValidator() {
    NirValidator strict = NirValidator.strict();
    NirValidator lenient = NirValidator.named("lenient");
    check("valid", 1, t -> strict.isValid(t));
    check("reason", 2, t -> strict.validate(t).reason().map(Enum::name).orElse(null));
    check(
        "normalized",
        3,
        t -> {
          ValidationResult v = strict.validate(t);
          return t == null || !v.isValid() ? null : v.nir().get().compact();
        });
    check("valid under lenient", 9, t -> lenient.isValid(t));
  }

  @Test
  void tokensMatchTheTokenizers() throws Exception {
    KeyedTokenizer keyed = KeyedTokenizer.create(ring, "research-42");
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, "lab-export");
    ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, "lab-export");
    check("keyed token", 4, t -> strictly(t).map(n -> keyed.tokenize(n).value()).orElse(null));
    check("PRP token", 5, t -> strictly(t).map(n -> prp.tokenize(n).value()).orElse(null));
    check("SIV token", 6, t -> strictly(t).map(n -> siv.tokenize(n).value()).orElse(null));
  }

  @Test
  void fpeMatchesNirFpe() throws Exception {
    NirFpe marked = NirFpe.create(ring, "lab-export");
    NirFpe formatValid = NirFpe.create(ring, "lab-export", NirFpe.Mode.FORMAT_VALID);
    check("marked FPE", 7, t -> strictly(t).map(marked::encrypt).orElse(null));
    check("format-valid FPE", 8, t -> strictly(t).map(formatValid::encrypt).orElse(null));
  }

  @Test
  void reversibleTokensAndFpeRoundTrip() {
    int valid = 0;
    for (Map.Entry<Long, Row> e : results.entrySet()) {
      Row r = e.getValue();
      String normalized = r.getString(3);
      for (int c = 10; c <= 13; c++) {
        assertTrue(
            Objects.equals(normalized, r.getString(c)),
            "row " + e.getKey() + ", column " + r.schema().fieldNames()[c]);
      }
      if (normalized != null) {
        valid++;
        assertFalse(
            NirValidator.strict().isValid(r.getString(7)), "marked FPE is never a valid NIR");
        assertTrue(
            NirValidator.strict().isValid(r.getString(8)), "format-valid FPE is a valid NIR");
      }
    }
    assertTrue(valid >= VALID);
  }

  @Test
  void invalidValuesAndNullsGiveNullAndTheirReason() {
    int invalid = 0;
    for (Map.Entry<Long, Row> e : results.entrySet()) {
      Row r = e.getValue();
      if (!r.getBoolean(1)) {
        invalid++;
        assertNotNull(r.getString(2), "a reason for row " + e.getKey());
        for (int c = 3; c <= 8; c++) {
          assertNull(r.get(c), "row " + e.getKey() + ", column " + r.schema().fieldNames()[c]);
        }
      } else {
        assertNull(r.getString(2));
      }
    }
    assertEquals(NirError.values().length * INVALID_PER_REASON + 100, invalid);
  }

  private static Optional<Nir> strictly(String text) {
    return Nir.tryParse(text);
  }

  /** Compares column {@code c} of every row with the plain library's answer for its text. */
  private static void check(String what, int c, Function<String, Object> plain) {
    int compared = 0;
    for (Map.Entry<Long, String> e : texts.entrySet()) {
      Row r = results.get(e.getKey());
      // never print the values: a generated NIR may be a real person's
      assertTrue(Objects.equals(plain.apply(e.getValue()), r.get(c)), what + ", row " + e.getKey());
      compared++;
    }
    assertEquals(texts.size(), compared);
  }
}
