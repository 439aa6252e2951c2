package io.github.nirguard.kms;

import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.integration.awskms.AwsKmsAead;
import io.github.nirguard.crypto.KmsProvider;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * AWS KMS keys as KEKs: {@code aws-kms://arn:aws:kms:REGION:ACCOUNT:key/ID} (or an alias ARN),
 * through Tink's {@code tink-awskms} integration ({@link AwsKmsAead}, AWS SDK for Java 1.x).
 *
 * <p>Registered with the {@link java.util.ServiceLoader}: with {@code nir-kms} on the class path,
 * {@code Kek.fromKms("aws-kms://...")} and {@code nir ... --kek-uri aws-kms://...} just work. The
 * region is the ARN's. Credentials come from the SDK's default chain: {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}), Java system
 * properties, web identity (EKS), the {@code ~/.aws} profile ({@code AWS_PROFILE}), the ECS task
 * role or the EC2 instance role. The principal needs {@code kms:Encrypt} to write a ring and {@code
 * kms:Decrypt} to read one.
 *
 * <p>Advanced (a VPC endpoint, an emulator, tests): the environment variable {@code
 * NIRGUARD_AWS_KMS_ENDPOINT} sends the requests to another endpoint ({@code https://}, or {@code
 * http://} on loopback only), or use {@link #withEndpoint} in code.
 *
 * <pre>{@code
 * Kek kek = Kek.fromKms("aws-kms://arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
 * KeyRing ring = KeyRing.read(Path.of("keys.ring"), kek);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AwsKmsProvider implements KmsProvider {
  /** The URI prefix this provider opens. */
  public static final String PREFIX = "aws-kms://";

  /** The environment variable that overrides the endpoint (advanced; tests). */
  public static final String ENDPOINT_VARIABLE = "NIRGUARD_AWS_KMS_ENDPOINT";

  private final @Nullable URI endpoint;
  private final @Nullable AWSCredentialsProvider credentials;
  private final boolean fromEnvironment;

  /** The provider the {@link java.util.ServiceLoader} makes: default endpoint and credentials. */
  public AwsKmsProvider() {
    this(null, null, true);
  }

  private AwsKmsProvider(
      @Nullable URI endpoint,
      @Nullable AWSCredentialsProvider credentials,
      boolean fromEnvironment) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.fromEnvironment = fromEnvironment;
  }

  /**
   * A provider that talks to another endpoint with given credentials: a VPC endpoint, an emulator,
   * a test server.
   *
   * <pre>{@code
   * AWSCredentialsProvider creds = new AWSStaticCredentialsProvider(new BasicAWSCredentials(id, secret));
   * Kek kek = Kek.of(AwsKmsProvider.withEndpoint("http://127.0.0.1:4566", creds).aead(keyUri), "test KMS");
   * }</pre>
   *
   * @param endpoint the endpoint, {@code https://}, or {@code http://} on loopback
   * @param credentials the credentials to sign the requests with
   * @return the provider
   * @throws GeneralSecurityException if the endpoint is not accepted
   */
  public static AwsKmsProvider withEndpoint(String endpoint, AWSCredentialsProvider credentials)
      throws GeneralSecurityException {
    Objects.requireNonNull(credentials, "credentials");
    return new AwsKmsProvider(Endpoints.check(endpoint, "endpoint"), credentials, false);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public Aead aead(String keyUri) throws GeneralSecurityException {
    String arn = keyArn(keyUri);
    String region = arn.split(":", -1)[3];
    URI override = fromEnvironment ? Endpoints.fromEnvironment(ENDPOINT_VARIABLE) : endpoint;
    quietSdkAnnouncement();
    AWSKMSClientBuilder b =
        AWSKMSClientBuilder.standard()
            .withCredentials(
                credentials != null
                    ? credentials
                    : DefaultAWSCredentialsProviderChain.getInstance());
    if (override != null) {
      b.withEndpointConfiguration(new EndpointConfiguration(override.toString(), region));
    } else {
      b.withRegion(region);
    }
    AWSKMS kms;
    try {
      kms = b.build();
    } catch (RuntimeException e) { // SdkClientException: the SDK's own, unchecked
      throw new GeneralSecurityException("AWS KMS: cannot set up the client", e);
    }
    return new SdkErrors(new AwsKmsAead(kms, arn), "AWS KMS");
  }

  /** The key's ARN: the URI without its prefix, checked for shape. */
  static String keyArn(String keyUri) throws GeneralSecurityException {
    if (keyUri == null || !keyUri.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      throw new GeneralSecurityException("not a " + PREFIX + " URI");
    }
    String arn = keyUri.substring(PREFIX.length());
    if (!arn.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+")) {
      throw new GeneralSecurityException(
          PREFIX + " URI: expected " + PREFIX + "arn:aws:kms:REGION:ACCOUNT:key/ID");
    }
    return arn;
  }

  /**
   * The SDK 1.x prints a maintenance-mode announcement on first use: noise on a CLI's stderr. Set
   * only if the user has not chosen.
   */
  private static void quietSdkAnnouncement() {
    if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
      System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }
  }

  /**
   * Returns the provider's prefix and endpoint override, never credentials.
   *
   * @return e.g. {@code AwsKmsProvider[aws-kms://, endpoint=default]}
   */
  @Override
  public String toString() {
    return "AwsKmsProvider["
        + PREFIX
        + ", endpoint="
        + (fromEnvironment ? "$" + ENDPOINT_VARIABLE + " or default" : String.valueOf(endpoint))
        + "]";
  }
}
