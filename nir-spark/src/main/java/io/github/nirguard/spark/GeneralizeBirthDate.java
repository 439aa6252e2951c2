package io.github.nirguard.spark;

import io.github.nirguard.record.Generalize;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.api.java.UDF2;
import org.jspecify.annotations.Nullable;

/**
 * {@code nir_generalize_birth_date(date, 'year'|'year-month')}: {@code "1955"} or {@code
 * "1955-08"}, as the policy engine's {@code generalize:year} and {@code :year-month}
 * (docs/policy.md). Takes DATE and TIMESTAMP columns, and strings {@code YYYY-MM-DD} or {@code
 * DD/MM/YYYY} read as the policy engine reads them; anything else gives null. A null granularity
 * gives null, an unknown one fails the query ({@link Params#yearOnly}).
 */
final class GeneralizeBirthDate implements UDF2<Object, String, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public @Nullable String call(@Nullable Object date, @Nullable String granularity) {
    if (granularity == null) {
      return null;
    }
    boolean yearOnly = Params.yearOnly(granularity);
    LocalDate d = toDate(date);
    if (d == null) {
      return null;
    }
    int y = d.getYear();
    if (y < 0 || y > 9999) {
      return null;
    }
    String year = String.valueOf(y);
    year = "0000".substring(year.length()) + year;
    if (yearOnly) {
      return year;
    }
    int m = d.getMonthValue();
    return year + (m < 10 ? "-0" : "-") + m;
  }

  static @Nullable LocalDate toDate(@Nullable Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate) {
      return (LocalDate) v;
    }
    if (v instanceof java.sql.Date) {
      return ((java.sql.Date) v).toLocalDate();
    }
    if (v instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) v).toLocalDateTime().toLocalDate();
    }
    if (v instanceof LocalDateTime) {
      return ((LocalDateTime) v).toLocalDate();
    }
    if (v instanceof Instant) {
      return ((Instant) v).atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (v instanceof CharSequence) {
      return Generalize.date(v.toString()); // the policy engine's own reader
    }
    return null;
  }
}
