package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python reference implementation ({@code interop/python}) against this one: its own unit tests
 * (every spec vector, the TEST-ONLY key ring read without Tink), then a join: Java writes seeded
 * NIRs with their keyed and PRP tokens (and a marked FPE value on every 50th row) under the spec's
 * test keys, Python recomputes them all and must find 0 mismatches.
 *
 * <p>Needs {@code python3} with the {@code cryptography} package (Debian: python3-cryptography).
 * Without it the tests are skipped with a message, except under CI ({@code CI} set), where they
 * fail. Rows: {@code -Dnirguard.joinRows=N}; 1,000,000 under CI, 100,000 otherwise.
 */
class PythonInteropTest {
  static final Path PYTHON_DIR = Path.of("..", "interop", "python");
  static final long SEED = 19L;

  @BeforeAll
  static void python() throws Exception {
    String problem = null;
    try {
      Run r =
          run(
              PYTHON_DIR,
              "python3",
              "-c",
              "from cryptography.hazmat.primitives.ciphers.aead import AESSIV");
      if (r.code != 0) {
        problem =
            "python3 has no usable cryptography package (apt-get install python3-cryptography)";
      }
    } catch (IOException e) {
      problem = "no python3 on the PATH";
    }
    if (problem != null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "CI must run the Python reference implementation: " + problem);
      }
      Assumptions.abort("Python interoperability tests skipped: " + problem);
    }
  }

  record Run(int code, String output) {}

  static Run run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("python3 did not finish");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void thePythonTestsPass() throws Exception {
    Run r = run(PYTHON_DIR, "python3", "-m", "unittest", "discover", "-s", "tests", "-t", ".");
    assertEquals(0, r.code, r.output);
    assertTrue(r.output.contains("OK"), r.output);
  }

  @Test
  void javaAndPythonAgreeOnEveryRowOfTheJoin() throws Exception {
    int rows =
        Integer.getInteger("nirguard.joinRows", System.getenv("CI") != null ? 1_000_000 : 100_000);
    String purpose = "research-42";
    KeyRing ring = SpecVectorsTest.ring(true);
    KeyedTokenizer keyed = KeyedTokenizer.create(ring, purpose);
    ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, purpose);
    NirFpe fpe = NirFpe.create(ring, purpose);
    List<Gen<Nir>> gens = new ArrayList<>(List.of(Nirs.valid()));
    for (Nirs.Category c : Nirs.Category.values()) {
      gens.add(Nirs.valid(c));
    }
    SplittableRandom random = new SplittableRandom(SEED);
    Path file = Path.of("target", "interop-join.tsv").toAbsolutePath();
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < rows; i++) {
        Nir nir = gens.get(i % gens.size()).next(random);
        w.write(nir.compact());
        w.write('\t');
        w.write(keyed.tokenize(nir).value());
        w.write('\t');
        w.write(prp.tokenize(nir).value());
        w.write('\t');
        if (i % 50 == 0) {
          w.write(fpe.encrypt(nir));
        }
        w.write('\n');
      }
    }
    long start = System.nanoTime();
    Run r = run(PYTHON_DIR, "python3", "join.py", file.toString());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(0, r.code, r.output);
    assertEquals(
        "rows=" + rows + " fpe_rows=" + ((rows + 49) / 50) + " mismatches=0", r.output.strip());
    System.out.println("Python join: " + rows + " rows, 0 mismatches, " + seconds + " s in Python");
    Files.delete(file);
  }
}
