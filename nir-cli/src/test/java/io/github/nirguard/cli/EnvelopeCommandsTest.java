package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.FileEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCommandsTest {
  @TempDir Path dir;
  Path kek;
  Path ring;
  Path csv;

  /** A marker that must never appear on stdout or stderr. */
  static final String SECRET = "255081416802538";

  static final String CONTENT = "nir,name\n" + SECRET + ",Jeanne Martin\n";

  CliRun.Result nir(String... args) {
    return CliRun.run(args);
  }

  String[] keys(String... rest) {
    return new CliRun.Keys(kek, ring).after(rest);
  }

  CliRun.Result encrypt(String... args) {
    return nir(keys(concat(new String[] {"encrypt", "--purpose", "lab-export"}, args)));
  }

  CliRun.Result decrypt(String... args) {
    return nir(keys(concat(new String[] {"decrypt", "--purpose", "lab-export"}, args)));
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static void assertNoContent(CliRun.Result r) {
    assertFalse(r.out().contains(SECRET), r.out());
    assertFalse(r.err().contains(SECRET), r.err());
    assertFalse(r.err().contains("Jeanne"), r.err());
  }

  List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    kek = dir.resolve("kek.json");
    ring = dir.resolve("keys.ring");
    csv = dir.resolve("export.csv");
    Files.writeString(csv, CONTENT);
    assertEquals(0, nir("keys", "kek", "--out", kek.toString()).code());
    assertEquals(
        0, nir(keys("keys", "create", "--purpose", "lab-export", "--kind", "file")).code());
    assertEquals(0, nir(keys("keys", "create", "--purpose", "lab-audit", "--kind", "file")).code());
    assertEquals(
        0, nir(keys("keys", "create", "--purpose", "research-42", "--kind", "token")).code());
  }

  @Test
  void roundTripWithTheContentTypeFromTheExtension() throws IOException {
    Path env = dir.resolve("export.csv.nge");
    CliRun.Result enc = encrypt(csv.toString(), env.toString());
    assertEquals(ExitCodes.OK, enc.code(), enc.err());
    assertEquals("", enc.out(), "stdout is for data only");
    assertEquals("nir encrypt: encrypted " + csv + " -> " + env + "\n", enc.err());
    assertFalse(new String(Files.readAllBytes(env), StandardCharsets.ISO_8859_1).contains(SECRET));
    assertEquals("text/csv", FileEnvelope.readHeader(env).orElseThrow().contentType());
    Path back = dir.resolve("back.csv");
    CliRun.Result dec = decrypt(env.toString(), back.toString());
    assertEquals(ExitCodes.OK, dec.code(), dec.err());
    assertEquals(CONTENT, Files.readString(back));
    assertEquals("", dec.out(), "stdout is for data only");
    assertEquals("nir decrypt: decrypted " + env + " -> " + back + "\n", dec.err());
    assertNoContent(enc);
    assertNoContent(dec);
    Path other = dir.resolve("data.bin");
    Files.writeString(other, CONTENT);
    assertEquals(
        ExitCodes.OK,
        encrypt(
                "--content-type",
                "text/csv; charset=utf-8",
                other.toString(),
                dir.resolve("a.nge").toString())
            .code());
    assertEquals(
        "text/csv; charset=utf-8",
        FileEnvelope.readHeader(dir.resolve("a.nge")).orElseThrow().contentType());
    assertEquals(ExitCodes.OK, encrypt(other.toString(), dir.resolve("b.nge").toString()).code());
    assertEquals(
        "application/octet-stream",
        FileEnvelope.readHeader(dir.resolve("b.nge")).orElseThrow().contentType());
  }

  @Test
  void survivesRotation() throws IOException {
    Path env = dir.resolve("export.csv.nge");
    assertEquals(ExitCodes.OK, encrypt(csv.toString(), env.toString()).code());
    assertEquals(
        0, nir(keys("keys", "rotate", "--purpose", "lab-export", "--kind", "file")).code());
    Path back = dir.resolve("back.csv");
    assertEquals(ExitCodes.OK, decrypt(env.toString(), back.toString()).code());
    assertEquals(CONTENT, Files.readString(back));
  }

  @Test
  void alteredEnvelopesAreRefusedAndLeaveNothing() throws IOException {
    Path env = dir.resolve("export.csv.nge");
    assertEquals(ExitCodes.OK, encrypt(csv.toString(), env.toString()).code());
    byte[] good = Files.readAllBytes(env);
    Path back = dir.resolve("back.csv");
    byte[][] altered = {
      java.util.Arrays.copyOf(good, good.length - 1), // truncated
      concat(good, new byte[] {0}), // extended
      flip(good, good.length / 2), // edited
      flip(good, 20), // header: content type
      flip(good, 10), // header: key id
    };
    List<String> before = files();
    for (byte[] bytes : altered) {
      Files.write(env, bytes);
      CliRun.Result r = decrypt(env.toString(), back.toString());
      assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
      assertEquals("", r.out());
      assertTrue(
          r.err().startsWith("nir decrypt: " + env + ": refused: decryption failed"), r.err());
      assertNoContent(r);
      assertEquals(before, files(), "no output, no temporary file");
    }
    CliRun.Result plain = decrypt(csv.toString(), back.toString());
    assertEquals(ExitCodes.CRYPTO, plain.code());
    assertTrue(plain.err().contains("not a nirguard file envelope"), plain.err());
    assertNoContent(plain);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static byte[] flip(byte[] b, int i) {
    byte[] c = b.clone();
    c[i] ^= 1;
    return c;
  }

  @Test
  void wrongPurposeOrKeysAreRefused() throws IOException {
    Path env = dir.resolve("export.csv.nge");
    assertEquals(ExitCodes.OK, encrypt(csv.toString(), env.toString()).code());
    Path back = dir.resolve("back.csv");
    CliRun.Result audit =
        nir(keys("decrypt", "--purpose", "lab-audit", env.toString(), back.toString()));
    assertEquals(ExitCodes.CRYPTO, audit.code());
    assertTrue(audit.err().contains("refused"), audit.err());
    CliRun.Result noFileKeys =
        nir(keys("decrypt", "--purpose", "research-42", env.toString(), back.toString()));
    assertEquals(ExitCodes.CRYPTO, noFileKeys.code());
    assertTrue(noFileKeys.err().contains("key error"), noFileKeys.err());
    Path otherKek = dir.resolve("other.json");
    nir("keys", "kek", "--out", otherKek.toString());
    CliRun.Result wrongKek =
        nir(
            "decrypt",
            "--keys",
            ring.toString(),
            "--insecure-kek-file",
            otherKek.toString(),
            "--purpose",
            "lab-export",
            env.toString(),
            back.toString());
    assertEquals(ExitCodes.CRYPTO, wrongKek.code());
    for (CliRun.Result r : List.of(audit, noFileKeys, wrongKek)) {
      assertNoContent(r);
    }
    assertFalse(Files.exists(back));
  }

  @Test
  void neverOverwritesTheInputOrAnExistingOutput() throws IOException {
    CliRun.Result same = encrypt("--replace", csv.toString(), csv.toString());
    assertEquals(ExitCodes.USAGE, same.code());
    assertTrue(same.err().contains("the output file is the input file"), same.err());
    assertEquals(CONTENT, Files.readString(csv));
    Path env = dir.resolve("export.csv.nge");
    Files.writeString(env, "precious");
    CliRun.Result exists = encrypt(csv.toString(), env.toString());
    assertEquals(ExitCodes.UNWRITABLE, exists.code());
    assertEquals("nir encrypt: " + env + ": exists, not replaced (use --replace)\n", exists.err());
    assertEquals("precious", Files.readString(env));
    assertEquals(ExitCodes.OK, encrypt("--replace", csv.toString(), env.toString()).code());
    Path back = dir.resolve("back.csv");
    Files.writeString(back, "keep");
    assertEquals(ExitCodes.UNWRITABLE, decrypt(env.toString(), back.toString()).code());
    assertEquals("keep", Files.readString(back));
    assertEquals(ExitCodes.USAGE, decrypt("--replace", env.toString(), env.toString()).code());
    assertEquals(ExitCodes.OK, decrypt("--replace", env.toString(), back.toString()).code());
    assertEquals(CONTENT, Files.readString(back));
  }

  @Test
  void usageAndFileErrorsHaveDistinctCodes() throws IOException {
    Path missing = dir.resolve("missing.csv");
    CliRun.Result r = encrypt(missing.toString(), dir.resolve("x.nge").toString());
    assertEquals(ExitCodes.UNREADABLE, r.code());
    assertEquals("nir encrypt: " + missing + ": no such file\n", r.err());
    assertEquals(
        ExitCodes.UNREADABLE,
        decrypt(dir.toString(), dir.resolve("y.csv").toString()).code(),
        "a directory");
    CliRun.Result noDir = encrypt(csv.toString(), dir.resolve("no/such/dir.nge").toString());
    assertEquals(ExitCodes.UNWRITABLE, noDir.code());
    assertTrue(
        noDir.err().startsWith("nir encrypt: " + dir.resolve("no/such/dir.nge") + ": cannot write"),
        noDir.err());
    assertEquals(
        ExitCodes.USAGE,
        encrypt("--content-type", "text/csv\u0001", csv.toString(), dir.resolve("z.nge").toString())
            .code());
    assertEquals(ExitCodes.USAGE, encrypt(csv.toString()).code(), "OUT is required");
    assertEquals(
        ExitCodes.USAGE,
        nir("encrypt", "--purpose", "lab-export", csv.toString(), "o").code(),
        "--keys is required");
    assertEquals(
        ExitCodes.USAGE,
        nir(keys("decrypt", dir.resolve("a").toString(), "b")).code(),
        "--purpose is required");
    CliRun.Result noRing =
        nir(
            "encrypt",
            "--keys",
            dir.resolve("none.ring").toString(),
            "--insecure-kek-file",
            kek.toString(),
            "--purpose",
            "lab-export",
            csv.toString(),
            "o");
    assertEquals(ExitCodes.UNREADABLE, noRing.code());
    assertTrue(noRing.err().contains("none.ring"), noRing.err());
    assertFalse(Files.exists(dir.resolve("x.nge")));
    assertFalse(Files.exists(dir.resolve("z.nge")));
    assertTrue(nir("encrypt", "--help").out().replaceAll("\\s+", " ").contains("--content-type"));
    assertTrue(nir("--help").out().contains("decrypt"));
  }

  @Test
  void replaceOnlyEverReplacesARegularFile() throws Exception {
    Path env = dir.resolve("export.csv.nge");
    assertEquals(ExitCodes.OK, encrypt(csv.toString(), env.toString()).code());
    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, Files.writeString(dir.resolve("other.txt"), "other"));
    Path directory = Files.createDirectory(dir.resolve("d"));
    for (Path target : List.of(fifo, link, directory)) {
      CliRun.Result d = decrypt("--replace", env.toString(), target.toString());
      assertEquals(ExitCodes.UNWRITABLE, d.code(), d.err());
      assertEquals("nir decrypt: " + target + ": cannot write: not a regular file\n", d.err());
      CliRun.Result e = encrypt("--replace", csv.toString(), target.toString());
      assertEquals(ExitCodes.UNWRITABLE, e.code(), e.err());
      assertEquals("nir encrypt: " + target + ": cannot write: not a regular file\n", e.err());
    }
    assertTrue(
        Files.readAttributes(
                fifo,
                java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)
            .isOther(),
        "still a FIFO");
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertEquals("other", Files.readString(link));
    assertEquals(CONTENT, Files.readString(csv));
    assertEquals(
        List.of(
            "d",
            "export.csv",
            "export.csv.nge",
            "fifo",
            "kek.json",
            "keys.ring",
            "keys.ring.audit",
            "keys.ring.lock",
            "link",
            "other.txt"),
        files(),
        "no temporary file");
  }

  @Test
  void dashIsRefusedNeverAFileNamedDash() {
    for (String[] args : List.of(new String[] {csv.toString(), "-"}, new String[] {"-", "x.nge"})) {
      CliRun.Result e = encrypt(args);
      assertEquals(ExitCodes.USAGE, e.code(), e.err());
      assertEquals(
          "nir encrypt: '-' (standard input/output) is not supported by nir encrypt: name a file\n",
          e.err());
      CliRun.Result d = decrypt(args);
      assertEquals(ExitCodes.USAGE, d.code(), d.err());
      assertEquals(
          "nir decrypt: '-' (standard input/output) is not supported by nir decrypt: name a file\n",
          d.err());
    }
    CliRun.Result kek = nir("keys", "kek", "--out", "-");
    assertEquals(ExitCodes.USAGE, kek.code(), kek.err());
    assertEquals(
        "nir keys kek: '-' (standard input/output) is not supported by nir keys kek: name a file\n",
        kek.err());
    assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    assertTrue(
        nir("encrypt", "--help")
            .out()
            .replaceAll("\\s+", " ")
            .contains("'-' (standard input/output) is refused"));
    assertTrue(nir("decrypt", "--help").out().replaceAll("\\s+", " ").contains("'-' (standard"));
  }

  @Test
  void keysErrorsNameTheArgumentAndTheCause() throws IOException {
    CliRun.Result noKek =
        nir(
            "keys",
            "create",
            "--keys",
            ring.toString(),
            "--insecure-kek-file",
            dir.resolve("none.json").toString(),
            "--purpose",
            "p",
            "--kind",
            "token");
    assertEquals(ExitCodes.UNREADABLE, noKek.code());
    assertEquals(
        "nir keys create: --insecure-kek-file "
            + dir.resolve("none.json")
            + ": no such file or directory\n",
        noKek.err());
    Path notADir = dir.resolve("export.csv").resolve("keys.ring");
    CliRun.Result under =
        nir(
            new CliRun.Keys(kek, notADir)
                .after("keys", "create", "--purpose", "p", "--kind", "token"));
    assertEquals(ExitCodes.UNWRITABLE, under.code());
    assertEquals("nir keys create: --keys " + notADir + ": not a directory\n", under.err());
    Path fifo = dir.resolve("ring-fifo");
    Files.copy(ring, dir.resolve("copy.ring"));
    CliRun.Result kekExists = nir("keys", "kek", "--out", ring.toString());
    assertEquals(ExitCodes.UNWRITABLE, kekExists.code());
    assertEquals(
        "nir keys kek: --out " + ring + ": file exists, not overwritten\n", kekExists.err());
    assertFalse(Files.exists(fifo));
  }
}
