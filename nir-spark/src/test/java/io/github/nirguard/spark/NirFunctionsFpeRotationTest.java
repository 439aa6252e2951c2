package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.testkit.Nirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Issue 12, "reveal never lies": FPE values encrypted with key A, then {@code nir keys rotate
 * --kind fpe}. Decrypting them without a key id must fail the query rather than give other NIRs;
 * with key A's id it gives every NIR back, as {@code NirFpe.forKey} does.
 */
class NirFunctionsFpeRotationTest {
  static final long SEED = 1212L;
  static final String PURPOSE = "lab-export";

  @TempDir static Path dir;
  static SparkSession spark;

  /** The session that encrypted, with the ring before the rotation. */
  static SparkSession encrypting;

  static KeyRing before;
  static KeyRing after;
  static ProtectedKeys keysAfter;
  static NirFunctions nir;
  static List<String> valid;
  static int keyA;
  static String keyAHex;
  static List<Row> exported;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTests.session("local[2]");
    before = SparkTests.ring(PURPOSE, "other");
    keyA = NirFpe.create(before, PURPOSE).keyId();
    keyAHex = hex(keyA);
    valid = Nirs.valid().map(Nir::display).sample(SEED, 1_000);

    // encrypt with key A, the only key then, in a session of its own
    encrypting = spark.newSession();
    NirFunctions.register(
        encrypting, SparkTests.protect(before, Files.createDirectories(dir.resolve("before"))));
    List<Row> in = new ArrayList<>();
    for (String t : valid) {
      in.add(RowFactory.create(t));
    }
    encrypting
        .createDataFrame(in, new StructType().add("text", DataTypes.StringType, true))
        .repartition(4)
        .createOrReplaceTempView("nirs");
    exported =
        encrypting
            .sql(
                "SELECT text, nir_fpe_encrypt(text, '"
                    + PURPOSE
                    + "') AS fpe,"
                    + " nir_fpe_encrypt(text, '"
                    + PURPOSE
                    + "', 'format-valid') AS fpe_valid, '"
                    + keyAHex
                    + "' AS fpe_key,"
                    + " nir_fpe_encrypt(text, 'other') AS other FROM nirs")
            .collectAsList();

    // then `nir keys rotate --kind fpe`: a new primary key, key A kept for reading
    after = KeyRingManager.of(before).rotate(PURPOSE, KeyKind.FPE).ring();
    keysAfter = SparkTests.protect(after, Files.createDirectories(dir.resolve("after")));
    nir = NirFunctions.register(spark, keysAfter, SparkTests.audit(dir));
    StructType schema =
        new StructType()
            .add("text", DataTypes.StringType)
            .add("fpe", DataTypes.StringType)
            .add("fpe_valid", DataTypes.StringType)
            .add("fpe_key", DataTypes.StringType)
            .add("other", DataTypes.StringType);
    Dataset<Row> df = spark.createDataFrame(exported, schema).repartition(4);
    df.createOrReplaceTempView("exported");
    df.createOrReplaceGlobalTempView("nirguard_fpe_exported"); // for the session without defaults
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static String hex(int keyId) {
    return String.format(Locale.ROOT, "%08x", keyId);
  }

  static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  /** Every message of the cause chain. */
  static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** The message names the purpose, and no NIR nor ciphertext of the data. */
  static void assertNamesThePurposeOnly(String message) {
    assertTrue(message.contains("purpose '" + PURPOSE + "'"), "names the purpose");
    for (Row r : exported.subList(0, 200)) {
      String compact = Nir.parse(r.getString(0)).compact();
      assertFalse(
          message.contains(compact) || message.contains(r.getString(0)), "no NIR in the message");
      assertFalse(
          message.contains(r.getString(1)) || message.contains(r.getString(2)),
          "no ciphertext in the message");
    }
  }

  @Test
  void withoutAKeyIdDecryptionAfterARotationFailsTheQuery() {
    List<String> queries =
        List.of(
            "SELECT nir_fpe_decrypt(fpe, '" + PURPOSE + "') FROM exported",
            "SELECT nir_fpe_decrypt(fpe_valid, '" + PURPOSE + "', 'format-valid') FROM exported",
            "SELECT nirguard_fpe_decrypt(fpe, '" + PURPOSE + "', 'marked') FROM exported",
            "SELECT nir_fpe_decrypt(fpe, '" + PURPOSE + "', 'marked', '') FROM exported");
    for (String q : queries) {
      Exception e = assertThrows(Exception.class, () -> sql(q), q);
      String message = messages(e);
      assertTrue(
          message.contains("pass the id of the key that encrypted the values"),
          "asks for the key id: " + q);
      assertNamesThePurposeOnly(message);
    }
    Exception df =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .table("exported")
                    .select(nir.fpeDecrypt(col("fpe"), PURPOSE))
                    .collectAsList());
    assertTrue(
        messages(df).contains("pass the id of the key that encrypted the values"), "DataFrame");
    assertNamesThePurposeOnly(messages(df));

    // without SQL defaults: the short form refuses too
    SparkSession older = spark.newSession();
    NirFunctions.register(older, keysAfter, SparkTests.audit(dir), false);
    Exception shortForm =
        assertThrows(
            Exception.class,
            () ->
                older
                    .sql(
                        "SELECT nir_fpe_decrypt(fpe, '"
                            + PURPOSE
                            + "') FROM global_temp.nirguard_fpe_exported")
                    .collectAsList());
    assertNamesThePurposeOnly(messages(shortForm));

    // a keyset of one key (not rotated) still decrypts without a key id
    Row r =
        sql("SELECT count(*), count_if(nir_fpe_decrypt(other, 'other') = nir_normalize(text)) FROM exported")
            .get(0);
    assertEquals(valid.size(), r.getLong(0));
    assertEquals(r.getLong(0), r.getLong(1));
  }

  @Test
  void withKeyAsIdEveryNirComesBackAsNirFpeForKeyGivesIt() throws Exception {
    NirFpe markedA = NirFpe.forKey(after, PURPOSE, NirFpe.Mode.MARKED, keyA);
    NirFpe formatValidA = NirFpe.forKey(after, PURPOSE, NirFpe.Mode.FORMAT_VALID, keyA);
    NirFpe primary = NirFpe.create(after, PURPOSE);
    List<Row> rows =
        spark
            .table("exported")
            .select(
                col("text"),
                col("fpe"),
                col("fpe_valid"),
                nir.fpeDecrypt(col("fpe"), PURPOSE, "marked", col("fpe_key")),
                nir.fpeDecrypt(col("fpe_valid"), PURPOSE, "format-valid", keyAHex),
                nir.fpeDecrypt(
                    col("fpe"), PURPOSE, "marked", keyAHex.toUpperCase(java.util.Locale.ROOT)))
            .collectAsList();
    List<Row> sqlRows =
        sql(
            "SELECT text, nir_fpe_decrypt(fpe, '"
                + PURPOSE
                + "', 'marked', fpe_key),"
                + " nir_fpe_decrypt(fpe_valid, '"
                + PURPOSE
                + "', 'format-valid', '"
                + keyAHex
                + "'),"
                + " nirguard_fpe_decrypt_key(fpe, '"
                + PURPOSE
                + "', 'marked', fpe_key),"
                + " nir_fpe_decrypt(fpe, '"
                + PURPOSE
                + "', 'marked', CAST(NULL AS STRING)) FROM exported");
    assertEquals(valid.size(), rows.size());
    assertEquals(valid.size(), sqlRows.size());
    int wrongWithThePrimary = 0;
    for (Row r : rows) {
      String compact = Nir.parse(r.getString(0)).compact();
      String library = markedA.decrypt(r.getString(1)).compact();
      assertTrue(compact.equals(library), "the library with key A");
      assertTrue(library.equals(r.getString(3)), "DataFrame, key id column");
      assertTrue(
          formatValidA.decrypt(r.getString(2)).compact().equals(r.getString(4)),
          "DataFrame, format-valid");
      assertTrue(compact.equals(r.getString(5)), "DataFrame, upper-case key id");
      if (!compact.equals(primary.decrypt(r.getString(1)).compact())) {
        wrongWithThePrimary++;
      }
    }
    assertEquals(valid.size(), wrongWithThePrimary, "the new primary would have given other NIRs");
    for (Row r : sqlRows) {
      String compact = Nir.parse(r.getString(0)).compact();
      for (int c = 1; c <= 3; c++) {
        assertTrue(compact.equals(r.getString(c)), "SQL, column " + c);
      }
      assertNull(r.get(4), "a null key id gives null");
    }
    // without SQL defaults: the explicit form
    SparkSession older = spark.newSession();
    NirFunctions.register(older, keysAfter, SparkTests.audit(dir), false);
    Row o =
        older
            .sql(
                "SELECT count(*), count_if(nirguard_fpe_decrypt_key(fpe, '"
                    + PURPOSE
                    + "', 'marked', fpe_key)"
                    + " = nir_normalize(text)) FROM global_temp.nirguard_fpe_exported")
            .collectAsList()
            .get(0);
    assertEquals(valid.size(), o.getLong(0));
    assertEquals(o.getLong(0), o.getLong(1));
  }

  @Test
  void anUnknownOrMalformedKeyIdFailsTheQuery() {
    Set<Integer> ids = after.describe().stream().map(KeyInfo::keyId).collect(Collectors.toSet());
    int candidate = keyA;
    while (ids.contains(candidate)) {
      candidate++;
    }
    final int unknown = candidate;
    int otherPurposesKey =
        after.describe().stream()
            .filter(k -> k.purpose().equals("other") && k.kind() == KeyKind.FPE)
            .findFirst()
            .get()
            .keyId();
    for (String id : List.of(hex(unknown), hex(otherPurposesKey))) {
      for (String q :
          List.of(
              "SELECT nir_fpe_decrypt(fpe, '"
                  + PURPOSE
                  + "', 'marked', '"
                  + id
                  + "') FROM exported",
              "SELECT nirguard_fpe_decrypt_key(fpe, '"
                  + PURPOSE
                  + "', 'marked', '"
                  + id
                  + "') FROM exported")) {
        Exception e = assertThrows(Exception.class, () -> sql(q), q);
        assertTrue(messages(e).contains("has no enabled key with the given key id"), q);
        assertNamesThePurposeOnly(messages(e));
      }
    }
    Exception df =
        assertThrows(
            Exception.class,
            () ->
                spark
                    .table("exported")
                    .select(nir.fpeDecrypt(col("fpe"), PURPOSE, "marked", hex(unknown)))
                    .collectAsList());
    assertTrue(messages(df).contains("has no enabled key with the given key id"), "DataFrame");

    Exception malformed =
        assertThrows(
            Exception.class,
            () ->
                sql(
                    "SELECT nir_fpe_decrypt(fpe, '"
                        + PURPOSE
                        + "', 'marked', 'key-a') FROM exported"));
    assertTrue(messages(malformed).contains("malformed FPE key id"));
    for (String id : List.of("1a2b3c4", "1a2b3c4d5", "1a2b3c4g", "0x1a2b3c", "1a2b3c4\uff44")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> nir.fpeDecrypt(col("fpe"), PURPOSE, "marked", id),
          id);
    }
  }

  @Test
  void nirFpeKeyIdIsTheKeyEncryptionUsesNow() throws Exception {
    String primary = hex(NirFpe.create(after, PURPOSE).keyId());
    assertNotEquals(keyAHex, primary, "the rotation made a new primary");
    Row r =
        sql("SELECT nir_fpe_key_id('"
                + PURPOSE
                + "'), nir_fpe_key_id('other'), nir_fpe_key_id(NULL)")
            .get(0);
    assertEquals(primary, r.getString(0));
    assertEquals(hex(NirFpe.create(after, "other").keyId()), r.getString(1));
    assertNull(r.get(2));
    assertEquals(
        primary, spark.table("exported").select(nir.fpeKeyId(PURPOSE)).first().getString(0));
    assertEquals(primary, nir.primaryFpeKeyId(PURPOSE));
    // the ring before the rotation: key A
    assertEquals(
        keyAHex, encrypting.sql("SELECT nir_fpe_key_id('" + PURPOSE + "')").first().getString(0));
    // what it names decrypts what nir_fpe_encrypt made
    Row k =
        sql("SELECT count(*), count_if(nir_fpe_decrypt(nir_fpe_encrypt(text, '"
                + PURPOSE
                + "'), '"
                + PURPOSE
                + "', 'marked', nir_fpe_key_id('"
                + PURPOSE
                + "')) = nir_normalize(text)) FROM exported")
            .get(0);
    assertEquals(valid.size(), k.getLong(0));
    assertEquals(k.getLong(0), k.getLong(1));
    Exception e = assertThrows(Exception.class, () -> sql("SELECT nir_fpe_key_id('nobody')"));
    assertTrue(messages(e).contains("no keyset for purpose 'nobody'"));
  }
}
