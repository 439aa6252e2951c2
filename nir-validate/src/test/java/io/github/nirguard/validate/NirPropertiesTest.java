package io.github.nirguard.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.internal.ScanStatus;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of NIR parsing over the nir-testkit generators, thousands of cases each ({@code
 * -Dnirguard.properties.size}, {@code -Dnirguard.seed} to re-run a failure).
 *
 * <p>Uses only nir-core's API. Display names and assertion messages never contain a generated
 * value: these may be real people's NIRs.
 */
class NirPropertiesTest {

  static Stream<Arguments> categoriesAndKinds() {
    return Stream.of(Nirs.Category.values())
        .flatMap(c -> Nirs.strictKinds().stream().map(k -> Arguments.of(c, k)));
  }

  // ---- valid and invalid ----------------------------------------------------------------------

  @ParameterizedTest(name = "valid {0} {1} validates in STRICT")
  @MethodSource("categoriesAndKinds")
  void everyValidNirValidatesInStrict(Nirs.Category category, BirthMonth.Kind kind) {
    ForAll.check(
        "valid " + category + " " + kind + " validates in STRICT",
        Nirs.valid(category, kind),
        nir -> {
          for (String text : List.of(nir.compact(), nir.display())) {
            long status = ScanStatus.scan(NirProfile.STRICT, text);
            assertTrue(ScanStatus.isValid(status), "STRICT accepts");
            assertTrue(ScanStatus.leniencesOf(status).isEmpty(), "no leniency flag");
            assertTrue(Nir.isValid(text), "Nir.isValid");
            assertTrue(NirProfile.LENIENT.test(text), "LENIENT accepts");
            assertTrue(NirProfile.CHECKSUM_ONLY.test(text), "CHECKSUM_ONLY accepts");
          }
          assertEquals(kind, nir.birthMonth().kind(), "month kind");
        });
  }

  @ParameterizedTest(name = "invalid input rejected with {0}")
  @EnumSource(NirError.class)
  void everyInvalidInputIsRejectedWithItsReason(NirError reason) {
    ForAll.check(
        "invalid input rejected with " + reason,
        Nirs.invalid(reason),
        text -> {
          long status = ScanStatus.scan(NirProfile.STRICT, text);
          assertFalse(ScanStatus.isValid(status), "STRICT rejects");
          assertEquals(reason, ScanStatus.errorOf(status), "reason");
          assertFalse(Nir.tryParse(text).isPresent(), "tryParse is empty");
          NirFormatException e = assertThrows(NirFormatException.class, () -> Nir.parse(text));
          assertEquals(reason, e.reason(), "exception reason");
          assertEquals(ScanStatus.positionOf(status), e.position(), "exception position");
          String digits = text.replaceAll("[^0-9]", "");
          if (digits.length() >= 4) {
            assertFalse(e.getMessage().contains(digits), "the message does not echo the input");
          }
        });
  }

  // ---- round trips ----------------------------------------------------------------------------

  @Test
  void parseOfCompactIsIdentity() {
    ForAll.check(
        "parse(compact(x)) == x",
        Nirs.valid(),
        nir -> {
          assertEquals(nir, Nir.parse(nir.compact()), "parse(compact)");
          assertEquals(15, nir.compact().length(), "15 characters");
        });
  }

  @Test
  void parseOfDisplayIsIdentity() {
    ForAll.check(
        "parse(display(x)) == x",
        Nirs.valid(),
        nir -> assertEquals(nir, Nir.parse(nir.display()), "parse(display)"));
  }

  @Test
  void fromBodyOfBodyIsIdentity() {
    ForAll.check(
        "fromBody(body(x)) == x",
        Nirs.valid(),
        nir -> {
          assertEquals(nir, Nir.fromBody(nir.body()), "fromBody(body)");
          assertEquals(nir, NirProfile.STRICT.parseBody(nir.body()), "parseBody(body)");
          assertEquals(
              nir.body() + nir.compact().substring(13), nir.compact(), "compact = body + key");
        });
  }

  @Test
  void noisyInputParsesToItsNir() {
    ForAll.check(
        "parse(noisy) == expected",
        Nirs.noisy(),
        noisy -> {
          assertEquals(noisy.expected(), Nir.parse(noisy.text()), "STRICT parse");
          assertEquals(noisy.expected(), NirProfile.LENIENT.parse(noisy.text()), "LENIENT parse");
          assertEquals(
              noisy.expected(),
              NirProfile.CHECKSUM_ONLY.parse(noisy.text()),
              "CHECKSUM_ONLY parse");
        });
  }

  // ---- the key catches typing errors ------------------------------------------------------------

  @Test
  void everySingleSubstitutionIsRejectedEvenUnderChecksumOnly() {
    ForAll.check(
        "single substitutions are rejected",
        Nirs.valid(),
        nir -> {
          char[] c = nir.compact().toCharArray();
          for (int i = 0; i < c.length; i++) {
            char original = c[i];
            String replacements = i == 6 && c[5] == '2' ? "0123456789AB" : "0123456789";
            for (char r : replacements.toCharArray()) {
              if (r == original) {
                continue;
              }
              c[i] = r;
              String mutated = new String(c);
              assertFalse(
                  NirProfile.CHECKSUM_ONLY.test(mutated), "CHECKSUM_ONLY rejects a substitution");
              assertFalse(NirProfile.STRICT.test(mutated), "STRICT rejects a substitution");
            }
            c[i] = original;
          }
        });
  }

  @Test
  void everyAdjacentTranspositionIsRejectedEvenUnderChecksumOnly() {
    ForAll.check(
        "adjacent transpositions are rejected",
        Nirs.valid(),
        nir -> {
          char[] c = nir.compact().toCharArray();
          for (int i = 0; i + 1 < c.length; i++) {
            if (c[i] == c[i + 1]) {
              continue;
            }
            swap(c, i);
            String mutated = new String(c);
            swap(c, i);
            assertFalse(
                NirProfile.CHECKSUM_ONLY.test(mutated), "CHECKSUM_ONLY rejects a transposition");
            assertFalse(NirProfile.STRICT.test(mutated), "STRICT rejects a transposition");
          }
        });
  }

  private static void swap(char[] c, int i) {
    char t = c[i];
    c[i] = c[i + 1];
    c[i + 1] = t;
  }

  // ---- normalisation --------------------------------------------------------------------------

  @Test
  void normalisationToCompactIsIdempotent() {
    ForAll.check(
        "compact normalisation is idempotent",
        Nirs.noisy(),
        noisy -> {
          String once = Nir.parse(noisy.text()).compact();
          assertEquals(once, Nir.parse(once).compact(), "compact twice");
        });
  }

  @Test
  void normalisationToDisplayIsIdempotent() {
    ForAll.check(
        "display normalisation is idempotent",
        Nirs.noisy(),
        noisy -> {
          String once = Nir.parse(noisy.text()).display();
          assertEquals(once, Nir.parse(once).display(), "display twice");
        });
  }

  // ---- never real, lenient only ---------------------------------------------------------------

  @Test
  void neverRealPassesChecksumOnlyAndNeverStrict() {
    ForAll.check(
        "never-real: CHECKSUM_ONLY accepts, STRICT rejects",
        Nirs.neverReal(),
        nir -> {
          for (String text : List.of(nir.compact(), nir.display())) {
            assertTrue(NirProfile.CHECKSUM_ONLY.test(text), "CHECKSUM_ONLY accepts");
            assertFalse(NirProfile.STRICT.test(text), "STRICT rejects");
            assertFalse(NirProfile.LENIENT.test(text), "LENIENT rejects");
            assertEquals(
                NirError.INVALID_MONTH,
                ScanStatus.errorOf(ScanStatus.scan(NirProfile.STRICT, text)),
                "reason");
          }
        });
  }

  @ParameterizedTest(name = "lenient-only {0} is flagged")
  @EnumSource(Leniency.class)
  void lenientOnlyIsAcceptedByLenientWithItsFlagAndRejectedByStrict(Leniency leniency) {
    ForAll.check(
        "lenient-only " + leniency,
        Nirs.lenientOnly(leniency),
        nir -> {
          long status = ScanStatus.scan(NirProfile.LENIENT, nir.compact());
          assertTrue(ScanStatus.isValid(status), "LENIENT accepts");
          assertEquals(EnumSet.of(leniency), ScanStatus.leniencesOf(status), "exactly its flag");
          assertFalse(NirProfile.STRICT.test(nir.compact()), "STRICT rejects");
          assertEquals(nir, NirProfile.LENIENT.parse(nir.display()), "display round trip");
        });
  }
}
