package io.github.nirguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.RecordSchema;
import io.github.nirguard.record.Sensitivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectionPolicyTest {
  static final String POLICY =
      "# a comment\n"
          + "nirguard-policy 1\n"
          + "purpose lab-export\n"
          + "on-invalid drop-nir   # alias of drop-value\n"
          + "fpe-mode format-valid\n"
          + "schema-version 3\n"
          + "column nir nir fpe+token\n"
          + "column \"last name\" name seal\n"
          + "column birth_date birth-date\n"
          + "column phone phone drop\n";

  @Test
  void parsesEveryDirective() {
    ProtectionPolicy p = ProtectionPolicy.parse(POLICY);
    assertEquals("lab-export", p.purpose());
    assertEquals(OnInvalid.DROP_VALUE, p.onInvalid());
    assertEquals(NirFpe.Mode.FORMAT_VALID, p.fpeMode());
    assertEquals(3, p.schemaVersion());
    assertEquals("strict", p.nirProfile());
    assertEquals(4, p.rules().size());
    assertEquals(Action.SEAL, p.rule("last name").orElseThrow().action());
    assertEquals(
        Action.GENERALIZE_YEAR_MONTH,
        p.rule("birth_date").orElseThrow().action(),
        "default of birth-date");
    assertEquals(8, p.rule("last name").orElseThrow().line());
  }

  @Test
  void readSkipsAByteOrderMark(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bom.policy");
    Files.writeString(file, "\uFEFF" + POLICY, StandardCharsets.UTF_8);
    assertEquals(ProtectionPolicy.parse(POLICY), ProtectionPolicy.read(file));
    Path crlf = dir.resolve("bom-crlf.policy");
    Files.writeString(crlf, "\uFEFF" + POLICY.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    assertEquals(ProtectionPolicy.parse(POLICY), ProtectionPolicy.read(crlf));
  }

  @Test
  void formatParsesBackToTheSamePolicy() {
    ProtectionPolicy p = ProtectionPolicy.parse(POLICY);
    assertEquals(p, ProtectionPolicy.parse(p.format()));
    ProtectionPolicy d =
        ProtectionPolicy.defaults(RecordSchema.beneficiary().with("phone", FieldType.PHONE), "x");
    assertEquals(d, ProtectionPolicy.parse(d.format()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad header          | nirguard-policy 2\\npurpose x\\ncolumn a text                  | 1 | expected 'nirguard-policy 1'",
        "unknown directive   | nirguard-policy 1\\npurpose x\\nhash a                          | 3 | unknown directive 'hash'",
        "action does not fit | nirguard-policy 1\\npurpose x\\ncolumn a name fpe               | 3 | does not fit column 'a'",
        "unknown action      | nirguard-policy 1\\npurpose x\\ncolumn a nir hash              | 3 | unknown action 'hash'",
        "unknown type        | nirguard-policy 1\\npurpose x\\ncolumn a blob                  | 3 | unknown field type 'blob'",
        "duplicate column    | nirguard-policy 1\\npurpose x\\ncolumn a text\\ncolumn a text | 4 | appears twice",
        "unbalanced quote    | nirguard-policy 1\\npurpose x\\ncolumn \"a text                | 3 | unbalanced quote",
        "bad purpose         | nirguard-policy 1\\npurpose Lab Export\\ncolumn a text         | 2 | exactly one value",
        "bad strategy        | nirguard-policy 1\\npurpose x\\non-invalid ignore\\ncolumn a text  | 3 | unknown strategy",
        "bad profile         | nirguard-policy 1\\npurpose x\\nnir-profile loose\\ncolumn a text | 3 | unknown profile",
        "no purpose          | nirguard-policy 1\\ncolumn a text                             | 0 | names no purpose",
        "no column           | nirguard-policy 1\\npurpose x                                 | 0 | no column",
      })
  void mistakesNameTheirLine(String name, String text, int line, String message) {
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> ProtectionPolicy.parse(text.replace("\\n", "\n")));
    assertEquals(line, e.line());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void defaultsFollowTheSensitivityOfEachType() {
    assertEquals(Action.FPE_AND_TOKEN, Action.defaultFor(FieldType.NIR));
    assertEquals(Action.SEAL, Action.defaultFor(FieldType.NAME));
    assertEquals(Action.DROP, Action.defaultFor(FieldType.PHONE));
    assertEquals(Action.GENERALIZE_YEAR_MONTH, Action.defaultFor(FieldType.BIRTH_DATE));
    assertEquals(Action.GENERALIZE_DEPARTMENT, Action.defaultFor(FieldType.POSTCODE));
    for (FieldType t : FieldType.values()) {
      Action a = Action.defaultFor(t);
      assertTrue(a.fits(t), t + " default must fit");
      if (t.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
        assertTrue(a != Action.KEEP, "a direct identifier is never kept in clear by default: " + t);
      }
    }
    ProtectionPolicy d = ProtectionPolicy.defaults(RecordSchema.beneficiary(), "lab-export");
    assertTrue(!d.keepsInClear(Sensitivity.DIRECT_IDENTIFIER));
  }

  @ParameterizedTest(name = "keep on a {0} column is refused without allow-clear")
  @CsvSource({"nir", "name", "phone", "email", "address"})
  void keepOnADirectIdentifierNeedsAllowClear(String type) {
    String base =
        "nirguard-policy 1\npurpose p\ncolumn x " + type + " keep\ncolumn y health keep\n";
    PolicyException e = assertThrows(PolicyException.class, () -> ProtectionPolicy.parse(base));
    assertEquals(3, e.line(), "the line of the column");
    assertTrue(e.getMessage().contains("allow-clear x"), "says how to allow it");
    ProtectionPolicy allowed = ProtectionPolicy.parse(base + "allow-clear x\n");
    assertEquals(java.util.Set.of("x"), allowed.clearIdentifiers());
    assertEquals(allowed, ProtectionPolicy.parse(allowed.format()), "allow-clear survives format");
    assertThrows(
        PolicyException.class,
        () ->
            ProtectionPolicy.builder()
                .purpose("p")
                .column("x", FieldType.named(type), Action.KEEP)
                .build(),
        "the builder keeps the same rule");
  }

  @Test
  void allowClearMustNameAKeptDirectIdentifier() {
    String base = "nirguard-policy 1\npurpose p\ncolumn x nir token\ncolumn y health keep\n";
    assertEquals(java.util.Set.of(), ProtectionPolicy.parse(base).clearIdentifiers());
    for (String stale : new String[] {"x", "y", "z"}) {
      PolicyException e =
          assertThrows(
              PolicyException.class,
              () -> ProtectionPolicy.parse(base + "allow-clear " + stale + "\n"),
              stale);
      assertEquals(5, e.line(), stale);
    }
  }
}
