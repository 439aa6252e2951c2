package io.github.nirguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of the synthetic households of {@link Families}. */
class FamiliesTest {

  /**
   * Children born on one day are one birth: a single child, or one pair of twins ranked 1 and 2.
   * Two births on one day made four children with ranks 1, 1, 2, 2, whose ranked pseudonyms rightly
   * collide, which broke the pseudonym tests once in a few thousand families.
   */
  @Test
  void childrenBornOnOneDayAreOneBirth() {
    int[] twinPairs = {0};
    ForAll.check(
        "children born on one day are one child or one pair of twins ranked 1 and 2",
        Families.synthetic(),
        family -> {
          Map<LocalDate, List<Integer>> ranksByDay = new HashMap<>();
          for (FamilyMember m : family.members()) {
            if (m.role() == FamilyMember.Role.CHILD) {
              ranksByDay.computeIfAbsent(m.birthDate(), d -> new ArrayList<>()).add(m.twinRank());
            }
          }
          for (List<Integer> ranks : ranksByDay.values()) {
            if (ranks.size() == 1) {
              assertEquals(List.of(0), ranks, "a single child has no twin rank");
            } else {
              assertEquals(List.of(1, 2), ranks, "twins ranked 1 then 2");
              twinPairs[0]++;
            }
          }
        });
    assertTrue(twinPairs[0] > 0, "the generator made twins");
  }
}
