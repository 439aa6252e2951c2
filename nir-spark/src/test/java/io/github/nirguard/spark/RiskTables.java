package io.github.nirguard.spark;

import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * Seeded synthetic tables for the risk tests and benchmark, a row a function of (seed, row id), so
 * that the driver and Spark's executors make the same rows. People come from nir-testkit's {@link
 * Records#synthetic()}: row {@code id} belongs to person {@code id / 2} (two rows each); a row's
 * birth month, sex and department are its person's, but one row in 20 has another birth month (a
 * person in two classes), one in 50 a null department, one in 30 no pseudonym; the sensitive
 * columns are drawn per row (blood group, skewed; care code, 40 values).
 */
final class RiskTables {
  static final List<String> HEADER =
      List.of("pseudo", "birth_year", "birth_month", "sex", "department", "blood", "care");

  static final StructType SCHEMA = schema();

  private static final String[] BLOOD = {"O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"};
  private static final int[] BLOOD_WEIGHT = {36, 37, 9, 3, 6, 6, 2, 1};

  private RiskTables() {}

  private static StructType schema() {
    StructType s = new StructType();
    for (String c : HEADER) {
      s = s.add(c, DataTypes.StringType, true);
    }
    return s;
  }

  /** Row {@code id} of the table of a seed, as text (a null cell is null). */
  static @Nullable String[] row(long seed, long id) {
    long personId = id / 2;
    SyntheticRecord p =
        People.GEN.next(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + personId));
    SplittableRandom r = new SplittableRandom(seed ^ (id * 0xC2B2AE3D27D4EB4FL + 17));
    int year = p.birthDate().getYear();
    int month = p.birthDate().getMonthValue();
    if (r.nextInt(20) == 0) {
      month = month % 12 + 1; // this row in another class than the person's other row
    }
    // department: a small set, from the person (a null now and then)
    String dept =
        r.nextInt(50) == 0
            ? null
            : String.format(
                Locale.ROOT, "%02d", 1 + (int) Long.remainderUnsigned(personId * 31 + seed, 95));
    String pseudo =
        r.nextInt(30) == 0
            ? (r.nextBoolean() ? null : "")
            : "t" + Long.toHexString(new SplittableRandom(seed + 7 * personId).nextLong());
    int w = r.nextInt(100);
    int b = 0;
    while (w >= BLOOD_WEIGHT[b]) {
      w -= BLOOD_WEIGHT[b];
      b++;
    }
    return new String[] {
      pseudo,
      Integer.toString(year),
      String.format(Locale.ROOT, "%04d-%02d", year, month),
      p.sex().name(),
      dept,
      BLOOD[b],
      "C" + r.nextInt(40)
    };
  }

  /** The rows 0..n-1 of a seed, on the driver. */
  static List<@Nullable String[]> rows(long seed, int n) {
    List<@Nullable String[]> out = new ArrayList<>(n);
    for (long id = 0; id < n; id++) {
      out.add(row(seed, id));
    }
    return out;
  }

  /** The same rows as a DataFrame built on the driver. */
  static Dataset<Row> frame(SparkSession spark, List<@Nullable String[]> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      out.add(RowFactory.create(r));
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  /** Rows 0..n-1 of a seed made on the executors ({@code spark.range} over some partitions). */
  static Dataset<Row> generated(SparkSession spark, long seed, long n, int partitions) {
    return spark.range(0, n, 1, partitions).map(new RowOf(seed), Encoders.row(SCHEMA));
  }

  /** Row {@code id} of a seed, as a Spark row. */
  static final class RowOf implements MapFunction<Long, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long seed;

    RowOf(long seed) {
      this.seed = seed;
    }

    @Override
    public Row call(Long id) {
      return RowFactory.create((Object[]) row(seed, id));
    }
  }

  /** The person generator, made once per JVM. */
  static final class People {
    static final Gen<SyntheticRecord> GEN = Records.synthetic();

    private People() {}
  }
}
