package io.github.nirguard.examples;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.record.BeneficiaryRecord;
import io.github.nirguard.validate.NirValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.List;

/** Runs the four examples end to end and checks what each one promises. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    KeyRing ring = keyRing();

    System.out.println("== 1. a form");
    for (String typed : List.of("2 55 08 14 168 025 38", "1 85 05 78 006 084 36", "2 55 08 14 168 025")) {
      System.out.println(SignupForm.check(typed, Sex.FEMALE, LocalDate.of(1955, 8, 3)).message());
    }
    check(SignupForm.check("2.55.08.14.168.025/38", Sex.FEMALE, LocalDate.of(1955, 8, 3)).accepted(), "form accepts");
    check(!SignupForm.check("2 55 08 14 168 025 38", Sex.MALE, LocalDate.of(1955, 8, 3)).accepted(), "cross-check");

    System.out.println("== 2. keyed tokens for a research extract");
    Nir anne = Nir.parse("2 55 08 14 168 025 38");
    Nir paul = Nir.parse("1 85 05 78 006 084 91");   // its correct key
    List<String> research = new ResearchExtract(ring, "research-42").pseudonymize(List.of(anne, paul, anne));
    // a token is still personal data: print its scheme and key id only
    System.out.println(research.size() + " tokens, " + research.stream().distinct().count() + " distinct, "
        + research.get(0).substring(0, 13) + "…");
    check(research.get(0).equals(research.get(2)) && !research.get(0).equals(research.get(1)), "equality kept");
    List<String> other = new ResearchExtract(ring, "research-43").pseudonymize(List.of(anne));
    check(!other.get(0).equals(research.get(0)), "another purpose, another token");
    List<String> rekeyed = new ResearchExtract(ring, "research-43").rekeyFrom(research);
    check(rekeyed.get(0).equals(rekeyed.get(2)), "re-keying keeps equality");

    System.out.println("== 3. FPE of a NIR column");
    NirColumnFpe column = new NirColumnFpe(ring, "lab-export");
    List<String> hidden = column.encrypt(List.of("2 55 08 14 168 025 38", "185057800608491"));
    hidden.forEach(h -> System.out.println(h.length() + " characters, valid NIR: " + NirValidator.strict().isValid(h)));
    check(hidden.stream().noneMatch(Nir::isValid), "marked FPE output is never a valid NIR");
    check(column.decrypt(hidden).equals(List.of(anne, paul)), "FPE round trip");

    System.out.println("== 4. sealing a beneficiary record");
    BeneficiaryVault vault = new BeneficiaryVault(ring, "lab-export");
    BeneficiaryRecord record = BeneficiaryRecord.of(BeneficiaryVault.schema(),
        List.of("255081416802538", "Durand", "Anne", "1955-08-03", "2", "1", "0", "0"));
    BeneficiaryVault.Stored stored = vault.seal(record);
    System.out.println(stored.sealedNames().substring(0, 12) + "… (" + stored.sealedNames().length() + " characters)");
    check(vault.openNames(stored).equals(List.of("Durand", "Anne")), "sealed names open");
    BeneficiaryVault.Stored moved = new BeneficiaryVault.Stored(
        research.get(1), stored.sealedNames(), stored.birthDate(), stored.sex());
    try {
      vault.openNames(moved);
      throw new AssertionError("a sealed cell moved to another row must not open");
    } catch (GeneralSecurityException expected) {
      System.out.println("moved to another row: refused");
    }

    System.out.println("consumer example: OK");
  }

  /**
   * A throwaway key ring. In production the KEK comes from a KMS ({@code Kek.fromKms}) or a secret
   * manager ({@code Kek.fromEnvironment}), and the ring is created once with {@code nir keys}.
   */
  static KeyRing keyRing() throws Exception {
    Kek kek = Kek.insecureEphemeral();
    KeyRing ring = KeyRingManager.empty()
        .add("research-42", KeyKind.TOKEN)
        .add("research-43", KeyKind.TOKEN)
        .add("lab-export", KeyKind.TOKEN, KeyKind.FPE, KeyKind.RECORD)
        .ring();
    Path file = Files.createTempFile("consumer-example", ".ring");
    try {
      ring.write(file, kek);                 // encrypted by the KEK: safe to store beside the data
      return KeyRing.read(file, kek);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("failed: " + what);
    }
  }
}
