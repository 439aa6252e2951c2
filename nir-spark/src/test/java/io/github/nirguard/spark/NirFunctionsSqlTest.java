package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.testkit.Nirs;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

/** The SQL functions, invalid values and nulls, parameter errors, birth dates. */
class NirFunctionsSqlTest {
  static final long SEED = 42L;

  @TempDir static Path dir;
  static SparkSession spark;
  static KeyRing ring;
  static ProtectedKeys keys;
  static NirFunctions nir;
  static List<String> valid;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTests.session("local[2]");
    ring = SparkTests.ring("research-42", "lab-export", "other");
    keys = SparkTests.protect(ring, dir);
    nir = NirFunctions.register(spark, keys, SparkTests.audit(dir));
    valid = Nirs.valid().map(Nir::display).sample(SEED, 2_000);
    texts("nirs", valid).createOrReplaceGlobalTempView("nirguard_nirs"); // for other sessions
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Dataset<Row> texts(String view, List<String> texts) {
    List<Row> rows = new ArrayList<>();
    for (String t : texts) {
      rows.add(RowFactory.create(t));
    }
    Dataset<Row> df =
        spark
            .createDataFrame(rows, new StructType().add("text", DataTypes.StringType, true))
            .repartition(4);
    df.createOrReplaceTempView(view);
    return df;
  }

  static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  static Throwable rootOf(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return new RuntimeException(all.toString());
  }

  @Test
  void optionalArgumentsWorkOnThisSpark() {
    assertTrue(nir.optionalArguments());
    Row r =
        sql("SELECT count(*) AS n,"
                + " count_if(nir_valid(text)) AS v1, count_if(nir_valid(text, 'strict')) AS v2,"
                + " count_if(nir_fpe_encrypt(text, 'lab-export') = nir_fpe_encrypt(text, 'lab-export', 'marked')) AS f1,"
                + " count_if(nir_fpe_encrypt(text, 'lab-export') = nirguard_fpe_encrypt(text, 'lab-export', 'marked')) AS f2,"
                + " count_if(nir_fpe_decrypt(nir_fpe_encrypt(text, 'lab-export', 'format-valid'), 'lab-export', 'format-valid')"
                + "   = nir_normalize(text)) AS f3,"
                + " count_if(nir_normalize(text) = nirguard_normalize(text, 'strict')) AS n1"
                + " FROM nirs")
            .get(0);
    long n = r.getLong(0);
    assertEquals(valid.size(), n);
    for (int i = 1; i < r.size(); i++) {
      assertEquals(n, r.getLong(i), r.schema().fieldNames()[i]);
    }
  }

  @Test
  void withoutDefaultParametersTheShortAndExplicitFormsRemain() {
    SparkSession older = spark.newSession(); // temporary functions are per session
    NirFunctions f = NirFunctions.register(older, keys, SparkTests.audit(dir), false);
    assertFalse(f.optionalArguments());
    Row r =
        older
            .sql(
                "SELECT count(*),"
                    + " count_if(nir_valid(text)), count_if(nirguard_valid(text, 'lenient')),"
                    + " count_if(nir_fpe_decrypt(nir_fpe_encrypt(text, 'lab-export'), 'lab-export') = nir_normalize(text)),"
                    + " count_if(nir_fpe_encrypt(text, 'lab-export') = nirguard_fpe_encrypt(text, 'lab-export', 'marked')),"
                    + " count_if(nirguard_fpe_decrypt(nirguard_fpe_encrypt(text, 'lab-export', 'format-valid'), 'lab-export',"
                    + "   'format-valid') = nirguard_normalize(text, 'strict')),"
                    + " count_if(nir_reason(text) IS NULL)"
                    + " FROM global_temp.nirguard_nirs")
            .collectAsList()
            .get(0);
    for (int c = 1; c < r.size(); c++) {
      assertEquals(r.getLong(0), r.getLong(c), "column " + c);
    }
    assertThrows(
        Exception.class, () -> older.sql("SELECT nir_valid('x', 'lenient')").collectAsList());
  }

  @Test
  void sqlGivesTheLibrarysTokensAndCiphertexts() throws Exception {
    KeyedTokenizer keyed = KeyedTokenizer.create(ring, "research-42");
    NirFpe fpe = NirFpe.create(ring, "lab-export");
    List<Row> rows =
        sql(
            "SELECT text, nir_token(text, 'research-42'), nir_fpe_encrypt(text, 'lab-export'),"
                + " nir_reveal(nir_reversible_token(text, 'lab-export', 'prp'), 'lab-export'),"
                + " nir_reveal(nir_reversible_token(text, 'lab-export', 'siv'), 'lab-export') FROM nirs");
    assertEquals(valid.size(), rows.size());
    for (Row r : rows) {
      Nir n = Nir.parse(r.getString(0));
      assertTrue(keyed.tokenize(n).value().equals(r.getString(1)), "token");
      assertTrue(fpe.encrypt(n).equals(r.getString(2)), "FPE");
      assertTrue(n.compact().equals(r.getString(3)), "PRP round trip");
      assertTrue(n.compact().equals(r.getString(4)), "SIV round trip");
    }
  }

  @Test
  void everyReasonGivesNullsAndItsCode() {
    List<Row> in = new ArrayList<>();
    for (NirError reason : NirError.values()) {
      for (String text : Nirs.invalid(reason).sample(SEED + reason.ordinal(), 100)) {
        in.add(RowFactory.create(reason.name(), text));
      }
    }
    spark
        .createDataFrame(
            in,
            new StructType()
                .add("expected", DataTypes.StringType)
                .add("text", DataTypes.StringType))
        .repartition(4)
        .createOrReplaceTempView("invalid");
    List<Row> rows =
        sql(
            "SELECT expected, nir_valid(text), nir_reason(text), nir_normalize(text),"
                + " nir_token(text, 'research-42'), nir_reversible_token(text, 'lab-export', 'prp'),"
                + " nir_reversible_token(text, 'lab-export', 'siv'), nir_fpe_encrypt(text, 'lab-export'),"
                + " nir_fpe_encrypt(text, 'lab-export', 'format-valid') FROM invalid");
    assertEquals(NirError.values().length * 100, rows.size());
    for (Row r : rows) {
      String reason = r.getString(0);
      assertFalse(r.getBoolean(1), reason);
      assertEquals(reason, r.getString(2));
      for (int c = 3; c < r.size(); c++) {
        assertNull(r.get(c), reason + ", column " + c);
      }
    }
  }

  @Test
  void nullsGiveNullAndEmptyAsTheReason() {
    Row r =
        sql("SELECT nir_valid(NULL), nir_reason(NULL), nir_normalize(NULL), nir_token(NULL, 'research-42'),"
                + " nir_reversible_token(NULL, 'lab-export', 'siv'), nir_reveal(NULL, 'lab-export'),"
                + " nir_fpe_encrypt(NULL, 'lab-export'), nir_fpe_decrypt(NULL, 'lab-export'),"
                + " nir_generalize_birth_date(NULL, 'year')")
            .get(0);
    assertFalse(r.getBoolean(0));
    assertEquals(NirError.EMPTY.name(), r.getString(1));
    for (int c = 2; c < r.size(); c++) {
      assertNull(r.get(c), "column " + c);
    }
  }

  @Test
  void nullParametersGiveNull() {
    Row r =
        sql("SELECT nir_token(text, NULL), nir_fpe_encrypt(text, 'lab-export', NULL),"
                + " nir_reversible_token(text, 'lab-export', NULL), nir_valid(text, NULL) FROM nirs LIMIT 1")
            .get(0);
    for (int c = 0; c < r.size(); c++) {
      assertNull(r.get(c), "column " + c);
    }
  }

  @Test
  void whatIsNotACiphertextOfThisPurposeRevealsNothing() {
    Row r =
        sql("SELECT"
                + " count_if(nir_reveal(nir_token(text, 'research-42'), 'research-42') IS NULL)," // keyed: irreversible
                + " count_if(nir_reveal(nir_reversible_token(text, 'other', 'prp'), 'lab-export') IS NULL),"
                + " count_if(nir_reveal(nir_reversible_token(text, 'other', 'siv'), 'lab-export') IS NULL),"
                + " count_if(nir_reveal(text, 'lab-export') IS NULL),"
                + " count_if(nir_fpe_decrypt(text, 'lab-export') IS NULL)," // a valid NIR is not a
                // marked ciphertext
                + " count_if(nir_fpe_decrypt(concat(text, '0'), 'lab-export', 'format-valid') IS NULL)"
                + " FROM nirs")
            .get(0);
    for (int c = 0; c < r.size(); c++) {
      assertEquals(valid.size(), r.getLong(c), "column " + c);
    }
  }

  @Test
  void birthDatesAreGeneralized() {
    List<Row> rows =
        List.of(
            RowFactory.create(
                Date.valueOf("1955-08-03"), Timestamp.valueOf("1955-08-03 10:00:00"), "1955-08-03"),
            RowFactory.create(
                Date.valueOf("2001-01-31"), Timestamp.valueOf("2001-01-31 23:59:59"), "31/01/2001"),
            RowFactory.create(null, null, "not a date"),
            RowFactory.create(null, null, "1955-13-01"),
            RowFactory.create(null, null, "1955-08-03T10:00"),
            RowFactory.create(null, null, "30/02/2001"));
    StructType schema =
        new StructType()
            .add("d", DataTypes.DateType, true)
            .add("ts", DataTypes.TimestampType, true)
            .add("s", DataTypes.StringType, true);
    spark.createDataFrame(rows, schema).createOrReplaceTempView("births");
    List<Row> out =
        sql(
            "SELECT nir_generalize_birth_date(d, 'year'), nir_generalize_birth_date(d, 'year-month'),"
                + " nir_generalize_birth_date(ts, 'year-month'), nir_generalize_birth_date(s, 'year-month') FROM births");
    assertEquals(List.of("1955", "1955-08", "1955-08", "1955-08"), values(out.get(0)));
    assertEquals(List.of("2001", "2001-01", "2001-01", "2001-01"), values(out.get(1)));
    for (int i = 2; i < out.size(); i++) {
      assertEquals(java.util.Arrays.asList(null, null, null, null), values(out.get(i)), "row " + i);
    }
    Row df = spark.table("births").select(nir.generalizeBirthDate(col("d"), "year")).first();
    assertEquals("1955", df.getString(0));
  }

  @Test
  void freeTextIsCountedAndRedactedAsTheScannerDoes() throws Exception {
    io.github.nirguard.validate.scan.NirScanner scanner =
        io.github.nirguard.validate.scan.NirScanner.standard();
    io.github.nirguard.crypto.KeyedTokenizer tokens =
        io.github.nirguard.crypto.KeyedTokenizer.create(ring, "research-42");
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String a = valid.get(i);
      String b = valid.get(i + 300).replace(" ", "");
      notes.add(
          i % 3 == 0
              ? "Patient " + a + ", tél. 06 12 34 56 78, vu le 03/08/2026."
              : i % 3 == 1 ? "NIR " + a + " et conjoint " + b : "RAS, dossier 2024-000" + i);
    }
    notes.add(null);
    texts("notes", notes);
    List<Row> out =
        sql("SELECT text, nir_scan_count(text), nir_scan_redact(text, 'research-42') FROM notes");
    int found = 0;
    for (Row r : out) {
      String text = r.getString(0);
      if (text == null) {
        assertTrue(r.isNullAt(1) && r.isNullAt(2));
        continue;
      }
      int n = scanner.count(text);
      found += n;
      assertEquals(n, r.getInt(1));
      String redacted = r.getString(2);
      assertEquals(scanner.redact(text, x -> tokens.tokenize(x).value()), redacted);
      assertEquals(0, scanner.count(redacted), "no NIR left");
    }
    assertEquals(300, found, "100 notes with one NIR, 100 with two");
    Row df =
        spark
            .table("notes")
            .select(
                org.apache.spark.sql.functions.sum(nir.scanCount(col("text"))),
                org.apache.spark.sql.functions.sum(
                    nir.scanCount(nir.scanRedact(col("text"), "research-42"))))
            .first();
    assertEquals(300L, df.getLong(0));
    assertEquals(0L, df.getLong(1));
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      v.add(r.get(i));
    }
    return v;
  }

  @Test
  void wrongParametersFailTheQueryAndSayWhich() {
    Exception purpose =
        assertThrows(Exception.class, () -> sql("SELECT nir_token(text, 'nobody') FROM nirs"));
    assertTrue(rootOf(purpose).getMessage().contains("no keyset for purpose 'nobody'"));
    Exception mode =
        assertThrows(
            Exception.class,
            () -> sql("SELECT nir_fpe_encrypt(text, 'lab-export', 'ff3') FROM nirs"));
    assertTrue(rootOf(mode).getMessage().contains("unknown FPE mode"));
    Exception scheme =
        assertThrows(
            Exception.class,
            () -> sql("SELECT nir_reversible_token(text, 'lab-export', 'rot13') FROM nirs"));
    assertTrue(rootOf(scheme).getMessage().contains("unknown reversible token scheme"));
    for (Exception e : List.of(purpose, mode, scheme)) {
      for (String v : valid.subList(0, 50)) {
        assertFalse(rootOf(e).getMessage().contains(v), "no NIR in error messages");
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> nir.fpeEncrypt(col("text"), "lab-export", "ff3"));
    assertThrows(IllegalArgumentException.class, () -> nir.token(col("text"), "Research 42"));
    assertThrows(IllegalArgumentException.class, () -> nir.valid(col("text"), "loose"));
    assertThrows(
        IllegalArgumentException.class, () -> nir.generalizeBirthDate(col("text"), "decade"));
  }

  @Test
  void aWrongKekFailsTheQueryNamingTheReferenceOnly() throws Exception {
    Path otherKek = dir.resolve("other-kek.json");
    Kek.insecureCreateCleartextFile(otherKek);
    Kek kek = Kek.insecureFromCleartextFile(dir.resolve("dev-kek.json"));
    ProtectedKeys wrong =
        ProtectedKeys.seal(ring, kek, KekReference.insecureCleartextFile(otherKek.toString()));
    NirFunctions f = NirFunctions.of(wrong);
    Exception e =
        assertThrows(
            Exception.class,
            () -> spark.table("nirs").select(f.token(col("text"), "research-42")).collectAsList());
    String message = rootOf(e).getMessage();
    assertTrue(
        message.contains("cannot decrypt the key ring with KekReference[cleartext-file"),
        "names the reference");
  }

  @Test
  void dataFrameAndSqlAgree() {
    Dataset<Row> df =
        spark
            .table("nirs")
            .select(
                col("text"),
                nir.token(col("text"), "research-42").as("t"),
                nir.fpeEncrypt(col("text"), "lab-export", "format-valid").as("f"),
                nir.reason(lit("1 85 05 78 006 084 36")).as("r"));
    df.createOrReplaceTempView("df_out");
    Row r =
        sql("SELECT count(*), count_if(t = nir_token(text, 'research-42')),"
                + " count_if(f = nir_fpe_encrypt(text, 'lab-export', 'format-valid')), count_if(r = 'KEY_MISMATCH') FROM df_out")
            .get(0);
    assertEquals(r.getLong(0), r.getLong(1));
    assertEquals(r.getLong(0), r.getLong(2));
    assertEquals(r.getLong(0), r.getLong(3));
    assertTrue(Objects.equals(valid.size(), (int) r.getLong(0)));
  }
}
