package io.github.nirguard.kms;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.cloudkms.v1.CloudKMS;
import com.google.api.services.cloudkms.v1.CloudKMSScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.integration.gcpkms.GcpKmsAead;
import io.github.nirguard.crypto.KmsProvider;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Google Cloud KMS keys as KEKs: {@code gcp-kms://projects/P/locations/L/keyRings/R/cryptoKeys/K},
 * through Tink's {@code tink-gcpkms} integration ({@link GcpKmsAead} over Cloud KMS's REST API).
 *
 * <p>Registered with the {@link java.util.ServiceLoader}: with {@code nir-kms} on the class path,
 * {@code Kek.fromKms("gcp-kms://...")} and {@code nir ... --kek-uri gcp-kms://...} just work.
 * Credentials come from Google's Application Default Credentials: {@code
 * GOOGLE_APPLICATION_CREDENTIALS} (a service-account or workload-identity file), {@code gcloud auth
 * application-default login}, or the metadata server on Google Cloud. The principal needs {@code
 * cloudkms.cryptoKeyVersions.useToEncrypt} to write a ring and {@code ...useToDecrypt} to read one.
 *
 * <p>Advanced (a private endpoint, an emulator, tests): the environment variable {@code
 * NIRGUARD_GCP_KMS_ENDPOINT} sends the requests to another root URL ({@code https://}, or {@code
 * http://} on loopback only), or use {@link #withEndpoint} in code.
 *
 * <pre>{@code
 * Kek kek = Kek.fromKms("gcp-kms://projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k");
 * KeyRing ring = KeyRing.read(Path.of("keys.ring"), kek);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GcpKmsProvider implements KmsProvider {
  /** The URI prefix this provider opens. */
  public static final String PREFIX = "gcp-kms://";

  /** The environment variable that overrides the endpoint (advanced; tests). */
  public static final String ENDPOINT_VARIABLE = "NIRGUARD_GCP_KMS_ENDPOINT";

  private final @Nullable URI endpoint;
  private final @Nullable GoogleCredentials credentials;
  private final boolean fromEnvironment;

  /** The provider the {@link java.util.ServiceLoader} makes: default endpoint and credentials. */
  public GcpKmsProvider() {
    this(null, null, true);
  }

  private GcpKmsProvider(
      @Nullable URI endpoint, @Nullable GoogleCredentials credentials, boolean fromEnvironment) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.fromEnvironment = fromEnvironment;
  }

  /**
   * A provider that talks to another endpoint with given credentials: a private endpoint, an
   * emulator, a test server.
   *
   * <pre>{@code
   * Aead aead = GcpKmsProvider.withEndpoint("http://127.0.0.1:8080", credentials).aead(keyUri);
   * Kek kek = Kek.of(aead, "test KMS");
   * }</pre>
   *
   * @param endpoint the root URL, {@code https://}, or {@code http://} on loopback
   * @param credentials the credentials to call it with
   * @return the provider
   * @throws GeneralSecurityException if the endpoint is not accepted
   */
  public static GcpKmsProvider withEndpoint(String endpoint, GoogleCredentials credentials)
      throws GeneralSecurityException {
    Objects.requireNonNull(credentials, "credentials");
    return new GcpKmsProvider(Endpoints.check(endpoint, "endpoint"), credentials, false);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public Aead aead(String keyUri) throws GeneralSecurityException {
    String keyName = keyName(keyUri);
    URI root = fromEnvironment ? Endpoints.fromEnvironment(ENDPOINT_VARIABLE) : endpoint;
    GoogleCredentials creds = credentials;
    if (creds == null) {
      try {
        creds = GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw new GeneralSecurityException(
            "Google Cloud KMS: no application default credentials (set"
                + " GOOGLE_APPLICATION_CREDENTIALS, or run gcloud auth application-default login)",
            e);
      }
    }
    if (creds.createScopedRequired()) {
      creds = creds.createScoped(CloudKMSScopes.all());
    }
    HttpRequestInitializer auth = new HttpCredentialsAdapter(creds);
    CloudKMS.Builder b =
        new CloudKMS.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), auth)
            .setApplicationName("nirguard");
    if (root != null) {
      b.setRootUrl(Endpoints.rootUrl(root));
    }
    return new SdkErrors(new GcpKmsAead(b.build(), keyName), "Google Cloud KMS");
  }

  /** The key's resource name: the URI without its prefix, checked for shape. */
  static String keyName(String keyUri) throws GeneralSecurityException {
    if (keyUri == null || !keyUri.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      throw new GeneralSecurityException("not a " + PREFIX + " URI");
    }
    String name = keyUri.substring(PREFIX.length());
    if (!name.matches(
        "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+(/cryptoKeyVersions/[^/]+)?")) {
      throw new GeneralSecurityException(
          PREFIX + " URI: expected " + PREFIX + "projects/P/locations/L/keyRings/R/cryptoKeys/K");
    }
    return name;
  }

  /**
   * Returns the provider's prefix and endpoint override, never credentials.
   *
   * @return e.g. {@code GcpKmsProvider[gcp-kms://, endpoint=default]}
   */
  @Override
  public String toString() {
    return "GcpKmsProvider["
        + PREFIX
        + ", endpoint="
        + (fromEnvironment ? "$" + ENDPOINT_VARIABLE + " or default" : String.valueOf(endpoint))
        + "]";
  }
}
