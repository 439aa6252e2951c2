package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Javadoc conventions of the published library modules, which doclint cannot check: every
 * public type has a usage example ({@code <pre>}) and {@code @since}, and every package has a
 * {@code package-info.java} with both.
 */
class JavadocConventionsTest {
  static final List<String> MODULES =
      List.of("nir-core", "nir-validate", "nir-testkit", "nir-crypto", "nir-csv");

  private static final Pattern TYPE =
      Pattern.compile(
          "^( *)((?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(class|interface|enum|record|@interface)\\s+(\\w+)");

  @Test
  void everyPublicTypeAndPackageHasAnExampleAndSince() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      assertTrue(Files.isDirectory(root), root.toAbsolutePath().toString());
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.equals("module-info.java")) {
          continue;
        }
        String src = Files.readString(f, StandardCharsets.UTF_8);
        if (name.equals("package-info.java")) {
          check(
              src.substring(0, src.indexOf("\npackage ") + 1),
              module + "/" + root.relativize(f.getParent()),
              missing);
          continue;
        }
        boolean topLevelInterface = false;
        String[] lines = src.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          Matcher m = TYPE.matcher(lines[i]);
          if (!m.find()) {
            continue;
          }
          int indent = m.group(1).length();
          String modifiers = lines[i].substring(indent, m.start(3));
          boolean isPublic =
              modifiers.contains("public")
                  || (indent == 2 && topLevelInterface && !modifiers.contains("private"));
          if (indent == 0) {
            topLevelInterface = m.group(3).equals("interface");
          }
          if (isPublic) {
            check(
                javadocBefore(lines, i),
                module + ": " + root.relativize(f) + " " + m.group(4),
                missing);
          }
        }
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(Files::isDirectory)
            .filter(d -> hasJava(d) && !Files.exists(d.resolve("package-info.java")))
            .filter(d -> !d.equals(root))
            .forEach(
                d -> missing.add(module + "/" + root.relativize(d) + ": no package-info.java"));
      }
    }
    assertTrue(missing.isEmpty(), "Javadoc conventions:\n" + String.join("\n", missing));
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(
          p ->
              p.toString().endsWith(".java")
                  && !p.getFileName().toString().equals("package-info.java"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The Javadoc comment right before line i (skipping annotations), or "". */
  private static String javadocBefore(String[] lines, int i) {
    int j = i - 1;
    while (j >= 0 && lines[j].strip().startsWith("@")) {
      j--;
    }
    if (j < 0 || !lines[j].strip().endsWith("*/")) {
      return "";
    }
    int k = j;
    while (k >= 0 && !lines[k].contains("/**")) {
      k--;
    }
    return k < 0 ? "" : String.join("\n", List.of(lines).subList(k, j + 1));
  }

  private static void check(String javadoc, String what, List<String> missing) {
    if (!javadoc.contains("<pre>")) {
      missing.add(what + ": no usage example (<pre>{@code ...}</pre>)");
    }
    if (!javadoc.contains("@since")) {
      missing.add(what + ": no @since");
    }
  }
}
