package io.github.nirguard.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirKey;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NirValidatorTest {

  @ParameterizedTest(name = "reference example {index} under {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 55 08 14 168 025 38 | strict   | ",
        "2 95 10 99 126 111 93 | strict   | ",
        "253072B07300470       | strict   | ",
        "253072A07300443       | strict   | ",
        "201019730512303       | strict   | ",
        "141330109002285       | strict   | ",
        "140200109002223       | strict   | ",
        "169109935247001       | strict   | ",
        "255082A16802597       | strict   | ",
        "1 85 05 78 006 084 36 | strict   | KEY_MISMATCH",
        "295109912611199       | strict   | INVALID_KEY",
        "185137512345607       | strict   | INVALID_MONTH",
        "185137512345607       | lenient  | INVALID_MONTH",
        "185137512345607       | checksum | ",
        "1 85 05 78 006 084 36 | checksum | KEY_MISMATCH",
        "295109912611199       | checksum | INVALID_KEY",
      })
  void referenceExamples(String input, String profile, String reason) {
    ValidationResult r = NirValidator.named(profile).validate(input);
    assertEquals(Optional.ofNullable(reason).map(NirError::valueOf), r.reason());
    assertEquals(reason == null, r.isValid());
    assertEquals(reason == null, NirValidator.named(profile).isValid(input));
  }

  @Test
  void invalidResultsCarryReasonAndPositionNeverTheValue() {
    ValidationResult r = NirValidator.strict().validate("1 85 05 78 006 084 36");
    assertFalse(r.isValid());
    assertEquals(Optional.of(NirError.KEY_MISMATCH), r.reason());
    assertEquals(19, r.position());
    assertEquals(Optional.empty(), r.nir());
    assertEquals("ValidationResult[invalid, KEY_MISMATCH at 19]", r.toString());
  }

  @Test
  void validResultsAreMasked() {
    ValidationResult r = NirValidator.strict().validate("2 55 08 14 168 025 38");
    assertEquals(Nir.parse("255081416802538"), r.nir().orElseThrow());
    assertEquals(-1, r.position());
    assertEquals("ValidationResult[valid, 2 55 08 •• ••• ••• ••]", r.toString());
  }

  @Test
  void nnpAndMigAreNamed() {
    assertEquals(
        Optional.of(NirError.NNP_NOT_NIR),
        NirValidator.strict().validate("7 01 23 45 678 901").reason());
    assertEquals(
        Optional.of(NirError.MIG_NOT_NIR),
        NirValidator.strict().validate("5212345678901").reason());
    assertEquals(
        Optional.of(NirError.MISSING_KEY),
        NirValidator.strict().validate("2550814168025").reason());
  }

  @Test
  void lenientFlags() {
    String body = "8550814168000"; // sex 8, order 000
    String text = body + String.format(Locale.ROOT, "%02d", NirKey.of(Long.parseLong(body)));
    assertEquals(Optional.of(NirError.INVALID_SEX), NirValidator.strict().validate(text).reason());
    ValidationResult lenient = NirValidator.named("lenient").validate(text);
    assertTrue(lenient.isValid());
    assertEquals(Set.of(Leniency.SEX_7_8, Leniency.ZERO_ORDER), lenient.flags());
    assertEquals(Sex.FEMALE, lenient.nir().orElseThrow().sex());
    assertTrue(lenient.toString().contains("SEX_7_8"));
  }

  @Test
  void nullAndBulkNeverThrow() {
    assertEquals(Optional.of(NirError.EMPTY), NirValidator.strict().validate(null).reason());
    assertFalse(NirValidator.strict().isValid(null));
    List<ValidationResult> all =
        NirValidator.strict().validateAll(List.of("255081416802538", "x", ""));
    assertEquals(3, all.size());
    assertTrue(all.get(0).isValid());
    assertEquals(Optional.of(NirError.INVALID_CHARACTER), all.get(1).reason());
    assertEquals(Optional.of(NirError.EMPTY), all.get(2).reason());
    assertThrows(IllegalArgumentException.class, () -> NirValidator.named("nope"));
  }

  @Test
  void crossChecks() {
    Nir nir = Nir.parse("2 55 08 14 168 025 38");
    assertEquals(Set.of(), CrossCheck.of(nir, Sex.FEMALE, LocalDate.of(1955, 8, 3)));
    assertEquals(Set.of(), CrossCheck.of(nir, null, null));
    assertEquals(
        Set.of(Mismatch.SEX_MISMATCH), CrossCheck.of(nir, Sex.MALE, LocalDate.of(1955, 8, 3)));
    assertEquals(
        Set.of(Mismatch.BIRTH_YEAR_MISMATCH, Mismatch.BIRTH_MONTH_MISMATCH),
        CrossCheck.of(nir, Sex.FEMALE, LocalDate.of(1956, 9, 3)));
    // pseudo-fictitious month 33 is March
    Nir m33 = Nir.parse("141330109002285");
    assertEquals(Set.of(), CrossCheck.of(m33, Sex.MALE, LocalDate.of(1941, 3, 1)));
    assertEquals(
        Set.of(Mismatch.BIRTH_MONTH_MISMATCH),
        CrossCheck.of(m33, Sex.MALE, LocalDate.of(1941, 4, 1)));
    // unknown month 20 matches any month
    Nir m20 = Nir.parse("140200109002223");
    for (int month = 1; month <= 12; month++) {
      assertEquals(Set.of(), CrossCheck.of(m20, Sex.MALE, LocalDate.of(1940, month, 1)));
    }
    // 2A/2B before 1976 and 20 from 1976 are warnings
    Set<Mismatch> corsica =
        CrossCheck.of(Nir.parse("253072B07300470"), Sex.FEMALE, LocalDate.of(1953, 7, 1));
    assertEquals(Set.of(Mismatch.CORSICA_LETTER_BEFORE_1976), corsica);
    assertTrue(corsica.iterator().next().isWarning());
    assertEquals(
        Set.of(),
        CrossCheck.of(Nir.parse("253072B07300470"), Sex.FEMALE, LocalDate.of(2053, 7, 1)));
    Nir dept20 = Nir.fromBody("1800520012456");
    assertEquals(
        Set.of(Mismatch.CORSICA_20_FROM_1976),
        CrossCheck.of(dept20, Sex.MALE, LocalDate.of(1980, 5, 2)));
    assertFalse(Mismatch.SEX_MISMATCH.isWarning());
  }
}
