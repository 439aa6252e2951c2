package io.github.nirguard.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One beneficiary's record: a value (possibly empty) for each field of a schema.
 *
 * <p>Immutable, compared by value. {@link #toString()} shows field names only — a record holds
 * names and a NIR.
 *
 * <pre>{@code
 * BeneficiaryRecord r = BeneficiaryRecord.of(RecordSchema.beneficiary(),
 *     List.of("255081416802538", "Durand", "Anne", "1955-08-14", "2", "1", "0", "0"));
 * r.get("last_name");   // "Durand"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BeneficiaryRecord {
  private final RecordSchema schema;
  private final List<String> values;

  private BeneficiaryRecord(RecordSchema schema, List<String> values) {
    this.schema = schema;
    this.values = values;
  }

  /**
   * Returns a record of a schema's values, in field order ({@code null} becomes empty).
   *
   * @param schema the schema
   * @param values one value per field
   * @return the record
   * @throws IllegalArgumentException if the number of values differs from the schema's size
   */
  public static BeneficiaryRecord of(RecordSchema schema, List<String> values) {
    if (values.size() != schema.size()) {
      throw new IllegalArgumentException(
          "expected " + schema.size() + " values, got " + values.size());
    }
    List<String> v = new ArrayList<>(values.size());
    for (String s : values) {
      v.add(s == null ? "" : s);
    }
    return new BeneficiaryRecord(
        Objects.requireNonNull(schema, "schema"), Collections.unmodifiableList(v));
  }

  /**
   * Returns the schema.
   *
   * @return the schema
   */
  public RecordSchema schema() {
    return schema;
  }

  /**
   * Returns the values in field order.
   *
   * @return an unmodifiable list
   */
  public List<String> values() {
    return values;
  }

  /**
   * Returns the value of a field.
   *
   * @param field the field name
   * @return the value, empty if none
   * @throws IllegalArgumentException if the schema has no such field
   */
  public String get(String field) {
    int i = schema.indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException("no field '" + field + "' in the schema");
    }
    return values.get(i);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BeneficiaryRecord
        && ((BeneficiaryRecord) o).schema.equals(schema)
        && ((BeneficiaryRecord) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + values.hashCode();
  }

  /**
   * Returns the field names only, e.g. {@code BeneficiaryRecord[nir, last_name, …]}.
   *
   * @return a description without any value
   */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    schema.fields().forEach(f -> names.add(f.name()));
    return "BeneficiaryRecord" + names;
  }
}
