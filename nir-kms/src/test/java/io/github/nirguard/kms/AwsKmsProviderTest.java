package io.github.nirguard.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.google.crypto.tink.Aead;
import io.github.nirguard.crypto.Kek;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AWS KMS through the real client (Tink's {@code AwsKmsAead}, the AWS SDK's KMS client, SigV4
 * signing with static fake credentials): only the far end, {@link FakeKms}, is ours.
 */
class AwsKmsProviderTest {
  static final String ARN =
      "arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String KEY = "aws-kms://" + ARN;
  static final String OTHER = "aws-kms://arn:aws:kms:eu-west-3:111122223333:key/other";

  FakeKms kms;

  @BeforeEach
  void start() throws Exception {
    kms = new FakeKms(Set.of(KEY, OTHER));
  }

  @AfterEach
  void stop() {
    kms.close();
  }

  Aead aead(String uri, String keyId) throws GeneralSecurityException {
    return AwsKmsProvider.withEndpoint(
            kms.endpoint(),
            new AWSStaticCredentialsProvider(new BasicAWSCredentials(keyId, "fake-secret")))
        .aead(uri);
  }

  Kek kek(String uri) throws GeneralSecurityException {
    return Kek.of(aead(uri, "AKIDFAKE"), "aws test");
  }

  @Test
  void aKeyRingRoundTripsThroughTheKms() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN, KeyKind.FPE).ring();
    byte[] file = ring.toBytes(kek(KEY));
    assertEquals(ring, KeyRing.fromBytes(file, kek(KEY)));
    assertTrue(
        kms.requests.contains("POST / TrentService.Encrypt AWS4-HMAC-SHA256"),
        kms.requests.toString());
    assertTrue(kms.requests.contains("POST / TrentService.Decrypt AWS4-HMAC-SHA256"));
  }

  @Test
  void anotherKeyTamperedDataOrOtherAssociatedDataDoesNotOpen() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("research-42", KeyKind.TOKEN).ring();
    byte[] file = ring.toBytes(kek(KEY));
    assertThrows(GeneralSecurityException.class, () -> KeyRing.fromBytes(file, kek(OTHER)));
    Aead a = aead(KEY, "AKIDFAKE");
    byte[] ct =
        a.encrypt("keyset".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "keyset",
        new String(a.decrypt(ct, "a".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    assertThrows(
        GeneralSecurityException.class, () -> a.decrypt(ct, "b".getBytes(StandardCharsets.UTF_8)));
    ct[ct.length - 1] ^= 1;
    assertThrows(
        GeneralSecurityException.class, () -> a.decrypt(ct, "a".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void wrongCredentialsAreRefusedByTheServer() throws Exception {
    Aead a = aead(KEY, "AKIDWRONG");
    assertThrows(GeneralSecurityException.class, () -> a.encrypt(new byte[] {1}, new byte[0]));
  }

  @Test
  void uriAndEndpointAreChecked() {
    assertEquals(ARN, assertDoesNotThrow(() -> AwsKmsProvider.keyArn(KEY)));
    assertThrows(GeneralSecurityException.class, () -> AwsKmsProvider.keyArn("aws-kms://key/1"));
    assertThrows(
        GeneralSecurityException.class,
        () ->
            AwsKmsProvider.withEndpoint(
                "http://10.0.0.1:4566",
                new AWSStaticCredentialsProvider(new BasicAWSCredentials("a", "b"))));
  }

  @Test
  void kekFromKmsFindsThisProvider() {
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> Kek.fromKms("aws-kms://not-an-arn"));
    assertTrue(e.getMessage().contains("expected aws-kms://arn:aws:kms:"), e.getMessage());
  }

  private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
    return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
  }
}
