package io.github.nirguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.record.FieldType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyRequireTest {
  private static final String BASE =
      "nirguard-policy 1\npurpose p\ncolumn sex sex keep\ncolumn blood health keep\n"
          + "column name name seal\n";

  @Test
  void requireRulesParseAndFormatBack() {
    ProtectionPolicy p =
        ProtectionPolicy.parse(BASE + "require k >= 5\nrequire l >= 2 for blood\n");
    assertEquals(5, p.requiredK());
    assertEquals(Map.of("blood", 2), p.requiredL());
    assertTrue(p.format().contains("require k >= 5\nrequire l >= 2 for blood\n"), p.format());
    assertEquals(p, ProtectionPolicy.parse(p.format()));
    assertEquals(p.requiredK(), p.withOnInvalid(OnInvalid.STOP).requiredK());
    assertEquals(p.requiredL(), p.withOnInvalid(OnInvalid.STOP).requiredL());
  }

  @Test
  void aPolicyWithoutRulesRequiresNothing() {
    ProtectionPolicy p = ProtectionPolicy.parse(BASE);
    assertEquals(0, p.requiredK());
    assertTrue(p.requiredL().isEmpty());
    assertTrue(!p.format().contains("require"));
  }

  @Test
  void theBuilderSaysTheSame() {
    ProtectionPolicy p =
        ProtectionPolicy.builder()
            .purpose("p")
            .column("sex", FieldType.SEX, Action.KEEP)
            .column("blood", FieldType.HEALTH, Action.KEEP)
            .column("name", FieldType.NAME, Action.SEAL)
            .requireK(5)
            .requireL("blood", 2)
            .build();
    assertEquals(ProtectionPolicy.parse(BASE + "require k >= 5\nrequire l >= 2 for blood\n"), p);
  }

  @Test
  void mistakesNameTheirLine() {
    PolicyException syntax =
        assertThrows(PolicyException.class, () -> ProtectionPolicy.parse(BASE + "require k > 5\n"));
    assertEquals(6, syntax.line());
    PolicyException small =
        assertThrows(
            PolicyException.class, () -> ProtectionPolicy.parse(BASE + "require k >= 1\n"));
    assertEquals(6, small.line());
    PolicyException notANumber =
        assertThrows(
            PolicyException.class, () -> ProtectionPolicy.parse(BASE + "require k >= five\n"));
    assertEquals(6, notANumber.line());
    PolicyException sealed =
        assertThrows(
            PolicyException.class,
            () -> ProtectionPolicy.parse(BASE + "\nrequire l >= 2 for name\n"));
    assertEquals(7, sealed.line());
    assertTrue(sealed.getMessage().contains("'name'"), sealed.getMessage());
    assertThrows(
        PolicyException.class, () -> ProtectionPolicy.parse(BASE + "require l >= 2 for zip\n"));
  }
}
