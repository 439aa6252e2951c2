package io.github.nirguard.kms;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint overrides of the KMS providers: where requests go instead of the cloud's own
 * endpoint (a private endpoint, an emulator, a test server). Every key wrapped under a KMS KEK is
 * sent to that endpoint, so only {@code https://} is accepted, or {@code http://} on the loopback
 * interface (tests, emulators on this machine).
 */
final class Endpoints {
  private Endpoints() {}

  /** The override named by an environment variable, or null if unset or blank. */
  static @Nullable URI fromEnvironment(String variable) throws GeneralSecurityException {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    return check(value.strip(), variable);
  }

  /** Checks an endpoint: https, or http on loopback; absolute, with a host. */
  static URI check(String endpoint, String what) throws GeneralSecurityException {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (java.net.URISyntaxException e) {
      throw new GeneralSecurityException(what + ": not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      throw new GeneralSecurityException(what + ": no host in " + endpoint);
    }
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new GeneralSecurityException(
          what + ": https:// only (http:// is accepted on the loopback interface only)");
    }
    return uri;
  }

  /** The endpoint with exactly one trailing slash, as Google's clients want a root URL. */
  static String rootUrl(URI endpoint) {
    String s = endpoint.toString();
    return s.endsWith("/") ? s : s + "/";
  }
}
