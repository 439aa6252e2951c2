package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: each failure exits with its documented code and names the argument and the cause. */
class ExitCodesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String POLICY = EXAMPLES.resolve("lab-export.policy").toString();
  static final String EXPORT = EXAMPLES.resolve("lab-export.csv").toString();

  @TempDir Path dir;
  CliRun.Keys keys;

  @BeforeEach
  void keys() {
    keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record", "file");
  }

  private CliRun.Result protect(String in, String out) {
    return CliRun.run(keys.after("protect", "--policy", POLICY, "--quiet", in, out));
  }

  private static void assertNoTemporaryName(CliRun.Result r) {
    assertFalse(r.err().contains(".tmp"), r.err());
    assertFalse(r.err().contains("nirguard-"), r.err());
  }

  @Test
  void aDirectoryAsInputIsUnreadableNamedWithItsCause() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    CliRun.Result p = protect(sub.toString(), dir.resolve("o.csv").toString());
    assertEquals(ExitCodes.UNREADABLE, p.code(), p.err());
    assertEquals("nir protect: " + sub + ": cannot read (is a directory)\n", p.err());
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "reveal",
                "--reason",
                "test",
                "--policy",
                POLICY,
                sub.toString(),
                dir.resolve("r.csv").toString()));
    assertEquals(ExitCodes.UNREADABLE, r.code(), r.err());
    assertEquals("nir reveal: " + sub + ": cannot read (is a directory)\n", r.err());
    CliRun.Result e =
        CliRun.run(
            keys.after(
                "encrypt",
                "--purpose",
                "lab-export",
                sub.toString(),
                dir.resolve("e.nirg").toString()));
    assertEquals(ExitCodes.UNREADABLE, e.code(), e.err());
    assertEquals("nir encrypt: " + sub + ": cannot read (is a directory)\n", e.err());
    assertFalse(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void anUnreadableInputIsUnreadableNamedWithItsCause() throws IOException {
    Path in = dir.resolve("locked.csv");
    Files.copy(Path.of(EXPORT), in);
    Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(in), "running as a user who reads any file (root)");
    CliRun.Result p = protect(in.toString(), dir.resolve("o.csv").toString());
    assertEquals(ExitCodes.UNREADABLE, p.code(), p.err());
    assertEquals("nir protect: " + in + ": cannot read (permission denied)\n", p.err());
    CliRun.Result v = CliRun.run("validate", in.toString());
    assertEquals(ExitCodes.UNREADABLE, v.code(), v.err());
    assertEquals("nir validate: " + in + ": cannot read (permission denied)\n", v.err());
  }

  @Test
  void aMalformedKeyRingIsAKeyFailureWithItsReason() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(keys.ring()));
    lines.add(2, "lab-export token");
    Files.write(keys.ring(), lines, StandardCharsets.UTF_8);
    String reason = "--keys " + keys.ring() + ": malformed key ring line 3\n";
    CliRun.Result p = protect(EXPORT, dir.resolve("o.csv").toString());
    assertEquals(ExitCodes.CRYPTO, p.code(), p.err());
    assertEquals("nir protect: " + reason, p.err());
    CliRun.Result t =
        CliRun.run(
            keys.after(
                "tokenize", "--purpose", "lab-export", EXAMPLES.resolve("nirs.txt").toString()));
    assertEquals(ExitCodes.CRYPTO, t.code(), t.err());
    assertEquals("nir tokenize: " + reason, t.err());
    CliRun.Result e =
        CliRun.run(
            keys.after(
                "encrypt", "--purpose", "lab-export", EXPORT, dir.resolve("e.nirg").toString()));
    assertEquals(ExitCodes.CRYPTO, e.code(), e.err());
    assertEquals("nir encrypt: " + reason, e.err());
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "reveal",
                "--reason",
                "test",
                "--policy",
                POLICY,
                EXPORT,
                dir.resolve("r.csv").toString()));
    assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
    assertEquals("nir reveal: " + reason, r.err());
  }

  @Test
  void anUnreadableKeyRingIsUnreadable() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("ring.d"));
    CliRun.Result p =
        CliRun.run(
            "protect",
            "--policy",
            POLICY,
            "--keys",
            sub.toString(),
            "--insecure-kek-file",
            keys.kek().toString(),
            EXPORT,
            dir.resolve("o.csv").toString());
    assertEquals(ExitCodes.UNREADABLE, p.code(), p.err());
    assertEquals("nir protect: --keys " + sub + ": cannot read (is a directory)\n", p.err());
  }

  @Test
  void aMissingOutputDirectoryIsUnwritableNamedWithoutTemporaryFile() {
    Path nowhere = dir.resolve("no-such-dir");
    CliRun.Result p = protect(EXPORT, nowhere.resolve("o.csv").toString());
    assertEquals(ExitCodes.UNWRITABLE, p.code(), p.err());
    assertEquals(
        "nir protect: "
            + nowhere.resolve("o.csv")
            + ": cannot write (output directory does not exist: "
            + nowhere
            + ")\n",
        p.err());
    assertNoTemporaryName(p);
    CliRun.Result rep =
        CliRun.run(
            keys.after(
                "protect",
                "--policy",
                POLICY,
                "--report",
                nowhere.resolve("rej.csv").toString(),
                EXPORT,
                dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.UNWRITABLE, rep.code(), rep.err());
    assertEquals(
        "nir protect: "
            + nowhere.resolve("rej.csv")
            + ": cannot write (output directory does not exist: "
            + nowhere
            + ")\n",
        rep.err());
    CliRun.Result e =
        CliRun.run(
            keys.after(
                "encrypt",
                "--purpose",
                "lab-export",
                EXPORT,
                nowhere.resolve("e.nirg").toString()));
    assertEquals(ExitCodes.UNWRITABLE, e.code(), e.err());
    assertEquals(
        "nir encrypt: "
            + nowhere.resolve("e.nirg")
            + ": cannot write (output directory does not exist: "
            + nowhere
            + ")\n",
        e.err());
    assertFalse(Files.exists(nowhere));
  }

  @Test
  void aPolicyWhosePurposeHasNoKeysIsAKeyFailureNamingPolicyAndPurpose() throws IOException {
    Path policy = dir.resolve("other.policy");
    Files.writeString(
        policy,
        Files.readString(Path.of(POLICY)).replace("purpose lab-export", "purpose other-purpose"));
    CliRun.Result p =
        CliRun.run(
            keys.after(
                "protect", "--policy", policy.toString(), EXPORT, dir.resolve("o.csv").toString()));
    assertEquals(ExitCodes.CRYPTO, p.code(), p.err());
    assertTrue(p.err().contains("purpose 'other-purpose'"), p.err());
    assertTrue(p.err().contains("--policy " + policy), p.err());
    assertTrue(p.err().contains("--keys " + keys.ring()), p.err());
    assertFalse(p.err().contains("line 1"), p.err());
    CliRun.Result r =
        CliRun.run(
            keys.after(
                "reveal",
                "--reason",
                "test",
                "--policy",
                policy.toString(),
                EXPORT,
                dir.resolve("r.csv").toString()));
    assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
    assertTrue(r.err().contains("purpose 'other-purpose'"), r.err());
    assertFalse(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void anEnvelopeWithoutFileKeysIsAKeyFailure() throws IOException {
    CliRun.Keys noFile =
        CliRun.createKeys(
            Files.createDirectory(dir.resolve("k2")), "lab-export", "token", "fpe", "record");
    CliRun.Result p =
        CliRun.run(
            noFile.after(
                "protect",
                "--policy",
                POLICY,
                "--encrypt",
                EXPORT,
                dir.resolve("o.nirg").toString()));
    assertEquals(ExitCodes.CRYPTO, p.code(), p.err());
    assertTrue(p.err().contains("no keyset of kind file for purpose 'lab-export'"), p.err());
  }

  @Test
  void aFullDiskNamesTheOutputAndTheCause() {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("o.csv");
    int code =
        Errors.fileCommand(
            new IOException("No space left on device"),
            "nir protect",
            Path.of(POLICY),
            Path.of(EXPORT),
            out,
            new PrintWriter(err, true));
    assertEquals(ExitCodes.UNWRITABLE, code);
    assertEquals(
        "nir protect: " + out + ": cannot write (no space left on device)\n", err.toString());
  }

  @Test
  void causesAreNamedByTypeOrByTheSystemsReasonNeverEchoed() {
    assertEquals(
        "no space left on device", Errors.cause(new IOException("No space left on device")));
    assertEquals("is a directory", Errors.cause(new IOException("Is a directory")));
    assertEquals(
        "permission denied", Errors.cause(new java.nio.file.AccessDeniedException("/x/.tmp-123")));
    assertEquals(
        "read-only file system",
        Errors.cause(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
    assertEquals("IOException", Errors.cause(new IOException("255081416802538")));
  }
}
