package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditRecord;
import io.github.nirguard.crypto.audit.AuditSink;
import io.github.nirguard.crypto.audit.AuditVerification;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.validate.scan.NirScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Issue 14 §4 on Spark: every reveal leaves audit records (one per task, written on the executor),
 * which chain into one intact log, count every value revealed and hold none; without an audit the
 * reveal functions refuse. A {@code local[2]} session, the data over 4 partitions.
 */
class RevealAuditTest {
  static final long SEED = 20261206L;
  static final int N = 4_000;
  static final String P = "lab-export";

  @TempDir static Path dir;
  static SparkSession spark;
  static KeyRing ring;
  static ProtectedKeys keys;
  static List<Nir> nirs;
  static List<String> values = new ArrayList<>(); // every NIR, token and ciphertext of the data
  static Dataset<Row> data;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTests.session("local[2]");
    ring = SparkTests.ring(P);
    keys = SparkTests.protect(ring, dir);
    nirs = Nirs.valid().stream(SEED).distinct().limit(N).toList();
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, P);
    ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, P);
    NirFpe fpe = NirFpe.create(ring, P);
    List<Row> rows = new ArrayList<>();
    for (Nir n : nirs) {
      String p = prp.tokenize(n).value();
      String s = siv.tokenize(n).value();
      String f = fpe.encrypt(n);
      rows.add(RowFactory.create(n.compact(), p, s, f));
      values.addAll(List.of(n.compact(), n.display(), p, s, f));
    }
    StructType schema =
        new StructType()
            .add("nir", DataTypes.StringType)
            .add("prp", DataTypes.StringType)
            .add("siv", DataTypes.StringType)
            .add("fpe", DataTypes.StringType);
    data = spark.createDataFrame(rows, schema).repartition(4).cache();
    data.createOrReplaceGlobalTempView("audit_data");
    assertEquals(N, data.count());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** One record of the log: its tab-separated fields (docs/audit.md, "The format"). */
  record Line(String operation, String purpose, String key, long count, String actor) {}

  static List<Line> records(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<Line> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split("\t", -1);
      out.add(new Line(f[2], f[3], f[4], Long.parseLong(f[5]), f[6]));
    }
    return out;
  }

  /** The log is intact, and holds no NIR, token or ciphertext of the data. */
  static void assertIntactAndValueFree(Path log) throws Exception {
    AuditVerification v = AuditLog.verify(log, null);
    assertTrue(v.ok(), "the audit log verifies (seed " + SEED + "): " + v);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, NirScanner.standard().count(text), "no NIR in the log (seed " + SEED + ")");
    for (String value : values) {
      assertFalse(text.contains(value), "no value in the log (seed " + SEED + ")");
    }
    for (Token.Scheme s : Token.Scheme.values()) {
      assertFalse(text.contains(s.prefix() + "."), "no token in the log");
    }
  }

  static long sum(List<Line> records, String operation) {
    return records.stream()
        .filter(r -> r.operation().equals(operation))
        .mapToLong(Line::count)
        .sum();
  }

  static String hex(int keyId) {
    return String.format(Locale.ROOT, "%08x", keyId);
  }

  @Test
  void aRevealedColumnLeavesOneRecordPerTaskThatVerifiesAndCountsEveryValue() throws Exception {
    Path log = dir.resolve("dataframe.audit");
    NirFunctions nir =
        NirFunctions.register(
            spark.newSession(), keys, RevealAudit.toFile(log, "alice", "INC-2026-4521"));
    List<Row> out =
        data.select(
                col("nir"),
                nir.reveal(col("prp"), P).as("from_prp"),
                nir.fpeDecrypt(col("fpe"), P).as("from_fpe"))
            .collectAsList();
    assertEquals(N, out.size());
    for (Row r : out) {
      assertEquals(r.getString(0), r.getString(1), "PRP reveal (seed " + SEED + ")");
      assertEquals(r.getString(0), r.getString(2), "FPE decrypt (seed " + SEED + ")");
    }
    assertIntactAndValueFree(log);
    List<Line> records = records(log);
    assertEquals(N, sum(records, "detokenize"), "detokenize counts sum to N (seed " + SEED + ")");
    assertEquals(N, sum(records, "fpe-decrypt"), "fpe-decrypt counts sum to N (seed " + SEED + ")");
    // one record per task and function: 4 partitions, so 4 of each
    assertEquals(4, records.stream().filter(r -> r.operation().equals("detokenize")).count());
    assertEquals(4, records.stream().filter(r -> r.operation().equals("fpe-decrypt")).count());
    String prpKey = hex(Token.parse(data.first().getString(1)).keyId().orElseThrow());
    String fpeKey = hex(NirFpe.create(ring, P).keyId());
    for (Line r : records) {
      assertEquals(P, r.purpose());
      assertEquals("alice", r.actor());
      assertEquals(r.operation().equals("detokenize") ? prpKey : fpeKey, r.key(), "key id");
    }
  }

  @Test
  void sqlRevealsAreAuditedTooAndRefusedValuesAreNotCounted() throws Exception {
    Path log = dir.resolve("sql.audit");
    SparkSession s = spark.newSession();
    NirFunctions.register(s, keys, RevealAudit.toFile(log, "bob", "DPO request 7"));
    Row r =
        s.sql(
                "SELECT count_if(nir_reveal(siv, '"
                    + P
                    + "') = nir), count_if(nir_reveal(nir, '"
                    + P
                    + "') IS NULL), count_if(nirguard_fpe_decrypt(fpe, '"
                    + P
                    + "', 'marked') = nir) FROM global_temp.audit_data")
            .collectAsList()
            .get(0);
    assertEquals(N, r.getLong(0));
    assertEquals(N, r.getLong(1), "a NIR is not a token: nothing revealed");
    assertEquals(N, r.getLong(2));
    assertIntactAndValueFree(log);
    List<Line> records = records(log);
    assertEquals(
        N, sum(records, "detokenize"), "only the revealed values count (seed " + SEED + ")");
    assertEquals(N, sum(records, "fpe-decrypt"));
  }

  @Test
  void executorsOfSeveralActionsChainIntoOneLogAndASinkGetsTheSameRecords() throws Exception {
    Path log = dir.resolve("shared.audit");
    RevealAudit audit = RevealAudit.toFile(log, "carol", "INC-2026-4522");
    NirFunctions a = NirFunctions.of(keys, audit);
    NirFunctions b = NirFunctions.of(keys, RevealAudit.toFile(log, "dave", "INC-2026-4523"));
    // two actions at once on the same log (each over 4 tasks on 2 threads)
    Thread t = new Thread(() -> data.select(a.reveal(col("siv"), P)).collectAsList());
    t.start();
    data.select(b.fpeDecrypt(col("fpe"), P)).collectAsList();
    t.join();
    assertIntactAndValueFree(log);
    List<Line> records = records(log);
    assertEquals(8, records.size(), "one record per task of each action, in one chain");
    assertEquals(N, sum(records, "detokenize"));
    assertEquals(N, sum(records, "fpe-decrypt"));

    RevealAudit toSink = RevealAudit.toSink(CollectingSink::new, "erin", "INC-2026-4524");
    CollectingSink.RECORDS.clear();
    data.select(NirFunctions.of(keys, toSink).reveal(col("prp"), P)).collectAsList();
    assertEquals(N, CollectingSink.RECORDS.stream().mapToLong(AuditRecord::count).sum());
    assertTrue(CollectingSink.RECORDS.stream().allMatch(x -> x.actor().equals("erin")));
  }

  /** A sink in this JVM (local mode), as a SIEM's would be on each executor. */
  static final class CollectingSink implements AuditSink {
    static final ConcurrentLinkedQueue<AuditRecord> RECORDS = new ConcurrentLinkedQueue<>();

    @Override
    public void append(AuditRecord record) {
      RECORDS.add(record);
    }
  }

  @Test
  void withoutAnAuditTheRevealFunctionsRefuseWithoutAValue() throws Exception {
    SparkSession s = spark.newSession();
    NirFunctions plain = NirFunctions.register(s, keys);
    assertTrue(plain.revealAudit().isEmpty());
    List<Exception> refusals = new ArrayList<>();
    refusals.add(assertThrows(IllegalStateException.class, () -> plain.reveal(col("prp"), P)));
    refusals.add(assertThrows(IllegalStateException.class, () -> plain.fpeDecrypt(col("fpe"), P)));
    refusals.add(
        assertThrows(
            IllegalStateException.class,
            () -> NirFunctions.of(keys).fpeDecrypt(col("fpe"), P, "marked", col("nir"))));
    for (String q :
        List.of(
            "SELECT nir_reveal(prp, '" + P + "') FROM global_temp.audit_data",
            "SELECT nir_fpe_decrypt(fpe, '" + P + "') FROM global_temp.audit_data",
            "SELECT nirguard_fpe_decrypt(fpe, '" + P + "', 'marked') FROM global_temp.audit_data",
            "SELECT nirguard_fpe_decrypt_key(fpe, '"
                + P
                + "', 'marked', '00000000')"
                + " FROM global_temp.audit_data")) {
      refusals.add(assertThrows(Exception.class, () -> s.sql(q).collectAsList(), q));
    }
    SparkSession older = spark.newSession();
    NirFunctions.register(older, keys, false);
    refusals.add(
        assertThrows(
            Exception.class,
            () ->
                older
                    .sql("SELECT nir_fpe_decrypt(fpe, '" + P + "') FROM global_temp.audit_data")
                    .collectAsList()));
    for (Exception e : refusals) {
      String m = NirFunctionsFpeRotationTest.messages(e);
      assertTrue(m.contains("needs a reveal audit"), "says why: " + e.getClass());
      for (String v : values.subList(0, 500)) {
        assertFalse(m.contains(v), "no value in the refusal (seed " + SEED + ")");
      }
    }
    // the functions that do not reveal still work without an audit
    assertEquals(
        N, s.sql("SELECT count_if(nir_valid(nir)) FROM global_temp.audit_data").first().getLong(0));
  }

  @Test
  void aLogThatCannotTakeARecordStopsTheRevealBeforeAnyValue() throws Exception {
    Path log = dir.resolve("broken.audit");
    RevealAudit audit = RevealAudit.toFile(log, "frank", "INC-2026-4525");
    NirFunctions nir = NirFunctions.of(keys, audit); // the log is ready now
    Files.writeString(log, "half a line", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    byte[] broken = Files.readAllBytes(log);
    Exception e =
        assertThrows(Exception.class, () -> data.select(nir.reveal(col("prp"), P)).collectAsList());
    assertTrue(
        NirFunctionsFpeRotationTest.messages(e).contains("reveal audit cannot take its record"),
        "says why");
    assertFalse(AuditLog.verify(log, null).ok());
    assertEquals(
        new String(broken, StandardCharsets.UTF_8),
        Files.readString(log, StandardCharsets.UTF_8),
        "nothing appended");
    // and registration refuses a log that cannot take a record
    assertThrows(
        IllegalStateException.class, () -> NirFunctions.register(spark.newSession(), keys, audit));
  }

  @Test
  void anAuditNeedsAnActorAndAReasonWithoutValues() {
    Path log = dir.resolve("refused.audit");
    String nirText = nirs.get(0).display();
    for (String[] ar :
        new String[][] {
          {"alice", ""},
          {"alice", "  "},
          {"", "ticket"},
          {"alice", "about " + nirText},
          {nirs.get(1).compact(), "ticket"},
          {"alice", "see " + values.get(2)}
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RevealAudit.toFile(log, ar[0], ar[1]));
      for (String v : values.subList(0, 10)) {
        assertFalse(e.getMessage().contains(v), "the refusal repeats no value");
      }
    }
    assertFalse(Files.exists(log), "nothing written for a refused audit");
    RevealAudit ok = RevealAudit.toFile(log, "alice", "INC-1");
    assertFalse(ok.toString().contains("alice") || ok.toString().contains("INC-1"));
  }
}
