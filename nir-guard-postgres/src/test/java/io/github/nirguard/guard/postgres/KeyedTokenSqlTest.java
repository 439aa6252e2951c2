package io.github.nirguard.guard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL recipe for keyed tokens ({@code interop/postgresql/nirguard_keyed_token.sql},
 * pgcrypto's {@code hmac}) against the spec's keyed-token vectors ({@code
 * docs/spec/vectors/keyed-tokens.jsonl.gz}): every NIR and triplet vector, on a real server. Needs
 * a server as {@link PostgresStoreSuiteTest} does (skipped without one, fails under CI), and the
 * pgcrypto extension (Debian's postgresql package ships it).
 */
class KeyedTokenSqlTest {
  static final Path ROOT = Path.of("..");

  /** A field of one flat JSON line of the vectors: a string (no escapes in these files) or null. */
  static final Pattern FIELD =
      Pattern.compile("\"(\\w+)\": (\"[^\"\\\\]*\"|null|true|false|-?\\d+)");

  static Map<String, String> fields(String line) {
    Map<String, String> m = new HashMap<>();
    Matcher x = FIELD.matcher(line);
    while (x.find()) {
      String v = x.group(2);
      m.put(x.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
    }
    return m;
  }

  static List<Map<String, String>> vectors(String name) throws Exception {
    List<Map<String, String>> out = new ArrayList<>();
    Path file = ROOT.resolve("docs/spec/vectors").resolve(name);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                name.endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(fields(line));
        }
      }
    }
    return out;
  }

  @Test
  void theSqlRecipeGivesEveryKeyedTokenOfTheVectors() throws Exception {
    String url = ThreadConnections.configuredUrl();
    if (url == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "CI must give a PostgreSQL server: NIRGUARD_POSTGRES_URL (see .ci/postgres.sh)");
      }
      Assumptions.abort("SQL recipe test skipped: no PostgreSQL server given (.ci/postgres.sh)");
    }
    Map<String, byte[]> keys = new HashMap<>(); // derived token keys by key id
    for (Map<String, String> k : vectors("keys.jsonl")) {
      if (k.get("kind").equals("token")) {
        keys.put(k.get("key_id"), HexFormat.of().parseHex(k.get("derived")));
      }
    }
    String recipe =
        Files.readString(
            ROOT.resolve("interop/postgresql/nirguard_keyed_token.sql"), StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
      s.execute(recipe);
      s.execute(
          "CREATE TEMPORARY TABLE spec_keyed (k bytea, id bigint, purpose text, nir text,"
              + " birth date, sex text, token text)");
      int rows = 0;
      int triplets = 0;
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO spec_keyed VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (Map<String, String> v : vectors("keyed-tokens.jsonl.gz")) {
          if (v.get("kind").equals("rekey")) {
            continue; // the recipe makes tokens of NIRs and triplets only
          }
          insert.setBytes(1, keys.get(v.get("key_id")));
          insert.setLong(2, Long.parseLong(v.get("key_id"), 16));
          insert.setString(3, v.get("purpose"));
          insert.setString(4, v.get("input"));
          boolean triplet = v.get("kind").equals("triplet");
          insert.setDate(5, triplet ? Date.valueOf(LocalDate.parse(v.get("birth_date"))) : null);
          insert.setString(6, triplet ? v.get("sex") : null);
          insert.setString(7, v.get("token"));
          insert.addBatch();
          rows++;
          triplets += triplet ? 1 : 0;
        }
        insert.executeBatch();
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE token IS DISTINCT FROM"
                  + " nirguard_keyed_token(k, id, purpose, nir, birth, sex)) FROM spec_keyed")) {
        assertTrue(r.next());
        assertEquals(rows, r.getInt(1));
        assertEquals(0, r.getInt(2), "tokens the SQL recipe got wrong, of " + rows);
      }
      assertTrue(rows >= 5000 && triplets >= 500, rows + " vectors, " + triplets + " triplets");
    }
  }
}
