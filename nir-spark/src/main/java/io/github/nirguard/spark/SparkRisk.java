package io.github.nirguard.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RiskReport} of a table too large for one machine, counted by Spark: the same report,
 * figure for figure, as {@link RiskMeter} makes of the same rows.
 *
 * <p>Equivalence classes are the rows sharing their quasi-identifier values, read as text and
 * compared exactly, a null read as the empty cell (as a CSV file holds it); a class's size counts
 * the distinct people of the person column in it (a null or empty pseudonym: a person of its own),
 * or its rows without a person column. Everything is counted with Spark aggregations; the driver
 * receives only counts per class size, never a row, a class's values or a pseudonym.
 *
 * <pre>{@code
 * Dataset<Row> export = spark.read().parquet("s3a://research-42/patients");
 * RiskReport r = SparkRisk.report(export,
 *     new RiskMeter.Columns(List.of("birth_month", "sex", "department"), List.of("diagnosis"), "nir_token"));
 * r.k();  r.peopleBelow(5);  r.lDiversity();  r.prosecutorAverageRisk();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SparkRisk {
  private static final String ALL = "__nirguard_all";
  private static final String PERSON = "__nirguard_person";
  private static final String ROW = "__nirguard_row";

  private SparkRisk() {}

  /**
   * Counts the report of a table.
   *
   * @param table the table (any column types: values are compared as text)
   * @param columns the quasi-identifiers, the sensitive columns and the person column (or null:
   *     each row is a person); {@link RiskMeter.Columns#of} reads them from a policy
   * @return the report, equal to {@link RiskMeter}'s for the same rows
   * @throws IllegalArgumentException if a column is not in the table (named, never a value)
   */
  public static RiskReport report(Dataset<Row> table, RiskMeter.Columns columns) {
    Objects.requireNonNull(table, "table");
    List<String> quasi = columns.quasiIdentifiers();
    List<String> sensitive = columns.sensitive();
    String person = columns.person();
    List<String> names = Arrays.asList(table.columns());
    check(names, quasi, "quasi-identifier");
    check(names, sensitive, "sensitive");
    if (person != null) {
      check(names, List.of(person), "person");
    }

    // the cells as RiskMeter reads them: text, null as the empty cell
    List<Column> cells = new ArrayList<>();
    List<Column> classKey = new ArrayList<>();
    for (int i = 0; i < quasi.size(); i++) {
      cells.add(text(table, quasi.get(i)).as("q" + i));
      classKey.add(new Column("q" + i));
    }
    if (quasi.isEmpty()) { // no quasi-identifier: one class, and none for no rows
      cells.add(lit(0).as(ALL));
      classKey.add(new Column(ALL));
    }
    List<Column> distinct = new ArrayList<>();
    for (int j = 0; j < sensitive.size(); j++) {
      cells.add(text(table, sensitive.get(j)).as("s" + j));
      distinct.add(countDistinct(new Column("s" + j)).as("l" + j));
    }
    if (person != null) {
      Column p = text(table, person);
      cells.add(p.as(PERSON));
      // a row without a pseudonym is a person of its own
      cells.add(when(p.equalTo(""), monotonically_increasing_id()).otherwise(lit(-1L)).as(ROW));
    }
    Dataset<Row> rows = table.select(cells.toArray(new Column[0]));
    Column[] key = classKey.toArray(new Column[0]);

    Map<String, Long> l = new LinkedHashMap<>();
    SortedMap<Long, Long> sizes = new TreeMap<>();
    SortedMap<Long, Long> smallest = new TreeMap<>();
    long rowCount = 0;
    long people = 0;
    long memberships = 0;
    if (person == null) {
      // each row a person: a class's size is its rows; one pass, then counts per size
      List<Column> bySize = new ArrayList<>();
      bySize.add(count(lit(1)).as("classes"));
      for (int j = 0; j < sensitive.size(); j++) {
        bySize.add(min(new Column("l" + j)).as("l" + j));
      }
      List<Row> perSize =
          withCount(rows.groupBy(key), distinct)
              .groupBy(new Column("size"))
              .agg(bySize.get(0), bySize.subList(1, bySize.size()).toArray(new Column[0]))
              .collectAsList();
      long[] lMin = lStart(sensitive.size(), perSize.isEmpty());
      for (Row r : perSize) {
        long size = r.getLong(0);
        long classes = r.getLong(1);
        sizes.put(size, classes);
        smallest.put(size, size * classes);
        rowCount += size * classes;
        for (int j = 0; j < lMin.length; j++) {
          lMin[j] = Math.min(lMin[j], r.getLong(2 + j));
        }
      }
      people = rowCount;
      memberships = rowCount;
      putL(l, sensitive, lMin);
    } else {
      // (class, person) pairs: one shuffle by class serves both the pairs and the class sizes
      // (the grouping by class and person, and the window over the class, keep its partitioning)
      Dataset<Row> pairs =
          rows.select(concat(key, new Column(PERSON), new Column(ROW)))
              .repartition(key)
              .groupBy(concat(key, new Column(PERSON), new Column(ROW)))
              .agg(count(lit(1)).as("n"))
              .withColumn("size", count(lit(1)).over(Window.partitionBy(key)))
              .select(new Column(PERSON), new Column(ROW), new Column("size"), new Column("n"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        for (Row r :
            pairs
                .groupBy(new Column("size"))
                .agg(count(lit(1)).as("pairs"), sum(new Column("n")).as("rows"))
                .collectAsList()) {
          long size = r.getLong(0);
          long pairsOfSize = r.getLong(1);
          sizes.put(size, pairsOfSize / size);
          memberships += pairsOfSize;
          rowCount += r.getLong(2);
        }
        for (Row r :
            pairs
                .groupBy(new Column(PERSON), new Column(ROW))
                .agg(min(new Column("size")).as("smallest"))
                .groupBy(new Column("smallest"))
                .count()
                .collectAsList()) {
          smallest.put(r.getLong(0), r.getLong(1));
          people += r.getLong(1);
        }
      } finally {
        pairs.unpersist();
      }
      if (!sensitive.isEmpty()) {
        // l-diversity over the rows of each class, as RiskMeter keeps it
        List<Column> mins = new ArrayList<>();
        for (int j = 0; j < sensitive.size(); j++) {
          mins.add(min(new Column("l" + j)));
        }
        Row r =
            rows.groupBy(key)
                .agg(distinct.get(0), distinct.subList(1, distinct.size()).toArray(new Column[0]))
                .agg(mins.get(0), mins.subList(1, mins.size()).toArray(new Column[0]))
                .first();
        long[] lMin = new long[sensitive.size()];
        for (int j = 0; j < lMin.length; j++) {
          lMin[j] = r.isNullAt(j) ? 0 : r.getLong(j);
        }
        putL(l, sensitive, lMin);
      }
    }
    return RiskReport.ofCounts(
        quasi, sensitive, person, rowCount, people, memberships, sizes, smallest, l);
  }

  /**
   * Counts the report of a table, as {@link #report(Dataset, RiskMeter.Columns)}.
   *
   * @param table the table
   * @param quasiIdentifiers the quasi-identifier columns
   * @param sensitive the sensitive columns
   * @param person the person column, or null: each row is a person
   * @return the report
   * @throws IllegalArgumentException if a column is not in the table
   */
  public static RiskReport report(
      Dataset<Row> table,
      List<String> quasiIdentifiers,
      List<String> sensitive,
      @Nullable String person) {
    return report(table, new RiskMeter.Columns(quasiIdentifiers, sensitive, person));
  }

  private static Dataset<Row> withCount(
      org.apache.spark.sql.RelationalGroupedDataset grouped, List<Column> distinct) {
    return grouped.agg(count(lit(1)).as("size"), distinct.toArray(new Column[0]));
  }

  private static long[] lStart(int n, boolean noClass) {
    long[] l = new long[n];
    Arrays.fill(l, noClass ? 0 : Long.MAX_VALUE);
    return l;
  }

  private static void putL(Map<String, Long> l, List<String> sensitive, long[] lMin) {
    for (int j = 0; j < lMin.length; j++) {
      l.put(sensitive.get(j), lMin[j]);
    }
  }

  private static Column[] concat(Column[] key, Column... more) {
    Column[] all = Arrays.copyOf(key, key.length + more.length);
    System.arraycopy(more, 0, all, key.length, more.length);
    return all;
  }

  /** A column of the table as text, null as the empty cell; the name taken literally. */
  private static Column text(Dataset<Row> table, String name) {
    Column c = table.col("`" + name.replace("`", "``") + "`");
    return coalesce(c.cast(DataTypes.StringType), lit(""));
  }

  private static void check(List<String> names, List<String> columns, String what) {
    for (String c : columns) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException(what + " column '" + c + "' is not in the table");
      }
    }
  }
}
