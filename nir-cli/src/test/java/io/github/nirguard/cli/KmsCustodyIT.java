package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.cli.NirLauncherIT.Result;
import io.github.nirguard.kms.FakeKms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kek-uri gcp-kms://…} and {@code aws-kms://…} through the real launcher and the real
 * Google and AWS clients, their requests routed to a loopback fake KMS by the documented endpoint
 * overrides, with fake credentials found by the SDKs' default chains (a credentials file, the AWS
 * environment variables). Nothing leaves the machine: the metadata-server probes are off.
 */
class KmsCustodyIT {
  static final String GCP =
      "gcp-kms://projects/p/locations/europe-west9/keyRings/r/cryptoKeys/nirguard";
  static final String AWS = "aws-kms://arn:aws:kms:eu-west-3:111122223333:key/nirguard";

  @TempDir Path dir;
  FakeKms kms;

  @BeforeEach
  void start() throws Exception {
    kms = new FakeKms(Set.of(GCP, AWS));
  }

  @AfterEach
  void stop() {
    kms.close();
  }

  Result nir(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("sh", Path.of("target", "dist", "bin", "nir").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = pb.environment();
    for (String k :
        List.of(
            "GOOGLE_APPLICATION_CREDENTIALS",
            "AWS_PROFILE",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "NIRGUARD_KEK")) {
      e.remove(k);
    }
    e.put("NO_GCE_CHECK", "true"); // Google: never probe a metadata server
    e.put("AWS_EC2_METADATA_DISABLED", "true"); // AWS: likewise
    e.put("HOME", dir.toString()); // no ~/.aws, no gcloud configuration
    e.putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher timed out");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  void createAndList(Map<String, String> env, String uri) throws Exception {
    String ring = dir.resolve("keys.ring").toString();
    Result c =
        nir(
            env,
            "keys",
            "create",
            "--keys",
            ring,
            "--kek-uri",
            uri,
            "--purpose",
            "lab",
            "--kind",
            "token");
    assertEquals(ExitCodes.OK, c.code(), c.err() + kms.requests);
    assertTrue(c.err().contains("sends the KMS requests to " + kms.endpoint()), c.err());
    assertFalse(c.err().contains("WARNING"), "the SDKs' log notices stay off stderr: " + c.err());
    assertFalse(Files.readString(Path.of(ring), StandardCharsets.UTF_8).contains("\"keyData\""));
    Result l = nir(env, "keys", "list", "--keys", ring, "--kek-uri", uri);
    assertEquals(ExitCodes.OK, l.code(), l.err());
    assertTrue(l.out().lines().anyMatch(line -> line.startsWith("lab\ttoken\t")), l.out());
    Result other = nir(Map.of(), "keys", "list", "--keys", ring, "--kek-env", "NIRGUARD_KEK");
    assertEquals(ExitCodes.CRYPTO, other.code(), "no KMS, no ring: " + other.err());
  }

  @Test
  void googleCloudKmsThroughTheLauncher() throws Exception {
    // a service-account file as GOOGLE_APPLICATION_CREDENTIALS names one, its token server ours
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----\\n";
    Path adc = dir.resolve("service-account.json");
    Files.writeString(
        adc,
        "{\"type\":\"service_account\",\"client_id\":\"1\",\"client_email\":\"nirguard@p.iam.gserviceaccount.com\","
            + "\"private_key_id\":\"k1\",\"private_key\":\""
            + pem
            + "\",\"project_id\":\"p\",\"token_uri\":\""
            + kms.endpoint()
            + "/token\"}");
    createAndList(
        Map.of(
            "NIRGUARD_GCP_KMS_ENDPOINT",
            kms.endpoint(),
            "GOOGLE_APPLICATION_CREDENTIALS",
            adc.toString()),
        GCP);
    assertTrue(
        kms.requests.stream().anyMatch(r -> r.startsWith("POST /token")), "credentials via ADC");
    assertTrue(
        kms.requests.stream().anyMatch(r -> r.contains(":encrypt null Bearer")),
        kms.requests.toString());
    assertTrue(kms.requests.stream().anyMatch(r -> r.contains(":decrypt null Bearer")));
  }

  @Test
  void awsKmsThroughTheLauncher() throws Exception {
    createAndList(
        Map.of(
            "NIRGUARD_AWS_KMS_ENDPOINT", kms.endpoint(),
            "AWS_ACCESS_KEY_ID", "AKIDFAKE",
            "AWS_SECRET_ACCESS_KEY", "fake-secret"),
        AWS);
    assertTrue(
        kms.requests.contains("POST / TrentService.Encrypt AWS4-HMAC-SHA256"),
        kms.requests.toString());
    assertTrue(kms.requests.contains("POST / TrentService.Decrypt AWS4-HMAC-SHA256"));
  }

  @Test
  void anUnknownKmsOrAMalformedUriIsAKeyError() throws Exception {
    String ring = dir.resolve("keys.ring").toString();
    Result r =
        nir(
            Map.of(),
            "keys",
            "create",
            "--keys",
            ring,
            "--kek-uri",
            "vault-transit://vault/transit/keys/k",
            "--purpose",
            "lab",
            "--kind",
            "token");
    assertEquals(ExitCodes.CRYPTO, r.code(), r.err());
    assertTrue(r.err().contains("no KMS provider for vault-transit:// URIs"), r.err());
    Result m = nir(Map.of(), "keys", "list", "--keys", ring, "--kek-uri", "gcp-kms://projects/p");
    assertEquals(ExitCodes.CRYPTO, m.code(), m.err());
    assertTrue(m.err().contains("expected gcp-kms://projects/P/locations/L"), m.err());
    Result h = nir(Map.of(), "keys", "list", "--help");
    assertTrue(h.out().contains("aws-kms://"), h.out());
    assertFalse(Files.exists(Path.of(ring)), "no ring written");
    Result plainHttp =
        nir(
            Map.of(
                "NIRGUARD_AWS_KMS_ENDPOINT",
                "http://kms.example.com",
                "AWS_ACCESS_KEY_ID",
                "AKIDFAKE",
                "AWS_SECRET_ACCESS_KEY",
                "x"),
            "keys",
            "create",
            "--keys",
            ring,
            "--kek-uri",
            AWS,
            "--purpose",
            "lab",
            "--kind",
            "token");
    assertEquals(ExitCodes.CRYPTO, plainHttp.code(), plainHttp.err());
    assertTrue(plainHttp.err().contains("https:// only"), plainHttp.err());
    assertTrue(kms.requests.isEmpty(), kms.requests.toString());
  }
}
