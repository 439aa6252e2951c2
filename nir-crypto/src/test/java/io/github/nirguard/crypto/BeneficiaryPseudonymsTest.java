package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import io.github.nirguard.testkit.Families;
import io.github.nirguard.testkit.Family;
import io.github.nirguard.testkit.FamilyMember;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.testkit.Records;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BeneficiaryPseudonymsTest {
  static KeyRing producerRing;
  static KeyRing thirdPartyRing;
  static BeneficiaryPseudonyms producer;
  static RecipientStage recipientA;
  static RecipientStage recipientB;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    producerRing = TestKeys.ring("producer");
    thirdPartyRing = TestKeys.ring("recipient-a", "recipient-b");
    producer = BeneficiaryPseudonyms.create(producerRing, "producer");
    recipientA = RecipientStage.create(thirdPartyRing, "recipient-a");
    recipientB = RecipientStage.create(thirdPartyRing, "recipient-b");
  }

  static Beneficiary asBeneficiary(FamilyMember m, boolean withRank) {
    Beneficiary b = Beneficiary.of(m.openingRightsNir(), m.birthDate(), m.sex());
    return withRank ? b.withTwinRank(m.twinRank()) : b;
  }

  @Test
  void withoutRankTheyAreTheKeyedTokensAlreadyInUse() throws GeneralSecurityException {
    KeyedTokenizer tokens = KeyedTokenizer.create(producerRing, "producer");
    ForAll.check(
        "person = tokenize(nir), beneficiary without rank = tokenize(nir, date, sex)",
        Records.synthetic(),
        r -> {
          assertEquals(tokens.tokenize(r.nir()).value(), producer.person(r.nir()).value());
          BeneficiaryPseudonym b =
              producer.beneficiary(Beneficiary.of(r.nir(), r.birthDate(), r.sex()));
          assertEquals(tokens.tokenize(r.nir(), r.birthDate(), r.sex()).value(), b.value());
          assertEquals(BeneficiaryPseudonym.Kind.BENEFICIARY, b.kind());
          assertFalse(b.twinRankGiven());
          BeneficiaryPseudonym ranked =
              producer.beneficiary(Beneficiary.of(r.nir(), r.birthDate(), r.sex()).withTwinRank(1));
          assertTrue(ranked.twinRankGiven());
          assertNotEquals(b.value(), ranked.value());
        });
  }

  @Test
  void twinsAreSeparatedByTheirRankAndCollideWithoutIt() {
    int[] pairs = new int[2]; // same sex, different sexes
    ForAll.check(
        "same-sex twins: one pseudonym without rank, two with; different sexes always two",
        Families.synthetic(),
        family -> {
          List<FamilyMember> kids = children(family);
          for (FamilyMember a : kids) {
            for (FamilyMember b : kids) {
              if (a == b || a.twinRank() == 0 || a.provisional()) {
                continue;
              }
              if (b.twinRank() != 0 && a.birthDate().equals(b.birthDate())) {
                BeneficiaryPseudonym aRanked = producer.beneficiary(asBeneficiary(a, true));
                BeneficiaryPseudonym bRanked = producer.beneficiary(asBeneficiary(b, true));
                assertNotEquals(aRanked.value(), bRanked.value());
                BeneficiaryPseudonym aBare = producer.beneficiary(asBeneficiary(a, false));
                BeneficiaryPseudonym bBare = producer.beneficiary(asBeneficiary(b, false));
                assertEquals(a.sex() == b.sex(), aBare.value().equals(bBare.value()));
                pairs[a.sex() == b.sex() ? 0 : 1]++;
              }
            }
          }
        });
    assertTrue(pairs[0] > 0 && pairs[1] > 0, "the generator made both kinds of twins");
  }

  @Test
  void theCrosswalkFlagsExactlyTheSameSexTwinsItCanTellApart() {
    int[] flagged = {0};
    ForAll.check(
        "collisions = same-sex twin pairs, both on their own NIR, linked without rank",
        Families.synthetic(),
        family -> {
          Crosswalk.Builder b = Crosswalk.builder();
          Set<String> expected = new HashSet<>();
          for (FamilyMember m : children(family)) {
            if (m.ownNir().isEmpty()) {
              continue;
            }
            BeneficiaryPseudonym asChild = producer.beneficiary(asBeneficiary(m, false));
            BeneficiaryPseudonym own = producer.person(m.ownNir().get());
            assertEquals(!m.provisional(), b.link(asChild, own));
            if (!m.provisional() && m.twinRank() != 0 && sameSexTwinOnOwnNir(family, m)) {
              expected.add(asChild.value());
            }
            if (!m.provisional()) {
              // the child's successive pseudonyms are linked both ways
              Crosswalk xw = b.build();
              assertTrue(xw.linked(asChild.value()).contains(own.value()));
              assertTrue(xw.linked(own.value()).contains(asChild.value()));
            }
          }
          assertEquals(expected, b.build().collisions());
          flagged[0] += expected.size();
        });
    assertTrue(flagged[0] > 0, "some same-sex twins were both on their own NIR");
  }

  private static boolean sameSexTwinOnOwnNir(Family family, FamilyMember m) {
    return children(family).stream()
        .anyMatch(
            o ->
                o != m
                    && o.twinRank() != 0
                    && o.birthDate().equals(m.birthDate())
                    && o.sex() == m.sex()
                    && o.ownNir().isPresent());
  }

  private static List<FamilyMember> children(Family family) {
    List<FamilyMember> out = new ArrayList<>();
    for (FamilyMember m : family.members()) {
      if (m.role() == FamilyMember.Role.CHILD) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void fictitiousNirsLinkNoOne() {
    Set<String> fictitious = new HashSet<>();
    Set<String> linkable = new HashSet<>();
    int[] provisionalSeen = {0};
    ForAll.check(
        "a provisional or never-real NIR gets a fresh nf1 value, never equal to anything",
        Families.synthetic(),
        family -> {
          for (FamilyMember m : family.members()) {
            BeneficiaryPseudonym p = producer.beneficiary(asBeneficiary(m, true));
            BeneficiaryPseudonym again = producer.beneficiary(asBeneficiary(m, true));
            if (m.provisional()) {
              provisionalSeen[0]++;
              assertEquals(BeneficiaryPseudonym.Kind.FICTITIOUS, p.kind());
              assertFalse(p.linkable());
              assertTrue(RecipientStage.isFictitious(p.value()));
              assertTrue(fictitious.add(p.value()));
              assertTrue(fictitious.add(again.value()));
              assertTrue(fictitious.add(recipientA.apply(p).value()));
            } else {
              assertEquals(BeneficiaryPseudonym.Kind.BENEFICIARY, p.kind());
              assertEquals(p, again);
              linkable.add(p.value());
            }
          }
        });
    assertTrue(provisionalSeen[0] > 0, "the generator made provisional NIRs");
    Set<String> both = new HashSet<>(fictitious);
    both.retainAll(linkable);
    assertEquals(Set.of(), both);
    // never-real NIRs and a source system's own mark are fictitious too
    ForAll.check(
        "never-real NIRs and marked NIRs are fictitious",
        Nirs.neverReal(),
        nir -> {
          assertEquals(BeneficiaryPseudonym.Kind.FICTITIOUS, producer.person(nir).kind());
          assertEquals(
              BeneficiaryPseudonym.Kind.FICTITIOUS,
              producer.beneficiary(Beneficiary.of(nir, LocalDate.of(2000, 1, 1), Sex.MALE)).kind());
        });
    Nir real = Nirs.valid().sample(1L, 1).get(0);
    Beneficiary marked = Beneficiary.of(real, LocalDate.of(1990, 5, 5), Sex.FEMALE);
    assertTrue(marked.withFictitiousNir().fictitious());
    assertEquals(
        BeneficiaryPseudonym.Kind.FICTITIOUS,
        producer.beneficiary(marked.withFictitiousNir()).kind());
  }

  @Test
  void twoStagesComposeDeterministicallyPerRecipient() throws GeneralSecurityException {
    KeyedTokenizer producerTokens = KeyedTokenizer.create(producerRing, "producer");
    KeyedTokenizer recipientTokens = KeyedTokenizer.create(thirdPartyRing, "recipient-a");
    BeneficiaryPseudonyms otherProducerKey =
        BeneficiaryPseudonyms.create(TestKeys.ring("producer"), "producer");
    RecipientStage otherRecipientKey =
        RecipientStage.create(TestKeys.ring("recipient-a"), "recipient-a");
    ForAll.check(
        "final = stage two of stage one; each key alone falls short",
        Records.synthetic(),
        r -> {
          Beneficiary b = Beneficiary.of(r.nir(), r.birthDate(), r.sex());
          BeneficiaryPseudonym stageOne = producer.beneficiary(b);
          BeneficiaryPseudonym fin = recipientA.apply(stageOne);
          assertEquals(fin, recipientA.apply(producer.beneficiary(b)));
          assertEquals(fin.value(), recipientA.apply(stageOne.value()));
          assertEquals(
              recipientTokens.rekey(producerTokens.tokenize(r.nir(), r.birthDate(), r.sex())),
              Token.parse(fin.value()));
          // the producer's key alone gives stage one, not the final pseudonym
          assertNotEquals(stageOne.value(), fin.value());
          // the recipient's key applied to the NIR itself does not give it either
          assertNotEquals(
              recipientTokens.tokenize(r.nir(), r.birthDate(), r.sex()).value(), fin.value());
          // change either key and the final pseudonym changes
          assertNotEquals(fin.value(), recipientA.apply(otherProducerKey.beneficiary(b)).value());
          assertNotEquals(fin.value(), otherRecipientKey.apply(stageOne).value());
        });
  }

  @Test
  void twoRecipientsCannotLinkOnePerson() {
    Set<String> a = new HashSet<>();
    Set<String> b = new HashSet<>();
    ForAll.check(
        "one person, two recipients: two unrelated pseudonyms",
        Records.synthetic(),
        r -> {
          BeneficiaryPseudonym stageOne = producer.person(r.nir());
          String pa = recipientA.apply(stageOne).value();
          String pb = recipientB.apply(stageOne).value();
          assertNotEquals(pa, pb);
          a.add(pa);
          b.add(pb);
        });
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    assertEquals(Set.of(), shared);
  }

  @Test
  void aCrosswalkGoesThroughTheThirdPartyWithItsStructure() {
    ForAll.check(
        "the recipient's crosswalk links the recipient's pseudonyms of the same people",
        Families.synthetic()
            .filter(f -> f.members().stream().anyMatch(m -> m.ownNir().isPresent())),
        family -> {
          Crosswalk.Builder builder = Crosswalk.builder();
          for (FamilyMember m : children(family)) {
            m.ownNir()
                .ifPresent(
                    own ->
                        builder.link(
                            producer.beneficiary(asBeneficiary(m, true)), producer.person(own)));
          }
          Crosswalk xw = builder.build();
          Crosswalk forA = xw.rekeyed(recipientA);
          assertEquals(xw.links().size(), forA.links().size());
          assertEquals(xw.collisions().size(), forA.collisions().size());
          for (int i = 0; i < xw.links().size(); i++) {
            Crosswalk.Link l = forA.links().get(i);
            assertEquals(recipientA.apply(xw.links().get(i).from()), l.from());
            assertTrue(forA.linked(l.from().value()).contains(l.to().value()));
          }
        });
  }

  @Test
  void badCellsAreRefusedWithoutEchoingThem() {
    String secretish = "185057800608436";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> recipientA.apply(secretish));
    assertFalse(e.getMessage().contains(secretish));
    assertThrows(IllegalArgumentException.class, () -> recipientA.apply("np1.00000000.aaaa"));
    assertFalse(RecipientStage.isFictitious("nf1.AAAA"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Beneficiary.of(Nirs.valid().sample(2L, 1).get(0), LocalDate.of(2001, 1, 1), Sex.MALE)
                .withTwinRank(10));
  }

  @Test
  void nothingPrintsAValueADateOrANir() {
    ForAll.check(
        "toString shows no pseudonym value, NIR digits beyond the mask, or birth date",
        Families.synthetic(),
        family -> {
          for (FamilyMember m : family.members()) {
            Beneficiary b = asBeneficiary(m, true);
            BeneficiaryPseudonym p = producer.beneficiary(b);
            String text = b + " " + p + " " + m + " " + family;
            assertFalse(text.contains(p.value().substring(13)), "pseudonym value");
            assertFalse(text.contains(m.openingRightsNir().compact()), "NIR");
            assertFalse(text.contains(m.openingRightsNir().compact().substring(5, 13)), "NIR");
            assertFalse(text.contains(m.birthDate().toString()), "birth date");
          }
        });
  }
}
