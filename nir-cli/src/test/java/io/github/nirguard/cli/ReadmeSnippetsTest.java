package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.validate.NirValidator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.BaseStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of the README is compiled and run: a README that lies fails the
 * build, and the failure names the README line.
 *
 * <p>How a block becomes a program ({@link #program}):
 *
 * <ul>
 *   <li>Every block sees the imports of {@link #IMPORTS} and the prepared variables of {@link
 *       Fixture} (static fields, so a block may declare a local of the same name).
 *   <li>A block that declares a class ({@code class MyTest { ... }}) becomes a member class; its
 *       {@code @Test} methods run, and its {@code @ParameterizedTest} methods run once per value of
 *       their {@code @MethodSource}.
 *   <li>Any other block is the body of a method {@code static void snippet() throws Exception}.
 *   <li>A claim is checked: an expression statement whose comment starts with a value — a string
 *       literal, a number, {@code true}/{@code false}, or a bracketed value such as {@code
 *       Optional[KEY_MISMATCH]}, {@code Mainland[...]} or {@code []} — must evaluate to it ({@code
 *       String.valueOf} of the expression equals the claim; an {@code e.g.} is not a claim).
 *   <li>Each program runs in its own JVM, in a fresh directory holding a copy of the files of
 *       {@code examples/} and a key ring {@code keys.ring} whose KEK is the KMS key behind any
 *       {@code gcp-kms://} URI (a Tink {@link KmsClient} registered by {@link Fixture#prepare}), so
 *       relative paths such as {@code Path.of("examples/lab-export.policy")} resolve as they do for
 *       a reader at the root of a clone.
 * </ul>
 */
public class ReadmeSnippetsTest {
  /** The imports every block gets. */
  static final List<String> IMPORTS =
      List.of(
          "io.github.nirguard.core.*",
          "io.github.nirguard.record.*",
          "io.github.nirguard.validate.*",
          "io.github.nirguard.validate.scan.*",
          "io.github.nirguard.testkit.*",
          "io.github.nirguard.crypto.*",
          "io.github.nirguard.crypto.audit.*",
          "io.github.nirguard.policy.*",
          "io.github.nirguard.protect.*",
          "io.github.nirguard.csv.*",
          "io.github.nirguard.risk.*",
          "java.io.*",
          "java.nio.file.*",
          "java.security.GeneralSecurityException",
          "java.time.*",
          "java.util.*",
          "java.util.stream.*",
          "org.junit.jupiter.api.Test",
          "org.junit.jupiter.params.ParameterizedTest",
          "org.junit.jupiter.params.provider.MethodSource",
          "static org.junit.jupiter.api.Assertions.*");

  /**
   * The README: {@code ../README.md} from nir-cli, or the file named by {@code -Dnirguard.readme}.
   */
  static final Path README = Path.of(System.getProperty("nirguard.readme", "../README.md"));

  @TempDir static Path work;

  static List<Snippet> snippets;
  static Path classes;
  static String classPath;

  /** One {@code ```java} block: its first line's number in the README (1-based) and its lines. */
  record Snippet(int line, List<String> lines) {
    long claims() {
      if (declaresClass()) {
        return 0;
      }
      long n = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (!withClaimChecked(lines.get(i), line + i).equals(lines.get(i))) {
          n++;
        }
      }
      return n;
    }

    String className() {
      return "Snippet_L" + line;
    }

    boolean declaresClass() {
      return lines.stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("@"))
          .findFirst()
          .map(
              l ->
                  l.matches(
                      "(public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s.*"))
          .orElse(false);
    }
  }

  /** The prepared variables every block may use, and what the generated programs inherit. */
  public static class Fixture {
    /** The README's example NIR, female, born in August 1955 in department 14. */
    protected static Nir nir;

    /** Some text typed by a user: the same NIR with its separators. */
    protected static String text;

    /** The birth date and sex recorded beside {@link #nir} (they agree with it). */
    protected static LocalDate birthDate;

    /** The sex recorded beside {@link #nir}. */
    protected static Sex sex;

    /**
     * A key ring with {@code research-42} and {@code research-43} TOKEN keysets and every kind for
     * {@code lab-export}; also written to {@code keys.ring} under the fake KMS key.
     */
    protected static KeyRing ring;

    /** The keyed tokenizer of the next research project ({@code research-43}). */
    protected static KeyedTokenizer nextProject;

    /** The {@code lab-export} keyed token of {@link #nir}: a record's pseudonym. */
    protected static Token token;

    /** The lab export to protect ({@code examples/lab-export.csv}), and where outputs go. */
    protected static Path in;

    /** Where the protected export goes. */
    protected static Path out;

    /** Where the list of rejected rows goes. */
    protected static Path report;

    /** A service under test for the test-kit example: accepts strictly valid NIRs. */
    protected static Service myService;

    /** A system under test. */
    public interface Service {
      /**
       * Whether the service accepts a NIR typed as text.
       *
       * @param text the text
       * @return whether it is accepted
       */
      boolean accepts(String text);
    }

    /** Creates the fixture. */
    protected Fixture() {}

    /**
     * Prepares the variables and the files in the working directory.
     *
     * @throws Exception if it cannot
     */
    public static void prepare() throws Exception {
      nir = Nir.parse("2 55 08 14 168 025 38");
      text = "2 55 08 14 168 025 38";
      birthDate = LocalDate.of(1955, 8, 3);
      sex = Sex.FEMALE;
      ring =
          KeyRingManager.empty()
              .add("research-42", KeyKind.TOKEN)
              .add("research-43", KeyKind.TOKEN)
              .add("lab-export", KeyKind.values())
              .ring();
      nextProject = KeyedTokenizer.create(ring, "research-43");
      token = KeyedTokenizer.create(ring, "lab-export").tokenize(nir);
      in = Path.of("examples/lab-export.csv");
      out = Path.of("export.nirg");
      report = Path.of("rejected.csv");
      myService = t -> NirValidator.strict().isValid(t);

      KmsClients.add(new FakeKms());
      ring.write(Path.of("keys.ring"), Kek.fromKms(FakeKms.PREFIX + "projects/p/cryptoKeys/k"));
    }

    /**
     * Checks a claim made in a README comment.
     *
     * @param readmeLine the README line
     * @param actual the value of the expression
     * @param claimed what the README says it is
     */
    protected static void claim(int readmeLine, Object actual, String claimed) {
      String value = String.valueOf(actual);
      if (!value.equals(claimed)) {
        throw new AssertionError(
            "README.md:"
                + readmeLine
                + ": the README says "
                + claimed
                + " but the value is "
                + value);
      }
      System.out.println("claim ok: README.md:" + readmeLine);
    }

    /**
     * Runs the {@code @Test} and {@code @ParameterizedTest} methods of the member classes of a
     * program generated from a block that declares a class.
     *
     * @param program an instance of the generated program
     * @throws Throwable the first failure
     */
    protected static void runTests(Fixture program) throws Throwable {
      int runs = 0;
      for (Class<?> c : program.getClass().getDeclaredClasses()) {
        Object instance = instantiate(c, program);
        for (Method m : c.getDeclaredMethods()) {
          m.setAccessible(true);
          if (m.isAnnotationPresent(Test.class)) {
            invoke(m, instance);
            runs++;
          } else if (m.isAnnotationPresent(ParameterizedTest.class)) {
            MethodSource source = m.getAnnotation(MethodSource.class);
            if (source == null || source.value().length != 1) {
              throw new AssertionError("only @MethodSource(\"name\") is supported: " + m.getName());
            }
            Method factory = c.getDeclaredMethod(source.value()[0]);
            factory.setAccessible(true);
            Object values =
                factory.invoke(Modifier.isStatic(factory.getModifiers()) ? null : instance);
            Iterator<?> it =
                values instanceof BaseStream<?, ?> s
                    ? s.iterator()
                    : ((Iterable<?>) values).iterator();
            int cases = 0;
            while (it.hasNext()) {
              invoke(m, instance, it.next());
              cases++;
            }
            if (cases == 0) {
              throw new AssertionError("no cases for " + m.getName());
            }
            runs++;
          }
        }
      }
      if (runs == 0) {
        throw new AssertionError("the block declares no @Test or @ParameterizedTest method");
      }
      System.out.println("tests run: " + runs);
    }

    private static Object instantiate(Class<?> c, Fixture outer)
        throws ReflectiveOperationException {
      Constructor<?> k = c.getDeclaredConstructors()[0];
      k.setAccessible(true);
      return Modifier.isStatic(c.getModifiers()) ? k.newInstance() : k.newInstance(outer);
    }

    private static void invoke(Method m, Object instance, Object... args) throws Throwable {
      try {
        m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** A KMS for {@code gcp-kms://} URIs, backed by one in-memory AES-256-GCM key per JVM. */
  static final class FakeKms implements KmsClient {
    static final String PREFIX = "gcp-kms://";
    private static Aead aead;

    @Override
    public boolean doesSupport(String keyUri) {
      return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public synchronized Aead getAead(String keyUri) throws GeneralSecurityException {
      if (aead == null) {
        AeadConfig.register();
        aead =
            KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
      }
      return aead;
    }
  }

  /** Extracts the {@code ```java} blocks of a Markdown text. */
  static List<Snippet> extract(List<String> markdown) {
    List<Snippet> found = new ArrayList<>();
    List<String> current = null;
    int start = 0;
    for (int i = 0; i < markdown.size(); i++) {
      String line = markdown.get(i);
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
        start = i + 2; // the block's first line, 1-based
      } else if (current != null && line.strip().startsWith("```")) {
        found.add(new Snippet(start, current));
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    if (current != null) {
      throw new AssertionError("README.md:" + (start - 1) + ": unclosed ```java block");
    }
    return found;
  }

  /** The number of lines before a block's first line in its program. */
  static final int HEADER = IMPORTS.size() + 5;

  /**
   * The source of the program of a block; the block's line i is the program's line HEADER + i + 1.
   */
  static String program(Snippet s) {
    StringBuilder b = new StringBuilder();
    b.append("package readme;\n\n");
    for (String i : IMPORTS) {
      b.append("import ").append(i).append(";\n");
    }
    b.append("public final class ")
        .append(s.className())
        .append(" extends io.github.nirguard.cli.ReadmeSnippetsTest.Fixture {\n");
    if (s.declaresClass()) {
      b.append(
              "  public static void main(String[] args) throws Throwable { prepare(); runTests(new ")
          .append(s.className())
          .append("()); }\n");
      b.append("  // README.md:").append(s.line()).append("\n");
      for (String line : s.lines()) {
        b.append(line).append('\n');
      }
    } else {
      b.append(
          "  public static void main(String[] args) throws Throwable { prepare(); snippet(); }\n");
      b.append("  static void snippet() throws Exception {\n");
      for (int i = 0; i < s.lines().size(); i++) {
        b.append(withClaimChecked(s.lines().get(i), s.line() + i)).append('\n');
      }
      b.append("  }\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private static final Pattern CLAIM =
      Pattern.compile(
          "^(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|[A-Za-z_]\\w*\\[.*?\\]|\\[.*?\\])(?=\\s|$)");

  /** Rewrites {@code expr; // claim commentary} into {@code claim(line, expr, "claim");}. */
  static String withClaimChecked(String line, int readmeLine) {
    int comment = commentStart(line);
    if (comment < 0) {
      return line;
    }
    String code = line.substring(0, comment).strip();
    String remark = line.substring(comment + 2).strip();
    Matcher m = CLAIM.matcher(remark);
    if (!m.find() || !isExpressionStatement(code)) {
      return line;
    }
    String claim = m.group(1);
    String expected =
        claim.startsWith("\"")
            ? claim
            : '"' + claim.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    String expr = code.substring(0, code.length() - 1);
    return "claim(" + readmeLine + ", " + expr + ", " + expected + ");   // " + remark;
  }

  /** Where a {@code //} comment starts outside string and character literals, or -1. */
  static int commentStart(String line) {
    boolean inString = false;
    boolean inChar = false;
    for (int i = 0; i < line.length() - 1; i++) {
      char c = line.charAt(i);
      if (inString || inChar) {
        if (c == '\\') {
          i++;
        } else if ((inString && c == '"') || (inChar && c == '\'')) {
          inString = false;
          inChar = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '\'') {
        inChar = true;
      } else if (c == '/' && line.charAt(i + 1) == '/') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether code is a method-call expression statement with no assignment, e.g. {@code
   * r.reason();}.
   */
  static boolean isExpressionStatement(String code) {
    if (!code.matches("[A-Za-z_][\\w.]*\\s*\\(.*\\)\\s*;")
        || code.matches("(return|throw|new|assert|if|for|while|switch|var)\\b.*")) {
      return false;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '=' && depth == 0) {
        return false;
      }
    }
    return true;
  }

  @BeforeAll
  static void compileEveryBlock() throws IOException {
    assertTrue(
        Files.isRegularFile(README), "README.md not found from " + Path.of("").toAbsolutePath());
    snippets = extract(Files.readAllLines(README, StandardCharsets.UTF_8));
    classPath = System.getProperty("java.class.path");
    assertTrue(
        classPath.contains("nir-crypto") && classPath.contains("nir-csv"),
        "the test class path should hold every nirguard module: " + classPath);

    Path sources = Files.createDirectories(work.resolve("src/readme"));
    classes = Files.createDirectories(work.resolve("classes"));
    List<Path> files = new ArrayList<>();
    for (Snippet s : snippets) {
      Path f = sources.resolve(s.className() + ".java");
      Files.writeString(f, program(s), StandardCharsets.UTF_8);
      files.add(f);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  fm,
                  diagnostics,
                  List.of(
                      "-classpath",
                      classPath,
                      "-d",
                      classes.toString(),
                      "-encoding",
                      "UTF-8",
                      "-proc:none",
                      "-Xlint:-options",
                      "--release",
                      "17"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files))
              .call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(readmeLocation(d) + ": " + d.getMessage(Locale.ROOT));
        }
      }
      if (!ok || !errors.isEmpty()) {
        fail("README java blocks do not compile:\n" + String.join("\n", errors));
      }
    }
  }

  /** Maps a diagnostic in a generated program back to its README line. */
  static String readmeLocation(Diagnostic<? extends JavaFileObject> d) {
    String name = Path.of(d.getSource().toUri()).getFileName().toString();
    for (Snippet s : snippets) {
      if (name.equals(s.className() + ".java")) {
        long i = d.getLineNumber() - HEADER - 1;
        return i >= 0 && i < s.lines().size()
            ? "README.md:" + (s.line() + i)
            : "README.md:" + s.line() + " (generated line " + d.getLineNumber() + ")";
      }
    }
    return name + ":" + d.getLineNumber();
  }

  @Test
  void theReadmeHasJavaBlocks() {
    assertFalse(snippets.isEmpty());
  }

  @Test
  void claimsAreRecognised() {
    assertEquals(
        "claim(3, r.position(), \"19\");   // 19   — 0-based",
        withClaimChecked("r.position();   // 19   — 0-based", 3));
    assertEquals(
        "claim(3, nir.birthPlace(), \"Mainland[department=14, commune=•••]\");   // Mainland[department=14, commune=•••]",
        withClaimChecked("nir.birthPlace();  // Mainland[department=14, commune=•••]", 3));
    assertEquals(
        "claim(3, x.f(), \"a \\\"b\\\"\");   // \"a \\\"b\\\"\" — x",
        withClaimChecked("x.f();  // \"a \\\"b\\\"\" — x", 3));
    assertEquals(
        "claim(3, CrossCheck.of(a, b), \"[]\");   // [] or e.g. [X]",
        withClaimChecked("CrossCheck.of(a, b);  // [] or e.g. [X]", 3));
    assertEquals(
        "claim(3, x.y(), \"A[b[c], d]\");   // A[b[c], d] — nested",
        withClaimChecked("x.y();  // A[b[c], d] — nested", 3));
    assertEquals(
        "claim(3, nir.toString(), \"Nir[2 •• ••]\");   // \"Nir[2 •• ••]\" — never the full NIR",
        withClaimChecked("nir.toString();   // \"Nir[2 •• ••]\" — never the full NIR", 3));
    assertEquals("x.flags();   // e.g. [A, B]", withClaimChecked("x.flags();   // e.g. [A, B]", 3));
    assertEquals(
        "x.isValid(t);   // allocation-free",
        withClaimChecked("x.isValid(t);   // allocation-free", 3));
    assertEquals(
        "String h = f.encrypt(n);   // 15 characters",
        withClaimChecked("String h = f.encrypt(n);   // 15 characters", 3));
    assertEquals(
        "Kek k = Kek.fromKms(\"gcp-kms://p\");",
        withClaimChecked("Kek k = Kek.fromKms(\"gcp-kms://p\");", 3));
  }

  @TestFactory
  Stream<DynamicTest> everyBlockRuns() {
    return snippets.stream()
        .map(s -> DynamicTest.dynamicTest("README.md:" + s.line(), () -> run(s)));
  }

  private static void run(Snippet s) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve("run-" + s.line()));
    Path examples = Files.createDirectories(dir.resolve("examples"));
    try (Stream<Path> files = Files.list(README.resolveSibling("examples"))) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f -> {
                try {
                  Files.copy(f, examples.resolve(f.getFileName()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                launcher.toString(),
                "-Dfile.encoding=UTF-8",
                "-cp",
                classes + File.pathSeparator + classPath,
                "readme." + s.className())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("README.md:" + s.line() + ": the block did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      fail("README.md:" + s.line() + ": the block failed when run:\n" + toReadmeLines(s, output));
    }
    assertEquals(
        s.claims(),
        output.lines().filter(l -> l.startsWith("claim ok: ")).count(),
        "README.md:" + s.line() + ": every claim should have been checked:\n" + output);
  }

  /** Replaces {@code Snippet_L59.java:80} in a stack trace by the README line. */
  private static String toReadmeLines(Snippet s, String output) {
    Matcher m = Pattern.compile(Pattern.quote(s.className() + ".java:") + "(\\d+)").matcher(output);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      long i = Long.parseLong(m.group(1)) - HEADER - 1;
      String where = i >= 0 && i < s.lines().size() ? "README.md:" + (s.line() + i) : m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(where));
    }
    m.appendTail(b);
    return b.toString();
  }
}
