package io.github.nirguard.csv;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Measures the re-identification risk of a protected CSV (the output of {@link CsvProtector}) in
 * one streaming pass: the quasi-identifiers, sensitive columns and person column come from the
 * policy the file was protected with ({@link RiskMeter.Columns#of}) unless set.
 *
 * <pre>{@code
 * RiskReport r = CsvRisk.create(policy).measure(Path.of("export.safe.csv"));
 * RiskReport s = CsvRisk.create(policy).withQuasiIdentifiers(List.of("sex", "birth_date")).measure(file);
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class CsvRisk {
  private final ProtectionPolicy policy;
  private final @Nullable List<String> quasi;
  private final @Nullable List<String> sensitive;
  private final boolean personSet;
  private final @Nullable String person;
  private final Charset charset;
  private final @Nullable Character delimiter;
  private final @Nullable Path spill;
  private final boolean rules;

  private CsvRisk(
      ProtectionPolicy policy,
      @Nullable List<String> quasi,
      @Nullable List<String> sensitive,
      boolean personSet,
      @Nullable String person,
      Charset charset,
      @Nullable Character delimiter,
      @Nullable Path spill) {
    this(policy, quasi, sensitive, personSet, person, charset, delimiter, spill, false);
  }

  private CsvRisk(
      ProtectionPolicy policy,
      @Nullable List<String> quasi,
      @Nullable List<String> sensitive,
      boolean personSet,
      @Nullable String person,
      Charset charset,
      @Nullable Character delimiter,
      @Nullable Path spill,
      boolean rules) {
    this.rules = rules;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.quasi = quasi;
    this.sensitive = sensitive;
    this.personSet = personSet;
    this.person = person;
    this.charset = charset;
    this.delimiter = delimiter;
    this.spill = spill;
  }

  /**
   * Measures with the policy's columns, UTF-8, delimiter detected.
   *
   * @param policy the policy the file was protected with
   * @return the measurer
   */
  public static CsvRisk create(ProtectionPolicy policy) {
    return new CsvRisk(policy, null, null, false, null, StandardCharsets.UTF_8, null, null);
  }

  /**
   * Returns a copy with these quasi-identifiers instead of the policy's.
   *
   * @param columns the column names
   * @return the copy
   */
  public CsvRisk withQuasiIdentifiers(List<String> columns) {
    return new CsvRisk(
        policy,
        List.copyOf(columns),
        sensitive,
        personSet,
        person,
        charset,
        delimiter,
        spill,
        rules);
  }

  /**
   * Returns a copy that also measures the columns of the policy's {@code require l} rules (as
   * {@code nir protect} does to enforce them), unless sensitive columns are set.
   *
   * @return the copy
   */
  public CsvRisk withRulesOf() {
    return new CsvRisk(policy, quasi, null, personSet, person, charset, delimiter, spill, true);
  }

  /**
   * Returns a copy with these sensitive columns instead of the policy's.
   *
   * @param columns the column names
   * @return the copy
   */
  public CsvRisk withSensitive(List<String> columns) {
    return new CsvRisk(
        policy, quasi, List.copyOf(columns), personSet, person, charset, delimiter, spill, rules);
  }

  /**
   * Returns a copy grouping rows by this column instead of the policy's pseudonym.
   *
   * @param column the column name, or null: every row is a person
   * @return the copy
   */
  public CsvRisk withPerson(@Nullable String column) {
    return new CsvRisk(policy, quasi, sensitive, true, column, charset, delimiter, spill, rules);
  }

  /**
   * Returns a copy reading another charset.
   *
   * @param cs the charset
   * @return the copy
   */
  public CsvRisk withCharset(Charset cs) {
    return new CsvRisk(
        policy,
        quasi,
        sensitive,
        personSet,
        person,
        Objects.requireNonNull(cs),
        delimiter,
        spill,
        rules);
  }

  /**
   * Returns a copy with a fixed delimiter instead of detection.
   *
   * @param d the delimiter
   * @return the copy
   */
  public CsvRisk withDelimiter(char d) {
    return new CsvRisk(policy, quasi, sensitive, personSet, person, charset, d, spill, rules);
  }

  /**
   * Returns a copy spilling sorted runs into this directory.
   *
   * @param dir the directory
   * @return the copy
   */
  public CsvRisk withSpillDirectory(Path dir) {
    return new CsvRisk(
        policy,
        quasi,
        sensitive,
        personSet,
        person,
        charset,
        delimiter,
        Objects.requireNonNull(dir),
        rules);
  }

  /**
   * Measures a file.
   *
   * @param in the protected CSV
   * @return the report
   * @throws CsvException for malformed input
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a named column is not in the file
   */
  public RiskReport measure(Path in) throws IOException {
    try (InputStream input = Files.newInputStream(in)) {
      return measure(input);
    }
  }

  /**
   * Measures a stream (not closed).
   *
   * @param in the protected CSV
   * @return the report
   * @throws CsvException for malformed input
   * @throws IOException if the stream cannot be read
   * @throws IllegalArgumentException if a named column is not in the file
   */
  public RiskReport measure(InputStream in) throws IOException {
    RiskMeter[] meter = new RiskMeter[1];
    try {
      new Pipeline(charset, delimiter, Progress.NONE)
          .read(
              in,
              header -> {
                RiskMeter m = builder(header).build();
                meter[0] = m;
                return m::add;
              });
      return meter[0].report();
    } finally {
      if (meter[0] != null) {
        meter[0].close();
      }
    }
  }

  /** The meter's builder for a file's header: the policy's columns, then the overrides. */
  RiskMeter.Builder builder(List<String> header) {
    RiskMeter.Builder b = RiskMeter.builder(header);
    if (rules) {
      b.forRulesOf(policy);
    } else {
      b.defaultsFrom(policy);
    }
    if (quasi != null) {
      b.quasiIdentifiers(quasi);
    }
    if (sensitive != null) {
      b.sensitive(sensitive);
    }
    if (personSet) {
      b.person(person);
    }
    if (spill != null) {
      b.spillDirectory(spill);
    }
    return b;
  }

  @Override
  public String toString() {
    return "CsvRisk[" + policy + "]";
  }
}
