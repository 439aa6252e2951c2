package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs the real distribution launcher ({@code target/dist/bin/nir}) as a user would. */
class NirLauncherIT {
  private static final Path LAUNCHER = Path.of("target", "dist", "bin", "nir");
  private static final Path EXAMPLES = Path.of("..", "examples");

  record Result(int code, String out, String err) {}

  static Result nir(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path out = Files.createTempFile("nir-out", ".txt");
    Path err = Files.createTempFile("nir-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** Runs a copy of the distribution's launcher (in a directory of its own) with no input. */
  static Result run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void theClassDataArchiveIsUsedWhenItFitsAndIgnoredSilentlyWhenNot(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path archive = LAUNCHER.getParent().getParent().resolve("lib").resolve("nir.jsa");
    assertTrue(Files.isRegularFile(archive), "the build makes " + archive);
    Result fits = nir("", "--version");
    assertEquals(ExitCodes.OK, fits.code(), fits.err());
    assertEquals("", fits.err());
    // a moved distribution (the archive names the old path), then no archive, then garbage
    Path copy = dir.resolve("dist");
    for (String sub : List.of("bin", "lib")) {
      Files.createDirectories(copy.resolve(sub));
      try (var files = Files.list(LAUNCHER.getParent().getParent().resolve(sub))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, copy.resolve(sub).resolve(f.getFileName().toString()));
        }
      }
    }
    Path copied = copy.resolve("lib").resolve("nir.jsa");
    for (String state : List.of("moved", "missing", "garbage")) {
      if (state.equals("missing")) {
        Files.delete(copied);
      } else if (state.equals("garbage")) {
        Files.writeString(copied, "not an archive");
      }
      Result r = run(copy.resolve("bin").resolve("nir"), "--version");
      assertEquals(ExitCodes.OK, r.code(), state + ": " + r.err());
      assertEquals(fits.out(), r.out(), state);
      assertEquals("", r.err(), state);
    }
  }

  @Test
  void validatesTheBundledExampleExactlyAsExpected() throws Exception {
    Result r = nir("", "validate", "--format", "csv", EXAMPLES.resolve("nirs.txt").toString());
    assertEquals(ExitCodes.INVALID, r.code());
    assertEquals(Files.readString(EXAMPLES.resolve("nirs.expected.csv")), r.out());
  }

  @Test
  void readsStandardInputAndExitsZeroWhenAllValid() throws Exception {
    Result r = nir("2 55 08 14 168 025 38\n255082A16802597\n", "validate", "--format", "csv", "-");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertEquals("line,status,reason\n1,valid,\n2,valid,\n", r.out());
  }

  @Test
  void scanReadsStandardInputAndExitsOneWhenItFindsANir() throws Exception {
    Result r =
        nir("Patient 2 55 08 14 168 025 38\ntél. 06 12 34 56 78\n", "scan", "--format", "csv", "-");
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertEquals("line,column,kind\n1,9,KEY_VALID\n", r.out());
    Result none = nir("tél. 06 12 34 56 78\n", "scan", "-");
    assertEquals(ExitCodes.OK, none.code(), none.err());
    assertEquals("", none.out());
  }

  @Test
  void measuresTheRiskOfAProtectedExport(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String kek = dir.resolve("kek.json").toString();
    String ring = dir.resolve("keys.ring").toString();
    assertEquals(0, nir("", "keys", "kek", "--out", kek).code());
    for (String kind : List.of("token", "fpe", "record")) {
      Result k =
          nir(
              "",
              "keys",
              "create",
              "--keys",
              ring,
              "--insecure-kek-file",
              kek,
              "--purpose",
              "lab-export",
              "--kind",
              kind);
      assertEquals(0, k.code(), k.err());
    }
    String policy = EXAMPLES.resolve("lab-export.policy").toString();
    String safe = dir.resolve("safe.csv").toString();
    Result p =
        nir(
            "",
            "protect",
            "-q",
            "--policy",
            policy,
            "--keys",
            ring,
            "--insecure-kek-file",
            kek,
            EXAMPLES.resolve("lab-export.csv").toString(),
            safe);
    assertEquals(0, p.code(), p.err());
    Result r = nir("", "risk", "--policy", policy, "--format", "json", safe);
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("{\"rows\":1000,\"people\":1000,"), r.out());
    assertTrue(r.out().contains("\"person\":\"nir_token\""), r.out());
  }

  @Test
  void usageErrorsGoToStderrWithCode2() throws Exception {
    Result r = nir("", "validate", "--format", "yaml");
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("--format"), r.err());
  }

  @Test
  void aFullDiskOnStandardOutputHasCode4AndItsCause() throws Exception {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh", LAUNCHER.toString(), "validate", EXAMPLES.resolve("nirs.txt").toString());
    Path err = Files.createTempFile("nir-err", ".txt");
    pb.redirectOutput(full.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    String stderr = Files.readString(err);
    Files.delete(err);
    assertEquals(ExitCodes.UNWRITABLE, p.exitValue(), stderr);
    assertTrue(
        stderr.contains("nir validate: cannot write standard output (no space left on device)"),
        stderr);

    // commands that do not check their own output (help) are caught once they return
    Process help =
        new ProcessBuilder("sh", LAUNCHER.toString(), "--help")
            .redirectOutput(full.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(help.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    String helpErr = Files.readString(err);
    Files.delete(err);
    assertEquals(ExitCodes.UNWRITABLE, help.exitValue(), helpErr);
    assertEquals("nir: cannot write standard output (no space left on device)\n", helpErr);
  }

  @Test
  void unreadableInputHasCode3() throws Exception {
    Result r = nir("", "validate", "does-not-exist.txt");
    assertEquals(ExitCodes.UNREADABLE, r.code());
  }

  @Test
  void concurrentKeysCreateOnOneRingLoseNoKeyset() throws Exception {
    Path dir = Files.createTempDirectory("nir-keys-race");
    Path kek = dir.resolve("kek.json");
    Path ring = dir.resolve("keys.ring");
    assertEquals(ExitCodes.OK, nir("", "keys", "kek", "--out", kek.toString()).code());
    List<Process> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "sh",
                  LAUNCHER.toString(),
                  "keys",
                  "create",
                  "--keys",
                  ring.toString(),
                  "--insecure-kek-file",
                  kek.toString(),
                  "--purpose",
                  "purpose-" + i,
                  "--kind",
                  "token"));
      all.add(
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start());
    }
    for (Process p : all) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
      assertEquals(ExitCodes.OK, p.exitValue());
    }
    Result list =
        nir("", "keys", "list", "--keys", ring.toString(), "--insecure-kek-file", kek.toString());
    assertEquals(ExitCodes.OK, list.code(), list.err());
    for (int i = 0; i < 4; i++) {
      assertTrue(
          list.out().contains("purpose-" + i + "\ttoken"),
          "every concurrent create kept: purpose-" + i + "\n" + list.out());
    }
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(dir);
  }

  @Test
  void revealsAreAuditedThroughTheLauncher(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String kek = dir.resolve("kek.json").toString();
    String ring = dir.resolve("keys.ring").toString();
    assertEquals(0, nir("", "keys", "kek", "--out", kek).code());
    Result created =
        nir(
            "",
            "keys",
            "create",
            "--keys",
            ring,
            "--insecure-kek-file",
            kek,
            "--purpose",
            "lab-export",
            "--kind",
            "prp-token");
    assertEquals(ExitCodes.OK, created.code(), created.err());
    Result tokens =
        nir(
            "2 55 08 14 168 025 38\n",
            "tokenize",
            "--scheme",
            "prp",
            "--keys",
            ring,
            "--insecure-kek-file",
            kek,
            "--purpose",
            "lab-export",
            "-");
    List<String> detokenize =
        List.of(
            "detokenize",
            "--keys",
            ring,
            "--insecure-kek-file",
            kek,
            "--purpose",
            "lab-export",
            "-");
    Result refused = nir(tokens.out(), detokenize.toArray(new String[0]));
    assertEquals(ExitCodes.USAGE, refused.code(), refused.err());
    assertEquals("", refused.out(), "no reason, no NIR");
    // two processes at once append to the same log
    List<Process> all = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
      cmd.addAll(detokenize);
      cmd.addAll(List.of("--reason", "ticket " + i, "--actor", "it-" + i));
      Process p =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(dir.resolve("out" + i + ".txt").toFile())
              .start();
      p.getOutputStream().write(tokens.out().getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      all.add(p);
    }
    for (int i = 0; i < 2; i++) {
      assertTrue(all.get(i).waitFor(120, TimeUnit.SECONDS), "timed out");
      assertEquals(ExitCodes.OK, all.get(i).exitValue());
      assertEquals("255081416802538\n", Files.readString(dir.resolve("out" + i + ".txt")));
    }
    String log = ring + ".audit";
    Result v = nir("", "audit", "verify", log);
    assertEquals(ExitCodes.OK, v.code(), v.err());
    assertTrue(v.out().startsWith("intact: 3 records, head 3:"), v.out());
    String text = Files.readString(Path.of(log));
    assertTrue(text.contains("\tdetokenize\tlab-export\t-\t1\tit-0\tticket 0\t"), text);
    assertTrue(text.contains("\tdetokenize\tlab-export\t-\t1\tit-1\tticket 1\t"), text);
    assertTrue(!text.contains("255081416802538") && !text.contains("np1."), "no value");
    Files.writeString(Path.of(log), text.replace("ticket 0", "ticket 9"));
    Result tampered = nir("", "audit", "verify", log);
    assertEquals(ExitCodes.CRYPTO, tampered.code());
    assertTrue(tampered.err().contains("HASH"), tampered.err());
  }
}
