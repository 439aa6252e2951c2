package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import io.github.nirguard.testkit.Families;
import io.github.nirguard.testkit.Family;
import io.github.nirguard.testkit.FamilyMember;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The specification's beneficiary-pseudonym vectors ({@code docs/spec/vectors/
 * beneficiary-pseudonyms.jsonl.gz}, spec §5.1): persons, beneficiaries with and without a twin
 * rank, fictitious NIRs, and the third party's stage, over seeded {@code Families}, with the spec's
 * public test keys. Recomputed on every build; rewritten with {@code
 * -Dnirguard.regenerateSpecVectors=true}.
 */
class BeneficiaryVectorsTest {
  static final String FILE = "beneficiary-pseudonyms.jsonl.gz";
  static final String PRODUCER = SpecVectorsTest.PURPOSES.get(0);
  static final String RECIPIENT = SpecVectorsTest.PURPOSES.get(1);

  static KeyRing ring;

  @BeforeAll
  static void keys() throws Exception {
    ring = SpecVectorsTest.ring(true);
  }

  static KeyedTokenizer tokens(String purpose, int n) throws GeneralSecurityException {
    return KeyedTokenizer.forKey(ring, purpose, SpecVectorsTest.keyId(purpose, KeyKind.TOKEN, n));
  }

  static String sexDigit(Sex s) {
    return s == Sex.MALE ? "1" : s == Sex.FEMALE ? "2" : "0";
  }

  static List<Map<String, @Nullable Object>> rows() throws GeneralSecurityException {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    int k = 0;
    for (Family f : Families.synthetic().sample(SpecVectorsTest.SEED, 1200)) {
      for (FamilyMember m : f.members()) {
        int n = 1 + (k++ % 2);
        BeneficiaryPseudonyms producer = BeneficiaryPseudonyms.of(tokens(PRODUCER, n));
        RecipientStage stage = RecipientStage.of(tokens(RECIPIENT, 3 - n));
        Beneficiary b =
            Beneficiary.of(m.openingRightsNir(), m.birthDate(), m.sex())
                .withTwinRank(k % 3 == 0 ? 0 : m.twinRank());
        BeneficiaryPseudonym p = producer.beneficiary(b);
        rows.add(
            row(
                "beneficiary",
                n,
                b.openingRightsNir(),
                b.birthDate(),
                b.sex(),
                b.twinRank(),
                p,
                stage));
        if (m.ownNir().isPresent() && m.role() == FamilyMember.Role.CHILD) {
          BeneficiaryPseudonym own = producer.person(m.ownNir().get());
          rows.add(row("person", n, m.ownNir().get(), null, null, 0, own, stage));
        }
      }
    }
    return rows;
  }

  static Map<String, @Nullable Object> row(
      String kind,
      int n,
      Nir nir,
      @Nullable LocalDate date,
      @Nullable Sex sex,
      int rank,
      BeneficiaryPseudonym p,
      RecipientStage stage)
      throws GeneralSecurityException {
    boolean fictitious = !p.linkable();
    return Jsonl.row(
        "kind",
        kind,
        "producer_purpose",
        PRODUCER,
        "producer_key_id",
        Token.hex8(tokens(PRODUCER, n).keyId()),
        "nir",
        nir.compact(),
        "birth_date",
        date == null ? null : date.toString(),
        "sex",
        sex == null ? null : sexDigit(sex),
        "twin_rank",
        date == null ? null : String.valueOf(rank),
        "fictitious",
        fictitious,
        "pseudonym",
        fictitious ? null : p.value(),
        "recipient_purpose",
        RECIPIENT,
        "recipient_key_id",
        Token.hex8(tokens(RECIPIENT, 3 - n).keyId()),
        "recipient_pseudonym",
        fictitious ? null : stage.apply(p).value());
  }

  @Test
  @EnabledIfSystemProperty(named = SpecVectorsTest.REGENERATE, matches = "true")
  void regenerate() throws Exception {
    Jsonl.write(SpecVectorsTest.DIR.resolve(FILE), rows());
  }

  @Test
  void theCommittedVectorsHold() throws Exception {
    List<Map<String, @Nullable Object>> rows = SpecVectorsTest.committed(FILE);
    assertTrue(rows.size() >= 5000, "beneficiary vectors: " + rows.size());
    Set<String> seen = new HashSet<>();
    int line = 0;
    for (Map<String, @Nullable Object> row : rows) {
      line++;
      int n =
          SpecVectorsTest.keyNumber(
              PRODUCER, KeyKind.TOKEN, SpecVectorsTest.id(row, "producer_key_id"));
      BeneficiaryPseudonyms producer = BeneficiaryPseudonyms.of(tokens(PRODUCER, n));
      Nir nir = NirProfile.LENIENT.parse(SpecVectorsTest.str(row, "nir"));
      BeneficiaryPseudonym p;
      String kind = SpecVectorsTest.str(row, "kind");
      if (kind.equals("person")) {
        p = producer.person(nir);
      } else {
        String sex = SpecVectorsTest.str(row, "sex");
        int rank = Integer.parseInt(SpecVectorsTest.str(row, "twin_rank"));
        p =
            producer.beneficiary(
                Beneficiary.of(
                        nir,
                        LocalDate.parse(SpecVectorsTest.str(row, "birth_date")),
                        sex.equals("1") ? Sex.MALE : Sex.FEMALE)
                    .withTwinRank(rank));
        seen.add(rank == 0 ? "no rank" : "rank");
      }
      seen.add(kind);
      boolean fictitious = Boolean.TRUE.equals(row.get("fictitious"));
      assertEquals(fictitious, !p.linkable(), "line " + line);
      if (fictitious) {
        seen.add("fictitious");
        continue;
      }
      assertEquals(row.get("pseudonym"), p.value(), "line " + line);
      int r =
          SpecVectorsTest.keyNumber(
              RECIPIENT, KeyKind.TOKEN, SpecVectorsTest.id(row, "recipient_key_id"));
      assertEquals(
          row.get("recipient_pseudonym"),
          RecipientStage.of(tokens(RECIPIENT, r)).apply(p).value(),
          "line " + line);
      seen.add("key " + n);
    }
    assertEquals(
        Set.of("beneficiary", "person", "rank", "no rank", "fictitious", "key 1", "key 2"), seen);
  }
}
