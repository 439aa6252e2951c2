package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```sh} block of the README, in order, as a reader would paste them at the root of a
 * fresh clone, through the real launcher: each {@code nir} command must succeed (exit 1 is allowed
 * only for the line commands on {@code examples/nirs.txt}, which holds invalid NIRs on purpose, and
 * for {@code nir scan}, which exits 1 when it finds a NIR); {@code mvn} lines are skipped. Every
 * file the blocks create is ignored by {@code .gitignore}: a cleartext development KEK must not be
 * one {@code git add -A} away from a commit.
 */
class ReadmeShellIT {
  private static final Path LAUNCHER = Path.of("target", "dist", "bin", "nir").toAbsolutePath();
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SH =
      Pattern.compile("^```sh\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  @TempDir Path clone;

  static String script(String readme) {
    StringBuilder s = new StringBuilder("set -e\n");
    // validate, tokenize and fpe exit 1 for the sample's invalid lines, as documented; anything
    // else fails the run
    s.append("nir() { rc=0; sh '")
        .append(LAUNCHER)
        .append("' \"$@\" || rc=$?; ")
        .append("case \"$1:$rc\" in validate:1|tokenize:1|fpe:1|scan:1) return 0;; esac; ")
        .append(
            "[ $rc -eq 0 ] || echo \"README command failed with exit $rc: nir $*\" >&2; return $rc; }\n");
    Matcher m = SH.matcher(readme);
    int block = 0;
    while (m.find()) {
      block++;
      s.append("echo '--- README sh block ").append(block).append("' >&2\n");
      for (String line : m.group(1).split("\n")) {
        s.append(line.strip().startsWith("mvn ") ? "# " + line : line.replace("./nir ", "nir "))
            .append('\n');
      }
    }
    return s.toString();
  }

  @Test
  void everyShellBlockRunsInOrderAndWhatItCreatesIsIgnored()
      throws IOException, InterruptedException {
    copy(ROOT.resolve("examples"), clone.resolve("examples"));
    String script = script(Files.readString(ROOT.resolve("README.md")));
    assertTrue(script.contains("nir protect"), "the README's blocks were found");
    Path err = clone.resolve("..").resolve(clone.getFileName() + ".err");
    Process p =
        new ProcessBuilder("bash", "-c", script)
            .directory(clone.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out");
    String stderr = Files.readString(err);
    Files.delete(err);
    assertEquals(0, p.exitValue(), stderr);
    assertFalse(stderr.contains("README command failed"), stderr);
    assertTrue(Files.exists(clone.resolve("export.revealed.csv")), "the last block ran");

    List<PathMatcher> ignored = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve(".gitignore"))) {
      String g = line.strip();
      if (!g.isEmpty() && !g.startsWith("#") && !g.endsWith("/")) {
        ignored.add(
            FileSystems.getDefault()
                .getPathMatcher("glob:" + (g.startsWith("/") ? g.substring(1) : g)));
      }
    }
    List<String> tracked = new ArrayList<>();
    try (Stream<Path> created = Files.list(clone)) {
      created
          .filter(f -> !f.getFileName().toString().equals("examples"))
          .forEach(
              f -> {
                if (ignored.stream().noneMatch(g -> g.matches(f.getFileName()))) {
                  tracked.add(f.getFileName().toString());
                }
              });
    }
    assertEquals(List.of(), tracked, "files the README creates that .gitignore does not ignore");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }
}
