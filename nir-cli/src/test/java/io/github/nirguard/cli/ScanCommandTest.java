package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Nir;
import io.github.nirguard.testkit.Nirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nir scan}: positions and kinds, never values; exit codes; the redacted copy. The NIRs are
 * generated per run and never printed.
 */
class ScanCommandTest {
  @TempDir Path dir;

  private Nir first;
  private Nir second;
  private Path notes;

  @BeforeEach
  void notes() throws IOException {
    List<Nir> nirs = Nirs.valid().sample(System.nanoTime(), 2);
    first = nirs.get(0);
    second = nirs.get(1);
    notes =
        write(
            "notes.txt",
            "Compte rendu du 12/03/2024.\n"
                + "Patient "
                + first.display()
                + ", tél. 06 12 34 56 78.\n"
                + "\n"
                + "  NIR : "
                + second.compact()
                + "\n"
                + "IBAN FR76 3000 6000 0112 3456 7890 189\n");
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private void assertNoNir(String output) {
    for (Nir nir : List.of(first, second)) {
      assertFalse(output.contains(nir.compact()), "no NIR in the output");
      assertFalse(output.contains(nir.display()), "no NIR in the output");
      assertFalse(output.contains(nir.body()), "no body in the output");
    }
  }

  @Test
  void textReportsLineColumnAndKindAndExitsOne() {
    CliRun.Result r = CliRun.run("scan", notes.toString());
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertEquals("2:9 KEY_VALID\n4:9 KEY_VALID\n", r.out());
    assertEquals("nir scan: 2 NIR(s) found\n", r.err());
    assertNoNir(r.out() + r.err());
  }

  @Test
  void csvAndJson() {
    CliRun.Result csv = CliRun.run("scan", "--format", "csv", notes.toString());
    assertEquals("line,column,kind\n2,9,KEY_VALID\n4,9,KEY_VALID\n", csv.out());
    assertEquals("", csv.err());
    CliRun.Result json = CliRun.run("scan", "--format", "json", notes.toString());
    assertEquals(
        "[\n  {\"line\":2,\"column\":9,\"kind\":\"KEY_VALID\"},\n"
            + "  {\"line\":4,\"column\":9,\"kind\":\"KEY_VALID\"}\n]\n",
        json.out());
  }

  @Test
  void noNirExitsZero() throws IOException {
    Path clean =
        write("clean.txt", "Tél. 06 12 34 56 78, SIRET 362 521 879 00034, le 12/03/2024.\n");
    CliRun.Result r = CliRun.run("scan", "--format", "json", clean.toString());
    assertEquals(ExitCodes.OK, r.code());
    assertEquals("[]\n", r.out());
  }

  @Test
  void neverRealOnlyWhenAsked() throws IOException {
    Nir demo = Nirs.neverReal().sample(7L, 1).get(0);
    Path p = write("demo.txt", "NIR " + demo.display() + "\n");
    assertEquals(ExitCodes.OK, CliRun.run("scan", p.toString()).code());
    CliRun.Result r = CliRun.run("scan", "--never-real", p.toString());
    assertEquals(ExitCodes.INVALID, r.code());
    assertEquals("1:5 NEVER_REAL\n", r.out());
  }

  @Test
  void unreadableInputsExitThree() throws IOException {
    assertEquals(
        ExitCodes.UNREADABLE, CliRun.run("scan", dir.resolve("missing.txt").toString()).code());
    assertEquals(ExitCodes.UNREADABLE, CliRun.run("scan", dir.toString()).code());
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, new byte[] {'N', 'I', 'R', ' ', (byte) 0xE9, '\n'});
    CliRun.Result r = CliRun.run("scan", latin1.toString());
    assertEquals(ExitCodes.UNREADABLE, r.code());
    assertEquals("nir scan: " + latin1 + ": input is not valid UTF-8\n", r.err());
  }

  @Test
  void redactWritesACopyWithEachNirReplacedByItsKeyedToken() throws IOException {
    CliRun.Keys keys = CliRun.createKeys(dir, "research-42", "token");
    Path out = dir.resolve("notes.safe.txt");
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "scan",
                "--redact",
                "--purpose",
                "research-42",
                "--out",
                out.toString(),
                notes.toString()));
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertEquals("2:9 KEY_VALID\n4:9 KEY_VALID\n", r.out());
    String redacted = Files.readString(out);
    assertNoNir(redacted);
    Path two = write("two.txt", first.compact() + "\n" + second.compact() + "\n");
    String[] tokens =
        CliRun.run(keys.after("tokenize", "--purpose", "research-42", two.toString()))
            .out()
            .split("\n");
    String original = Files.readString(notes);
    String expected =
        original.replace(first.display(), tokens[0]).replace(second.compact(), tokens[1]);
    assertEquals(expected, redacted);
    assertEquals(0, CliRun.run("scan", out.toString()).code(), "the copy has no NIR left");

    // the copy is never overwritten, '-' is refused, the token keyset must exist
    assertEquals(
        ExitCodes.UNWRITABLE,
        CliRun.run(
                keys.after(
                    "scan",
                    "--redact",
                    "--purpose",
                    "research-42",
                    "--out",
                    out.toString(),
                    notes.toString()))
            .code());
    assertEquals(
        ExitCodes.USAGE,
        CliRun.run(
                keys.after(
                    "scan", "--redact", "--purpose", "research-42", "--out", "-", notes.toString()))
            .code());
    CliRun.Result none =
        CliRun.run(
            keys.after(
                "scan",
                "--redact",
                "--purpose",
                "other",
                "--out",
                dir.resolve("x.txt").toString(),
                notes.toString()));
    assertEquals(ExitCodes.CRYPTO, none.code());
    assertFalse(Files.exists(dir.resolve("x.txt")));
    assertTrue(none.err().startsWith("nir scan: --keys "), none.err());
  }

  @Test
  void redactNeedsItsOptionsTogether() {
    CliRun.Result r = CliRun.run("scan", "--redact", notes.toString());
    assertEquals(ExitCodes.USAGE, r.code());
  }
}
