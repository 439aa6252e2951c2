/**
 * Beneficiary records: the fields that travel with a NIR, each with a type and a sensitivity class.
 *
 * <p>The standard fields cover what the 2022 breaches exposed — NIR, names, birth date, sex,
 * treating doctor declared, 100 % coverage (ALD), solidarity top-up (C2S) — and any extra field
 * (phone, blood group, lab results) is named and typed by its schema.
 *
 * <pre>{@code
 * RecordSchema schema = RecordSchema.beneficiary().with("blood_group", FieldType.HEALTH);
 * BeneficiaryRecord r = BeneficiaryRecord.of(schema, List.of("255081416802538", "Durand", ...));
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.record;
