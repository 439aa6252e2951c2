package io.github.nirguard.examples.modulepath;

import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.testkit.Nirs;
import io.github.nirguard.validate.NirValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prints how each module was resolved, then uses every nirguard module. run.sh checks the output. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // every module resolved from the module path, and whether it is named or automatic
    ModuleLayer.boot().modules().stream()
        .filter(m -> !m.getName().startsWith("java.") && !m.getName().startsWith("jdk."))
        .map(m -> "module " + m.getName() + ": " + (m.getDescriptor().isAutomatic() ? "automatic" : "named"))
        .sorted()
        .forEach(System.out::println);

    Nir nir = Nir.parse("2 55 08 14 168 025 38");
    System.out.println("core: " + nir);
    System.out.println("validate: " + NirValidator.strict().validate("1 85 05 78 006 084 36").reason().orElseThrow());
    Nir demo = Nirs.neverReal().sample(1L, 1).get(0);
    System.out.println("testkit: never-real passes checksum only: "
        + (NirProfile.CHECKSUM_ONLY.test(demo.compact()) && !NirProfile.STRICT.test(demo.compact())));

    Path dir = Files.createTempDirectory("module-path");
    Path kekFile = dir.resolve("dev-kek.json");
    Path ringFile = dir.resolve("keys.ring");
    try {
      // a JSON keyset file: Tink reads it with Gson (see run.sh for --add-modules com.google.gson)
      Kek.insecureCreateCleartextFile(kekFile);
      Kek kek = Kek.insecureFromCleartextFile(kekFile);
      // five keysets, one version each: the ring is at version 5
      KeyRingManager.empty()
          .add("mp", KeyKind.TOKEN, KeyKind.PRP_TOKEN, KeyKind.SIV_TOKEN, KeyKind.FPE, KeyKind.RECORD)
          .ring()
          .write(ringFile, kek);
      KeyRing ring = KeyRing.read(ringFile, kek);
      System.out.println("crypto: key ring written and read back: " + ring);

      System.out.println("crypto: keyed token scheme " + KeyedTokenizer.create(ring, "mp").tokenize(nir).scheme());
      ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, "mp");
      ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, "mp");
      System.out.println("crypto: PRP and SIV round trips: "
          + (prp.reveal(prp.tokenize(nir)).equals(nir) && siv.reveal(siv.tokenize(nir)).equals(nir)));
      NirFpe fpe = NirFpe.create(ring, "mp");
      String hidden = fpe.encrypt(nir);
      System.out.println("crypto: FPE round trip: " + fpe.decrypt(hidden).equals(nir)
          + ", output is a valid NIR: " + Nir.isValid(hidden));
      RecordSealer sealer = RecordSealer.create(ring, "mp");
      String cell = sealer.seal("row-1", List.of("last_name"), List.of("Durand"));
      System.out.println("crypto: sealed and opened: " + sealer.open("row-1", List.of("last_name"), cell));
    } finally {
      Files.deleteIfExists(kekFile);
      Files.deleteIfExists(ringFile);
      Files.delete(dir);
    }
    System.out.println("module path: OK");
  }
}
