package io.github.nirguard.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The edges mutation testing found unchecked (docs/testing.md): 1976, names, equality. */
class NirValidatorEdgesTest {
  static Nir body(String body) {
    return NirProfile.CHECKSUM_ONLY.parseBody(body);
  }

  @Test
  void corsicaLettersAndDepartment20ChangeIn1976Exactly() {
    assertEquals(
        Set.of(Mismatch.CORSICA_LETTER_BEFORE_1976),
        CrossCheck.of(body("175082A001001"), Sex.MALE, LocalDate.of(1975, 8, 3)));
    assertEquals(
        Set.of(), CrossCheck.of(body("176082A001001"), Sex.MALE, LocalDate.of(1976, 8, 3)));
    assertEquals(
        Set.of(Mismatch.CORSICA_20_FROM_1976),
        CrossCheck.of(body("1760820001001"), Sex.MALE, LocalDate.of(1976, 8, 3)));
    assertEquals(
        Set.of(), CrossCheck.of(body("1750820001001"), Sex.MALE, LocalDate.of(1975, 8, 3)));
  }

  @Test
  void namedValidatorsAreTheSharedInstances() {
    assertSame(NirValidator.strict(), NirValidator.named("strict"));
    assertSame(NirValidator.named("lenient"), NirValidator.named("LENIENT"));
    assertSame(NirValidator.named("checksum"), NirValidator.named("checksum-only"));
    assertSame(NirProfile.LENIENT, NirValidator.named("lenient").profile());
    assertSame(NirProfile.CHECKSUM_ONLY, NirValidator.named("checksum").profile());
    assertSame(NirProfile.LENIENT, NirValidator.of(NirProfile.LENIENT).profile());
    assertEquals("NirValidator[lenient]", NirValidator.of(NirProfile.LENIENT).toString());
    assertEquals("NirValidator[strict]", NirValidator.strict().toString());
  }

  @Test
  void validateAllKeepsOrderInBothForms() {
    List<String> texts = List.of("2 55 08 14 168 025 38", "nope", "1 85 05 78 006 084 36");
    List<ValidationResult> expected =
        List.of(
            NirValidator.strict().validate(texts.get(0)),
            NirValidator.strict().validate(texts.get(1)),
            NirValidator.strict().validate(texts.get(2)));
    assertEquals(expected, NirValidator.strict().validateAll(texts));
    assertEquals(
        expected, NirValidator.strict().validateAll(texts.stream()).collect(Collectors.toList()));
    assertEquals(0, NirValidator.strict().validateAll(Stream.<String>empty()).count());
  }

  @Test
  void resultsAreEqualByEveryField() {
    NirValidator strict = NirValidator.strict();
    NirValidator lenient = NirValidator.named("lenient");
    ValidationResult valid = strict.validate("2 55 08 14 168 025 38");
    assertEquals(valid, strict.validate("255081416802538"));
    assertEquals(valid.hashCode(), strict.validate("255081416802538").hashCode());
    assertNotEquals(valid, strict.validate("2 95 10 99 126 111 93")); // another NIR
    ValidationResult keyMismatch = strict.validate("1 85 05 78 006 084 36");
    assertNotEquals(valid, keyMismatch);
    assertNotEquals(keyMismatch, valid);
    assertEquals(keyMismatch, strict.validate("1 85 05 78 006 084 36"));
    assertNotEquals(keyMismatch, strict.validate("185057800608436")); // same reason, other position
    assertNotEquals(keyMismatch, strict.validate("295109912611199")); // another reason
    String order000 = "255081416800063"; // lenient: valid with a flag
    ValidationResult flagged = lenient.validate(order000);
    assertEquals(true, flagged.isValid(), flagged.toString());
    ValidationResult sameNirNoFlag = NirValidator.named("checksum").validate(order000);
    assertEquals(flagged.nir(), sameNirNoFlag.nir());
    assertNotEquals(flagged, sameNirNoFlag); // flags differ
    assertNotEquals(valid, "a string");
    assertNotEquals(valid.hashCode(), keyMismatch.hashCode());
  }
}
