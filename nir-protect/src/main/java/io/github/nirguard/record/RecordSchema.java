package io.github.nirguard.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of uniquely named fields: the shape of a beneficiary record or CSV row.
 *
 * <pre>{@code
 * RecordSchema s = RecordSchema.beneficiary().with("phone", FieldType.PHONE);
 * s.indexOf("nir");   // 0
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecordSchema {
  /** The standard beneficiary fields, in order. */
  public static final List<FieldSpec> BENEFICIARY_FIELDS =
      List.of(
          FieldSpec.of("nir", FieldType.NIR),
          FieldSpec.of("last_name", FieldType.NAME),
          FieldSpec.of("first_name", FieldType.NAME),
          FieldSpec.of("birth_date", FieldType.BIRTH_DATE),
          FieldSpec.of("sex", FieldType.SEX),
          FieldSpec.of("treating_doctor", FieldType.DOCTOR_DECLARED),
          FieldSpec.of("ald", FieldType.ALD),
          FieldSpec.of("c2s", FieldType.C2S));

  private final List<FieldSpec> fields;
  private final Map<String, Integer> index;

  private RecordSchema(List<FieldSpec> fields) {
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      if (idx.put(fields.get(i).name(), i) != null) {
        throw new IllegalArgumentException("duplicate field '" + fields.get(i).name() + "'");
      }
    }
    this.fields = List.copyOf(fields);
    this.index = Collections.unmodifiableMap(idx);
  }

  /**
   * Returns a schema of the given fields.
   *
   * @param fields the fields, uniquely named
   * @return the schema
   */
  public static RecordSchema of(List<FieldSpec> fields) {
    return new RecordSchema(fields);
  }

  /**
   * Returns the standard beneficiary schema: {@link #BENEFICIARY_FIELDS}.
   *
   * @return the schema
   */
  public static RecordSchema beneficiary() {
    return new RecordSchema(BENEFICIARY_FIELDS);
  }

  /**
   * Returns this schema with one more field at the end, with its type's default sensitivity.
   *
   * @param name the field name
   * @param type the type
   * @return the new schema
   */
  public RecordSchema with(String name, FieldType type) {
    return with(FieldSpec.of(name, type));
  }

  /**
   * Returns this schema with one more field at the end.
   *
   * @param field the field
   * @return the new schema
   */
  public RecordSchema with(FieldSpec field) {
    List<FieldSpec> f = new ArrayList<>(fields);
    f.add(field);
    return new RecordSchema(f);
  }

  /**
   * Returns the fields in order.
   *
   * @return an unmodifiable list
   */
  public List<FieldSpec> fields() {
    return fields;
  }

  /**
   * Returns the number of fields.
   *
   * @return the size
   */
  public int size() {
    return fields.size();
  }

  /**
   * Returns the position of a field.
   *
   * @param name the name
   * @return the 0-based index, or {@code -1}
   */
  public int indexOf(String name) {
    return index.getOrDefault(name, -1);
  }

  /**
   * Returns a field by name.
   *
   * @param name the name
   * @return the field, or empty
   */
  public Optional<FieldSpec> field(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordSchema && ((RecordSchema) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "RecordSchema" + index.keySet();
  }
}
