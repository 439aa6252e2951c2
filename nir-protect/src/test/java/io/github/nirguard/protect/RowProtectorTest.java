package io.github.nirguard.protect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RowProtectorTest {
  static final List<String> HEADER =
      List.of("nir", "last_name", "first_name", "birth_date", "phone", "postcode", "blood_group");
  static final String POLICY =
      "nirguard-policy 1\npurpose lab-export\n"
          + "column nir nir fpe+token\n"
          + "column last_name name seal\n"
          + "column first_name name seal\n"
          + "column birth_date birth-date generalize:year-month\n"
          + "column phone phone drop\n"
          + "column postcode postcode generalize:department\n"
          + "column blood_group health keep\n";

  static KeyRing ring;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = KeyRingManager.empty().add("lab-export", KeyKind.values()).ring();
  }

  static String[] row(SyntheticRecord r, String postcode) {
    return new String[] {
      r.nir().compact(),
      r.lastName(),
      r.firstName(),
      r.birthDate().toString(),
      "06 39 98 12 34",
      postcode,
      "O+"
    };
  }

  @Test
  void headerLayout() throws GeneralSecurityException {
    RowProtector p = RowProtector.bind(ProtectionPolicy.parse(POLICY), HEADER, ring);
    assertEquals(
        List.of(
            "nir",
            "nir_token",
            "last_name",
            "first_name",
            "birth_date",
            "postcode",
            "blood_group",
            "_sealed"),
        p.outputHeader());
  }

  @Test
  void protectThenRevealRestoresEveryReversibleField() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    RowProtector p = RowProtector.bind(policy, HEADER, ring);
    RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), ring);
    assertEquals(
        List.of(
            "nir", "nir_token", "last_name", "first_name", "birth_date", "postcode", "blood_group"),
        rv.outputHeader());
    long[] index = {0};
    ForAll.check(
        "protect then reveal",
        Records.synthetic(),
        r -> {
          index[0]++;
          String[] in = row(r, "75012");
          String[] out = p.protect(in, index[0]).row().orElseThrow();
          assertNotEquals(in[0], out[0]);
          assertFalse(NirProfile.STRICT.test(out[0]), "marked FPE");
          assertTrue(out[1].startsWith("nt1."));
          assertEquals("", out[2]);
          assertEquals("", out[3]);
          assertEquals(in[3].substring(0, 7), out[4]);
          assertEquals("75", out[5]);
          assertTrue(out[7].startsWith("ne1."));
          String[] back = rv.reveal(out, index[0]).row().orElseThrow();
          assertEquals(in[0], back[0]);
          assertEquals(out[1], back[1]);
          assertEquals(in[1], back[2]);
          assertEquals(in[2], back[3]);
          assertEquals(out[4], back[4]);
          assertEquals(in[6], back[6]);
        });
  }

  @Test
  void sealedCellsDoNotMoveBetweenRowsFieldsOrSchemas() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    RowProtector p = RowProtector.bind(policy, HEADER, ring);
    RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), ring);
    List<SyntheticRecord> people = Records.synthetic().sample(5, 2);
    String[] a = p.protect(row(people.get(0), "75012"), 1).row().orElseThrow();
    String[] b = p.protect(row(people.get(1), "13001"), 2).row().orElseThrow();
    String[] moved = a.clone();
    moved[7] = b[7];
    RowResult r = rv.reveal(moved, 1);
    assertTrue(r.isRejected());
    assertEquals("ROW_SEAL_REFUSED", r.code());

    // the same values sealed for other field names do not open here
    ProtectionPolicy swapped =
        ProtectionPolicy.parse(
            POLICY.replace(
                "column last_name name seal\ncolumn first_name name seal\n",
                "column first_name name seal\ncolumn last_name name seal\n"));
    List<String> swappedHeader =
        List.of("nir", "first_name", "last_name", "birth_date", "phone", "postcode", "blood_group");
    RowProtector ps = RowProtector.bind(swapped, swappedHeader, ring);
    String[] s =
        ps.protect(
                new String[] {
                  a[0].isEmpty() ? "" : people.get(0).nir().compact(),
                  people.get(0).firstName(),
                  people.get(0).lastName(),
                  people.get(0).birthDate().toString(),
                  "",
                  "75012",
                  "O+"
                },
                1)
            .row()
            .orElseThrow();
    String[] forged = a.clone();
    forged[7] = s[7];
    assertTrue(rv.reveal(forged, 1).isRejected());

    ProtectionPolicy v2 =
        ProtectionPolicy.parse(
            POLICY.replace("purpose lab-export\n", "purpose lab-export\nschema-version 2\n"));
    assertTrue(
        RowRevealer.bind(v2, p.outputHeader(), ring).reveal(a, 1).isRejected(),
        "another schema version");
    assertFalse(rv.reveal(a, 1).isRejected());
  }

  @Test
  void invalidNirStrategies() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    SyntheticRecord person = Records.synthetic().sample(9, 1).get(0);
    String bad = Nirs.invalid(io.github.nirguard.core.NirError.KEY_MISMATCH).sample(1, 1).get(0);
    String[] in = row(person, "75012");
    in[0] = bad;

    RowResult rejected = RowProtector.bind(policy, HEADER, ring).protect(in, 1);
    assertTrue(rejected.isRejected());
    assertEquals("nir", rejected.column());
    assertEquals("KEY_MISMATCH", rejected.code());
    assertEquals(RowReason.INVALID_NIR, rejected.reason());
    assertEquals(
        java.util.Optional.of(io.github.nirguard.core.NirError.KEY_MISMATCH), rejected.nirError());
    assertFalse(rejected.toString().contains(bad));

    RowProtector blank =
        RowProtector.bind(policy.withOnInvalid(OnInvalid.DROP_VALUE), HEADER, ring);
    String[] kept = blank.protect(in, 7).row().orElseThrow();
    assertEquals("", kept[0]);
    assertEquals("", kept[1]);
    RowRevealer rv = RowRevealer.bind(policy, blank.outputHeader(), ring);
    String[] back = rv.reveal(kept, 7).row().orElseThrow();
    assertEquals(
        person.lastName(),
        back[2],
        "sealed fields of a row without NIR are bound to the row index");
    assertTrue(rv.reveal(kept, 8).isRejected());

    String[] badDate = row(person, "75012");
    badDate[3] = "31/02/1980";
    RowResult date = RowProtector.bind(policy, HEADER, ring).protect(badDate, 1);
    assertEquals(RowReason.INVALID_DATE, date.reason());
    assertEquals("INVALID_DATE", date.code());
    assertTrue(date.nirError().isEmpty());
    badDate[3] = "";
    assertEquals(
        "",
        RowProtector.bind(policy, HEADER, ring).protect(badDate, 1).row().orElseThrow()[4],
        "missing is not invalid");
  }

  @Test
  void headerAndRingMistakesComeBeforeAnyRow() throws GeneralSecurityException {
    ProtectionPolicy policy = ProtectionPolicy.parse(POLICY);
    PolicyException unknown =
        assertThrows(
            PolicyException.class,
            () -> RowProtector.bind(policy, List.of("nir", "last_name"), ring));
    assertTrue(unknown.getMessage().contains("is not in the input"));
    List<String> extra = new java.util.ArrayList<>(HEADER);
    extra.add("comment");
    PolicyException unmapped =
        assertThrows(PolicyException.class, () -> RowProtector.bind(policy, extra, ring));
    assertTrue(unmapped.getMessage().contains("('comment') has no rule"));
    List<String> reserved = new java.util.ArrayList<>(HEADER);
    reserved.add("_sealed");
    assertThrows(PolicyException.class, () -> RowProtector.bind(policy, reserved, ring));
    KeyRing empty = KeyRingManager.empty().add("lab-export", KeyKind.TOKEN).ring();
    PolicyException keys =
        assertThrows(PolicyException.class, () -> RowProtector.bind(policy, HEADER, empty));
    assertTrue(keys.getMessage().contains("lacks a keyset"));
    assertThrows(
        PolicyException.class,
        () -> RowRevealer.bind(policy, HEADER, ring),
        "not a protected header");
  }

  @Test
  void generalizeAndMask() {
    assertEquals("1980", io.github.nirguard.record.Generalize.year("1980-05-17"));
    assertEquals("1980-05", io.github.nirguard.record.Generalize.yearMonth("17/05/1980"));
    assertEquals(null, io.github.nirguard.record.Generalize.yearMonth("1980-13-01"));
    assertEquals(
        "40-49",
        io.github.nirguard.record.Generalize.ageBand(
            "1980-05-17", java.time.LocalDate.of(2026, 1, 1)));
    assertEquals(
        "90+",
        io.github.nirguard.record.Generalize.ageBand(
            "1920-05-17", java.time.LocalDate.of(2026, 1, 1)));
    assertEquals("2A", io.github.nirguard.record.Generalize.department("20167", false));
    assertEquals("2B", io.github.nirguard.record.Generalize.department("20200", false));
    assertEquals("2B", io.github.nirguard.record.Generalize.department("2B033", true));
    assertEquals("971", io.github.nirguard.record.Generalize.department("97110", false));
    assertEquals("75", io.github.nirguard.record.Generalize.department("75012", false));
    assertEquals(null, io.github.nirguard.record.Generalize.department("7501", false));
    assertEquals(
        "D•••",
        io.github.nirguard.record.Mask.mask("Durand", io.github.nirguard.record.FieldType.NAME));
    assertEquals(
        "•• •• •• •• 34",
        io.github.nirguard.record.Mask.mask(
            "06 39 98 12 34", io.github.nirguard.record.FieldType.PHONE));
    assertEquals(
        "2 55 08 •• ••• ••• ••",
        io.github.nirguard.record.Mask.mask(
            "255081416802538", io.github.nirguard.record.FieldType.NIR));
  }

  @Test
  void aBlockIsProtectedLikeItsRowsOneAfterTheOther() throws GeneralSecurityException {
    long seed = io.github.nirguard.testkit.ForAll.seed();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    List<SyntheticRecord> people = Records.synthetic().sample(seed, 700);
    List<String> badNirs =
        Nirs.invalid(io.github.nirguard.core.NirError.KEY_MISMATCH).sample(seed, 50);
    List<io.github.nirguard.core.Nir> lenient =
        Nirs.lenientOnly(io.github.nirguard.core.Leniency.SEX_7_8).sample(seed, 50);
    String[][] rows = new String[people.size()][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = row(people.get(k), "75012");
      int kind = r.nextInt(16);
      if (kind == 0) {
        rows[k][0] = badNirs.get(r.nextInt(badNirs.size()));
      } else if (kind == 1) {
        rows[k][0] =
            lenient.get(r.nextInt(lenient.size())).compact(); // valid under checksum, outside FPE
      } else if (kind == 2) {
        rows[k][0] = "";
      } else if (kind == 3) {
        rows[k][3] = "2001-02-30";
      }
    }
    ProtectionPolicy base = ProtectionPolicy.parse(POLICY);
    List<ProtectionPolicy> policies =
        List.of(
            base,
            base.withOnInvalid(OnInvalid.DROP_VALUE),
            ProtectionPolicy.parse(
                POLICY.replace(
                    "purpose lab-export\n", "purpose lab-export\nnir-profile checksum\n")),
            ProtectionPolicy.parse(
                POLICY.replace(
                    "purpose lab-export\n",
                    "purpose lab-export\nnir-profile checksum\non-invalid drop-value\n")),
            ProtectionPolicy.parse(
                POLICY.replace("column nir nir fpe+token", "column nir nir drop")),
            ProtectionPolicy.parse(
                POLICY.replace("column nir nir fpe+token", "column nir nir token")));
    for (ProtectionPolicy policy : policies) {
      RowProtector p = RowProtector.bind(policy, HEADER, ring);
      RowRevealer rv = RowRevealer.bind(policy, p.outputHeader(), ring);
      int sealed = p.outputHeader().indexOf("_sealed");
      for (int count : new int[] {rows.length, 256, 1, 0}) {
        long first = 1 + r.nextInt(1000);
        RowResult[] block = p.protectAll(rows, count, first);
        assertEquals(count, block.length);
        long index = first;
        for (int k = 0; k < count; k++) {
          String where = policy.onInvalid() + ", seed " + seed + ", row " + k;
          RowResult one = p.protect(rows[k], index);
          assertEquals(one.isRejected(), block[k].isRejected(), where);
          if (one.isRejected()) {
            assertEquals(one.column(), block[k].column(), where);
            assertEquals(one.code(), block[k].code(), where);
            continue;
          }
          String[] a = one.row().orElseThrow().clone();
          String[] b = block[k].row().orElseThrow().clone();
          // the sealed cells differ (random nonces) but open to the same values at the same index
          assertArrayEquals(
              rv.reveal(a, index).row().orElseThrow(),
              rv.reveal(b, index).row().orElseThrow(),
              where);
          a[sealed] = "";
          b[sealed] = "";
          assertArrayEquals(a, b, where);
          index++;
        }
      }
    }
  }

  @Test
  void everyRowCellCountIsChecked() throws GeneralSecurityException {
    RowProtector p = RowProtector.bind(ProtectionPolicy.parse(POLICY), HEADER, ring);
    assertThrows(IllegalArgumentException.class, () -> p.protect(new String[] {"a"}, 1));
    String[] good = row(Records.synthetic().sample(1, 1).get(0), "75012");
    assertThrows(
        IllegalArgumentException.class, () -> p.protectAll(new String[][] {good, {"a"}}, 2, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> p.protectAll(new String[][] {good}, 2, 1));
    assertArrayEquals(new String[0], new String[0]);
  }
}
