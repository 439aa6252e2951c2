package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.NirLauncherIT.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipient envelopes through the real launcher: two recipients make keypairs and export their
 * public keys; a producer with no ring encrypts for both, and protects a CSV for one; each
 * recipient decrypts with its own ring, a third one and the producer cannot (exit 5), an altered
 * file is refused with no output; help and usage errors.
 */
class RecipientEnvelopeIT {
  static final String SECRET = "255081416802538";

  @TempDir Path dir;

  Result nir(String... args) throws Exception {
    return NirLauncherIT.nir("", args);
  }

  String[] with(Path ring, Path kek, String... rest) {
    List<String> all = new ArrayList<>(List.of(rest));
    all.addAll(List.of("--keys", ring.toString(), "--insecure-kek-file", kek.toString()));
    return all.toArray(String[]::new);
  }

  /** A recipient's own directory: KEK, ring with a recipient keyset, exported public key. */
  record Lab(Path kek, Path ring, Path pub) {}

  Lab lab(String name) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Path kekDir = Files.createDirectories(dir.resolve(name + "-kek"));
    Lab l =
        new Lab(
            kekDir.resolve("kek.json"), d.resolve("keys.ring"), dir.resolve(name + ".pub.json"));
    assertEquals(ExitCodes.OK, nir("keys", "kek", "--out", l.kek().toString()).code());
    Result c =
        nir(with(l.ring(), l.kek(), "keys", "create", "--purpose", "inbox", "--kind", "recipient"));
    assertEquals(ExitCodes.OK, c.code(), c.err());
    Result e =
        nir(
            with(
                l.ring(),
                l.kek(),
                "keys",
                "export-public",
                "--purpose",
                "inbox",
                "--out",
                l.pub().toString()));
    assertEquals(ExitCodes.OK, e.code(), e.err());
    assertTrue(e.out().startsWith("exported the public key "), e.out());
    String json = Files.readString(l.pub());
    assertTrue(json.contains("HpkePublicKey"), json);
    assertFalse(json.contains("PRIVATE"), json);
    return l;
  }

  @Test
  void producerEncryptsForTwoRecipientsWithoutAnyRing() throws Exception {
    Lab a = lab("a");
    Lab b = lab("b");
    Lab c = lab("c");
    Path csv = Files.writeString(dir.resolve("export.csv"), "nir,name\n" + SECRET + ",Jeanne\n");
    Path env = dir.resolve("export.csv.nge");
    Result enc =
        nir(
            "encrypt",
            "--to",
            a.pub().toString(),
            "--to",
            b.pub().toString(),
            csv.toString(),
            env.toString());
    assertEquals(ExitCodes.OK, enc.code(), enc.err());
    assertTrue(enc.err().contains("encrypted for 2 recipients"), enc.err());
    for (Lab l : List.of(a, b)) {
      Path back = dir.resolve("back-" + l.ring().getParent().getFileName() + ".csv");
      Result d =
          nir(
              with(
                  l.ring(),
                  l.kek(),
                  "decrypt",
                  "--purpose",
                  "inbox",
                  env.toString(),
                  back.toString()));
      assertEquals(ExitCodes.OK, d.code(), d.err());
      assertEquals(Files.readString(csv), Files.readString(back));
    }
    Path third = dir.resolve("third.csv");
    Result refused =
        nir(
            with(
                c.ring(),
                c.kek(),
                "decrypt",
                "--purpose",
                "inbox",
                env.toString(),
                third.toString()));
    assertEquals(ExitCodes.CRYPTO, refused.code(), refused.err());
    assertTrue(refused.err().contains("not addressed to an enabled recipient key"), refused.err());
    assertFalse(Files.exists(third));
    // altered: one byte of the last segment
    byte[] bytes = Files.readAllBytes(env);
    bytes[bytes.length - 5] ^= 1;
    Path altered = Files.write(dir.resolve("altered.nge"), bytes);
    Path out = dir.resolve("altered.csv");
    Result r =
        nir(
            with(
                a.ring(),
                a.kek(),
                "decrypt",
                "--purpose",
                "inbox",
                altered.toString(),
                out.toString()));
    assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
    assertFalse(Files.exists(out));
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET));
  }

  @Test
  void protectForARecipientAndTheProducersRingCannotOpenIt() throws Exception {
    Lab a = lab("a");
    Path kekDir = Files.createDirectories(dir.resolve("producer-kek"));
    Path kek = kekDir.resolve("kek.json");
    Path ring = dir.resolve("producer.ring");
    assertEquals(ExitCodes.OK, nir("keys", "kek", "--out", kek.toString()).code());
    for (String kind : List.of("token", "fpe", "record", "file", "recipient")) {
      assertEquals(
          ExitCodes.OK,
          nir(with(ring, kek, "keys", "create", "--purpose", "inbox", "--kind", kind)).code());
    }
    Path examples = Path.of("..", "examples");
    Path policy =
        Files.writeString(
            dir.resolve("p.policy"),
            Files.readString(examples.resolve("lab-export.policy"))
                .replace("purpose lab-export", "purpose inbox"));
    Path csv = Files.copy(examples.resolve("lab-export.csv"), dir.resolve("export.csv"));
    Path env = dir.resolve("export.nge");
    Result p =
        nir(
            with(
                ring,
                kek,
                "protect",
                "--policy",
                policy.toString(),
                "--to",
                a.pub().toString(),
                csv.toString(),
                env.toString()));
    assertEquals(ExitCodes.OK, p.code(), p.err());
    assertTrue(p.err().contains("encrypted for 1 recipient"), p.err());
    Path mine = dir.resolve("producer.csv");
    Result own =
        nir(with(ring, kek, "decrypt", "--purpose", "inbox", env.toString(), mine.toString()));
    assertEquals(ExitCodes.CRYPTO, own.code(), own.err());
    assertFalse(Files.exists(mine));
    Path back = dir.resolve("back.csv");
    Result d =
        nir(
            with(
                a.ring(),
                a.kek(),
                "decrypt",
                "--purpose",
                "inbox",
                env.toString(),
                back.toString()));
    assertEquals(ExitCodes.OK, d.code(), d.err());
    List<String> in = Files.readAllLines(csv);
    List<String> rows = Files.readAllLines(back);
    assertEquals(in.size(), rows.size(), "every row, protected");
    assertFalse(rows.get(1).contains(in.get(1).substring(0, 15)), "the NIR is protected");
  }

  @Test
  void helpAndUsageErrors() throws Exception {
    Result h = nir("keys", "export-public", "--help");
    assertEquals(ExitCodes.OK, h.code());
    assertTrue(h.out().contains("Exit codes"), h.out());
    assertTrue(nir("encrypt", "--help").out().contains("--to"));
    assertTrue(nir("protect", "--help").out().contains("--to"));
    Path csv = Files.writeString(dir.resolve("x.csv"), "a\n");
    Path pub = Files.writeString(dir.resolve("not-a-key.json"), "{\"secret\": \"" + SECRET + "\"}");
    Result bad =
        nir("encrypt", "--to", pub.toString(), csv.toString(), dir.resolve("o").toString());
    assertEquals(ExitCodes.CRYPTO, bad.code(), bad.err());
    assertFalse(bad.err().contains(SECRET), bad.err());
    Result missing =
        nir(
            "encrypt",
            "--to",
            dir.resolve("none.json").toString(),
            csv.toString(),
            dir.resolve("o").toString());
    assertEquals(ExitCodes.UNREADABLE, missing.code(), missing.err());
    Result both =
        nir(
            "encrypt",
            "--to",
            pub.toString(),
            "--purpose",
            "p",
            csv.toString(),
            dir.resolve("o").toString());
    assertEquals(ExitCodes.USAGE, both.code(), both.err());
    Result none = nir("encrypt", csv.toString(), dir.resolve("o").toString());
    assertEquals(ExitCodes.USAGE, none.code(), none.err());
    assertFalse(Files.exists(dir.resolve("o")));
  }
}
