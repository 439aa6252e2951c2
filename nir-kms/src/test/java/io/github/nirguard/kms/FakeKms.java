package io.github.nirguard.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A KMS on the loopback interface that answers the real wire protocols: Google Cloud KMS's
 * REST/JSON {@code encrypt}/{@code decrypt} (and an OAuth token endpoint), AWS KMS's JSON 1.1
 * {@code TrentService.Encrypt}/{@code Decrypt}. Behind it, one Tink AES-GCM key per known key name:
 * the clients under test are the real Google and AWS SDKs, only the far end is ours.
 */
public final class FakeKms implements AutoCloseable {
  /** The access token the fake accepts (and its token endpoint, {@code /token}, hands out). */
  public static final String TOKEN = "fake-access-token";

  private final HttpServer server;
  private final Set<String> keys;
  private final Aead aead;

  /** Every request seen: "METHOD path target auth-scheme". */
  public final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  /**
   * Starts the fake on a free loopback port.
   *
   * @param keys the key URIs it knows ({@code gcp-kms://...}, {@code aws-kms://...})
   */
  public FakeKms(Set<String> keys) throws IOException, GeneralSecurityException {
    AeadConfig.register();
    this.keys = keys;
    this.aead =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The root URL, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      // Google's client gzips its requests, as it does against the real endpoint
      boolean gzip = "gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"));
      InputStream in = gzip ? new GZIPInputStream(x.getRequestBody()) : x.getRequestBody();
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String path = x.getRequestURI().getPath();
      String target = x.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = x.getRequestHeaders().getFirst("Authorization");
      requests.add(
          x.getRequestMethod()
              + " "
              + path
              + " "
              + target
              + " "
              + (auth == null ? "-" : auth.split(" ", 2)[0]));
      if (path.equals("/token")) {
        reply(
            x,
            200,
            "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
      } else if (target != null) {
        aws(x, target, JsonParser.parseString(body).getAsJsonObject());
      } else if (path.startsWith("/v1/")) {
        gcp(x, path.substring(4), JsonParser.parseString(body).getAsJsonObject(), auth);
      } else {
        reply(x, 404, "{}");
      }
    } catch (RuntimeException e) { // a request this fake does not understand
      requests.add("unreadable: " + e);
      reply(x, 500, "{}");
    }
  }

  private void gcp(HttpExchange x, String call, JsonObject req, String auth) throws IOException {
    if (!("Bearer " + TOKEN).equals(auth)) {
      reply(
          x,
          401,
          "{\"error\":{\"code\":401,\"message\":\"unauthenticated\",\"status\":\"UNAUTHENTICATED\"}}");
      return;
    }
    int colon = call.lastIndexOf(':');
    String name = call.substring(0, colon);
    String op = call.substring(colon + 1);
    if (!keys.contains("gcp-kms://" + name)) {
      reply(
          x, 404, "{\"error\":{\"code\":404,\"message\":\"not found\",\"status\":\"NOT_FOUND\"}}");
      return;
    }
    byte[] aad = bytes(req, "additionalAuthenticatedData");
    byte[] boundAad = concat(name, aad);
    try {
      if (op.equals("encrypt")) {
        byte[] ct = aead.encrypt(bytes(req, "plaintext"), boundAad);
        reply(x, 200, "{\"name\":\"" + name + "\",\"ciphertext\":\"" + b64(ct) + "\"}");
      } else if (op.equals("decrypt")) {
        byte[] pt = aead.decrypt(bytes(req, "ciphertext"), boundAad);
        reply(x, 200, "{\"plaintext\":\"" + b64(pt) + "\"}");
      } else {
        reply(x, 404, "{}");
      }
    } catch (GeneralSecurityException e) {
      reply(
          x,
          400,
          "{\"error\":{\"code\":400,\"message\":\"Decryption failed\",\"status\":\"INVALID_ARGUMENT\"}}");
    }
  }

  private void aws(HttpExchange x, String target, JsonObject req) throws IOException {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDFAKE")) {
      awsError(
          x,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
      return;
    }
    String keyId = req.has("KeyId") ? req.get("KeyId").getAsString() : "";
    if (!keys.contains("aws-kms://" + keyId)) {
      awsError(x, "NotFoundException", "Key not found");
      return;
    }
    byte[] context =
        req.has("EncryptionContext")
            ? req.get("EncryptionContext").toString().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    byte[] boundAad = concat(keyId, context);
    try {
      if (target.equals("TrentService.Encrypt")) {
        byte[] ct = aead.encrypt(bytes(req, "Plaintext"), boundAad);
        reply(x, 200, "{\"CiphertextBlob\":\"" + b64(ct) + "\",\"KeyId\":\"" + keyId + "\"}");
      } else if (target.equals("TrentService.Decrypt")) {
        byte[] pt = aead.decrypt(bytes(req, "CiphertextBlob"), boundAad);
        reply(x, 200, "{\"Plaintext\":\"" + b64(pt) + "\",\"KeyId\":\"" + keyId + "\"}");
      } else {
        awsError(x, "UnknownOperationException", "unknown");
      }
    } catch (GeneralSecurityException e) {
      awsError(x, "InvalidCiphertextException", "");
    }
  }

  private static void awsError(HttpExchange x, String type, String message) throws IOException {
    x.getResponseHeaders().set("x-amzn-ErrorType", type);
    reply(x, 400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  private static byte[] bytes(JsonObject o, String field) {
    if (!o.has(field)) {
      return new byte[0];
    }
    String s = o.get(field).getAsString().replace('-', '+').replace('_', '/');
    return Base64.getMimeDecoder().decode(s);
  }

  private static byte[] concat(String name, byte[] aad) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[n.length + aad.length];
    System.arraycopy(n, 0, all, 0, n.length);
    System.arraycopy(aad, 0, all, n.length, aad.length);
    return all;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static final String GOOGLE_JSON = "application/json; charset=UTF-8";
  private static final String AWS_JSON = "application/x-amz-json-1.1";

  private static void reply(HttpExchange x, int status, String json) throws IOException {
    boolean aws = x.getRequestHeaders().containsKey("X-Amz-Target");
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", aws ? AWS_JSON : GOOGLE_JSON);
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }
}
