package io.github.nirguard.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google Cloud KMS through the real client (Tink's {@code GcpKmsAead}, Google's API client and HTTP
 * stack, OAuth credentials): only the far end, {@link FakeKms}, is ours.
 */
class GcpKmsProviderTest {
  static final String KEY = "gcp-kms://projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k";
  static final String OTHER = "gcp-kms://projects/p/locations/europe-west9/keyRings/r/cryptoKeys/o";

  FakeKms kms;
  GoogleCredentials credentials;

  @BeforeEach
  void start() throws Exception {
    kms = new FakeKms(Set.of(KEY, OTHER));
    credentials =
        GoogleCredentials.create(
            new AccessToken(FakeKms.TOKEN, new Date(System.currentTimeMillis() + 3_600_000L)));
  }

  @AfterEach
  void stop() {
    kms.close();
  }

  Kek kek(String uri) throws GeneralSecurityException {
    return Kek.of(GcpKmsProvider.withEndpoint(kms.endpoint(), credentials).aead(uri), "gcp test");
  }

  @Test
  void aKeyRingRoundTripsThroughTheKms() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN, KeyKind.FPE).ring();
    byte[] file = ring.toBytes(kek(KEY));
    assertEquals(ring, KeyRing.fromBytes(file, kek(KEY)));
    assertTrue(
        kms.requests.stream()
            .anyMatch(
                r ->
                    r.startsWith(
                        "POST /v1/projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k:encrypt null Bearer")),
        kms.requests.toString());
    assertTrue(kms.requests.stream().anyMatch(r -> r.contains("cryptoKeys/k:decrypt")));
  }

  @Test
  void anotherKeyOrTamperedDataDoesNotOpen() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN).ring();
    byte[] file = ring.toBytes(kek(KEY));
    assertThrows(GeneralSecurityException.class, () -> KeyRing.fromBytes(file, kek(OTHER)));
    byte[] ct = aeadCiphertext();
    ct[ct.length - 1] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () ->
            GcpKmsProvider.withEndpoint(kms.endpoint(), credentials)
                .aead(KEY)
                .decrypt(ct, new byte[0]));
  }

  private byte[] aeadCiphertext() throws GeneralSecurityException {
    return GcpKmsProvider.withEndpoint(kms.endpoint(), credentials)
        .aead(KEY)
        .encrypt("k".getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  @Test
  void associatedDataIsBound() throws Exception {
    var aead = GcpKmsProvider.withEndpoint(kms.endpoint(), credentials).aead(KEY);
    byte[] pt = "keyset".getBytes(StandardCharsets.UTF_8);
    byte[] ct = aead.encrypt(pt, "a".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "keyset",
        new String(aead.decrypt(ct, "a".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    assertThrows(
        GeneralSecurityException.class,
        () -> aead.decrypt(ct, "b".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void wrongCredentialsAreRefusedByTheServer() throws Exception {
    GoogleCredentials wrong =
        GoogleCredentials.create(
            new AccessToken("wrong", new Date(System.currentTimeMillis() + 3_600_000L)));
    var aead = GcpKmsProvider.withEndpoint(kms.endpoint(), wrong).aead(KEY);
    assertThrows(GeneralSecurityException.class, () -> aead.encrypt(new byte[] {1}, new byte[0]));
  }

  @Test
  void uriAndEndpointAreChecked() {
    assertThrows(
        GeneralSecurityException.class, () -> GcpKmsProvider.keyName("gcp-kms://projects/p"));
    assertThrows(GeneralSecurityException.class, () -> GcpKmsProvider.keyName("aws-kms://x"));
    assertThrows(
        GeneralSecurityException.class,
        () -> GcpKmsProvider.withEndpoint("http://kms.example.com", credentials),
        "cleartext http off loopback");
    assertThrows(
        GeneralSecurityException.class, () -> GcpKmsProvider.withEndpoint("kms", credentials));
    assertFalse(new GcpKmsProvider().toString().contains("token"));
  }

  @Test
  void kekFromKmsFindsThisProvider() {
    // a malformed name fails in this provider, before any credential lookup or network call
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> Kek.fromKms("gcp-kms://projects/p"));
    assertTrue(
        e.getMessage().contains("expected gcp-kms://projects/P/locations/L"), e.getMessage());
  }
}
