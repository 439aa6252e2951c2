package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.LabExports;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: {@code nir protect --encrypt} and {@code nir encrypt}, run through the real
 * launcher, are killed with SIGKILL at random points. Afterwards the output path holds nothing or a
 * complete, valid file, and the input is intact. Rounds: {@code nirguard.properties.size / 500} (4
 * by default, 200 with -Pdrill). Kill times are drawn up to 1.2 times the duration of an
 * uninterrupted run of the same command, measured first, so that many kills land while the output
 * is being written (reported as "mid-write": a temporary file was left beside the output). {@code
 * nir encrypt} gets a 64 MB input of its own, or it would finish before any kill, and {@code nir
 * decrypt} (plaintext output) decrypts its envelope.
 *
 * <p>A temporary file left by a kill must be owner-only, and must be gone once the next run has
 * written into the directory (its sweep of dead processes' temporary files); otherwise the drill
 * fails. A SIGTERM ({@code Process.destroy()}) mid-write must leave no temporary file at all (the
 * shutdown hook deletes it).
 */
class CrashDrillIT {
  private static final Path LAUNCHER = Path.of("target", "dist", "bin", "nir");
  @TempDir static Path dir;
  static Path input;
  static byte[] inputDigest;
  static Path bigInput;
  static byte[] bigInputDigest;
  static Path ring;
  static Path kek;
  static Path bigEnvelope;
  static Path protectedCsv;
  static final Path POLICY = Path.of("..", "examples", "lab-export.policy");

  @BeforeAll
  static void setUp() throws Exception {
    input = dir.resolve("export.csv");
    try (Writer w = Files.newBufferedWriter(input)) {
      LabExports.write(w, 150_000, 11, true);
    }
    inputDigest = digest(input);
    bigInput = dir.resolve("big.bin");
    byte[] chunk = new byte[1 << 20];
    SplittableRandom r = new SplittableRandom(11);
    try (java.io.OutputStream o = Files.newOutputStream(bigInput)) {
      for (int i = 0; i < 64; i++) {
        r.nextBytes(chunk);
        o.write(chunk);
      }
    }
    bigInputDigest = digest(bigInput);
    kek = dir.resolve("kek.json");
    ring = dir.resolve("keys.ring");
    run(List.of("keys", "kek", "--out", kek.toString()), 60);
    for (String kind : new String[] {"token", "fpe", "record", "file"}) {
      run(
          List.of(
              "keys",
              "create",
              "--keys",
              ring.toString(),
              "--insecure-kek-file",
              kek.toString(),
              "--purpose",
              "lab-export",
              "--kind",
              kind),
          60);
    }
    bigEnvelope = dir.resolve("big.nge");
    assertEquals(0, run(envelopeArgs("encrypt", bigInput, bigEnvelope), 300));
    protectedCsv = dir.resolve("protected.csv");
    assertEquals(
        0,
        run(
            List.of(
                "protect",
                "--policy",
                POLICY.toString(),
                "--keys",
                ring.toString(),
                "--insecure-kek-file",
                kek.toString(),
                "-q",
                input.toString(),
                protectedCsv.toString()),
            300));
  }

  /**
   * {@code nir encrypt} or {@code nir decrypt} of {@code in} into {@code out}, with the drill's
   * keys.
   */
  static List<String> envelopeArgs(String command, Path in, Path out) {
    return List.of(
        command,
        "--keys",
        ring.toString(),
        "--insecure-kek-file",
        kek.toString(),
        "--purpose",
        "lab-export",
        in.toString(),
        out.toString());
  }

  /** The temporary files beside {@code out}: {@code .<name>.nirguard-<pid>-<random>.tmp}. */
  static List<Path> temporaryFiles(Path out) throws IOException {
    String prefix = "." + out.getFileName() + ".";
    try (Stream<Path> files = Files.list(out.toAbsolutePath().getParent())) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .collect(Collectors.toList());
    }
  }

  static byte[] digest(Path p) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
  }

  static int run(List<String> args, int timeoutSeconds) throws Exception {
    Process p = start(args);
    assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out");
    return p.exitValue();
  }

  static Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static int rounds() {
    return Math.max(4, ForAll.size() / 500);
  }

  @Test
  void killedProtectLeavesNothingOrAWholeFile() throws Exception {
    drill(
        "protect",
        input,
        inputDigest,
        out ->
            List.of(
                "protect",
                "--policy",
                Path.of("..", "examples", "lab-export.policy").toString(),
                "--keys",
                ring.toString(),
                "--insecure-kek-file",
                kek.toString(),
                "--encrypt",
                "-q",
                input.toString(),
                out.toString()),
        byCommand(
            out ->
                List.of(
                    "reveal",
                    "--reason",
                    "test",
                    "--policy",
                    Path.of("..", "examples", "lab-export.policy").toString(),
                    "--keys",
                    ring.toString(),
                    "--insecure-kek-file",
                    kek.toString(),
                    "-q",
                    out.toString(),
                    out + ".check.csv")));
  }

  @Test
  void killedEncryptLeavesNothingOrAWholeFile() throws Exception {
    drill(
        "encrypt",
        bigInput,
        bigInputDigest,
        out ->
            List.of(
                "encrypt",
                "--keys",
                ring.toString(),
                "--insecure-kek-file",
                kek.toString(),
                "--purpose",
                "lab-export",
                bigInput.toString(),
                out.toString()),
        byCommand(
            out ->
                List.of(
                    "decrypt",
                    "--keys",
                    ring.toString(),
                    "--insecure-kek-file",
                    kek.toString(),
                    "--purpose",
                    "lab-export",
                    out.toString(),
                    out + ".check.csv")));
  }

  /** Plaintext output: the temporary file holds cleartext, so it must be owner-only and swept. */
  @Test
  void killedDecryptLeavesNothingOrAWholeFile() throws Exception {
    drill(
        "decrypt",
        bigEnvelope,
        digest(bigEnvelope),
        out -> envelopeArgs("decrypt", bigEnvelope, out),
        out -> java.util.Arrays.equals(bigInputDigest, digest(out)));
  }

  /**
   * SIGTERM (Ctrl-C alike) mid-write through the real launcher: the shutdown hook deletes the
   * temporary file, so nothing but the input is left (or, if the run finished first, a whole file).
   */
  @Test
  void terminatedRunsLeaveNoTemporaryFile() throws Exception {
    Path policy = POLICY;
    java.util.Map<String, Args> commands = new java.util.LinkedHashMap<>();
    commands.put("encrypt", out -> envelopeArgs("encrypt", bigInput, out));
    commands.put("decrypt", out -> envelopeArgs("decrypt", bigEnvelope, out));
    commands.put(
        "protect",
        out ->
            List.of(
                "protect",
                "--policy",
                policy.toString(),
                "--keys",
                ring.toString(),
                "--insecure-kek-file",
                kek.toString(),
                "-q",
                input.toString(),
                out.toString()));
    commands.put(
        "reveal",
        out ->
            List.of(
                "reveal",
                "--reason",
                "test",
                "--policy",
                policy.toString(),
                "--keys",
                ring.toString(),
                "--insecure-kek-file",
                kek.toString(),
                "-q",
                protectedCsv.toString(),
                out.toString()));
    for (java.util.Map.Entry<String, Args> c : commands.entrySet()) {
      boolean midWrite = false;
      for (int attempt = 0; attempt < 5 && !midWrite; attempt++) {
        Path out = dir.resolve(c.getKey() + "-term-" + attempt + ".out");
        Process p = start(c.getValue().of(out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && temporaryFiles(out).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        if (p.isAlive() && !temporaryFiles(out).isEmpty()) {
          midWrite = true;
          p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), c.getKey() + ": exits after SIGTERM");
        assertEquals(
            List.of(), temporaryFiles(out), c.getKey() + ": no temporary file after SIGTERM");
        if (midWrite && Files.exists(out)) {
          midWrite = false; // it finished before the signal: try again
        }
        Files.deleteIfExists(out);
        if (midWrite) {
          assertEquals(143, p.exitValue(), c.getKey() + ": terminated by SIGTERM");
        }
      }
      assertTrue(midWrite, c.getKey() + ": a SIGTERM landed mid-write");
    }
    assertArrayEquals(inputDigest, digest(input), "the input is intact");
  }

  interface Args {
    List<String> of(Path out);
  }

  /** Whether a complete output is valid. */
  interface Check {
    boolean valid(Path out) throws Exception;
  }

  static Check byCommand(Args check) {
    return out -> {
      try {
        return run(check.of(out), 120) == 0;
      } finally {
        Files.deleteIfExists(Path.of(out + ".check.csv"));
      }
    };
  }

  private void drill(String name, Path in, byte[] inDigest, Args command, Check check)
      throws Exception {
    long seed = ForAll.seed(); // the seed of the kill points, printed on failure
    SplittableRandom r = new SplittableRandom(seed);
    // an uninterrupted run first: how long the command takes, and that it succeeds
    Path calibration = dir.resolve(name + "-calibration.nirg");
    long start = System.nanoTime();
    assertEquals(0, run(command.of(calibration), 300), name + ": an uninterrupted run succeeds");
    long millis = (System.nanoTime() - start) / 1_000_000;
    Files.delete(calibration);
    int nothing = 0;
    int complete = 0;
    int midWrite = 0;
    for (int i = 0; i < rounds(); i++) {
      Path out = dir.resolve(name + "-" + i + ".nirg");
      Process p = start(command.of(out));
      long killAfter = 100 + r.nextLong(Math.max(100, millis * 6 / 5));
      boolean finished = p.waitFor(killAfter, TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
        p.waitFor(30, TimeUnit.SECONDS);
      }
      // a temporary file beside the output ('.<name>.nirguard-<pid>-<random>.tmp') means the kill
      // landed mid-write: SIGKILL runs no cleanup. It must be owner-only, and the next run that
      // writes into this directory must sweep it
      List<Path> temporary = temporaryFiles(out);
      if (!temporary.isEmpty()) {
        midWrite++;
        for (Path t : temporary) {
          assertEquals(
              "rw-------",
              PosixFilePermissions.toString(Files.getPosixFilePermissions(t)),
              name
                  + " round "
                  + i
                  + ": a temporary file left by SIGKILL is readable by others (seed "
                  + seed
                  + ")");
        }
        Path next = dir.resolve(name + "-sweep.nge");
        assertEquals(0, run(envelopeArgs("encrypt", kek, next), 60), "the next run succeeds");
        Files.delete(next);
        assertEquals(
            List.of(),
            temporaryFiles(out),
            name
                + " round "
                + i
                + ": a temporary file survived the next run's sweep (seed "
                + seed
                + ")");
      }
      if (Files.exists(out)) {
        assertTrue(
            check.valid(out),
            name
                + " round "
                + i
                + ": the output exists but is not complete and valid (seed "
                + seed
                + ")");
        complete++;
        Files.delete(out);
      } else {
        nothing++;
      }
      assertArrayEquals(inDigest, digest(in), "the input is intact");
    }
    System.out.printf(
        "crash drill, %s: %d SIGKILLs within 1.2 x %d ms (%d mid-write: an owner-only temporary file left, swept by the next run): %d left nothing at the output path, %d a complete valid file, 0 a broken file%n",
        name, rounds(), millis, midWrite, nothing, complete);
  }
}
