package io.github.nirguard.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The JSON-lines files of the specification's vectors ({@code docs/spec/vectors/*.jsonl.gz}): one
 * flat object per line whose values are strings, integers, booleans, null or arrays of strings.
 * Just what the vectors use, so that the tests need no JSON library.
 *
 * <pre>{@code
 * List<Map<String, Object>> rows = Jsonl.read(Path.of("keyed-tokens.jsonl.gz"));
 * Jsonl.write(path, rows);   // the same bytes again (gzip without a time stamp)
 * }</pre>
 */
final class Jsonl {
  private Jsonl() {}

  /** Reads every line of a gzipped JSON-lines file. */
  static List<Map<String, @Nullable Object>> read(Path file) throws IOException {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isEmpty()) {
          try {
            out.add(parse(line));
          } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " line " + n + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }

  /** Writes rows as gzipped JSON lines (keys in insertion order, gzip time stamp 0). */
  static void write(Path file, List<Map<String, @Nullable Object>> rows) throws IOException {
    try (OutputStream o = Files.newOutputStream(file);
        Writer w = new OutputStreamWriter(new GZIPOutputStream(o), StandardCharsets.UTF_8)) {
      for (Map<String, @Nullable Object> row : rows) {
        w.write(line(row));
        w.write('\n');
      }
    }
  }

  /** Builds a row from alternating keys and values. */
  static Map<String, @Nullable Object> row(@Nullable Object... kv) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(String.valueOf(kv[i]), kv[i + 1]);
    }
    return m;
  }

  static String line(Map<String, @Nullable Object> row) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, @Nullable Object> e : row.entrySet()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      string(b, e.getKey());
      b.append(": ");
      value(b, e.getValue());
    }
    return b.append('}').toString();
  }

  private static void value(StringBuilder b, @Nullable Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String) {
      string(b, (String) v);
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof List) {
      b.append('[');
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        value(b, l.get(i));
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("unsupported JSON value type " + v.getClass());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  // ---------------------------------------------------------------- the reader

  static Map<String, @Nullable Object> parse(String text) {
    Parser p = new Parser(text);
    p.skip();
    Map<String, @Nullable Object> m = p.object();
    p.skip();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("trailing characters at " + p.i);
    }
    return m;
  }

  private static final class Parser {
    final String s;
    int i;

    Parser(String s) {
      this.s = s;
    }

    void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    void expect(char c) {
      skip();
      if (i >= s.length() || s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
      i++;
    }

    Map<String, @Nullable Object> object() {
      expect('{');
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      skip();
      if (s.charAt(i) == '}') {
        i++;
        return m;
      }
      do {
        skip();
        String k = string();
        expect(':');
        m.put(k, value());
        skip();
      } while (s.charAt(i++) == ',');
      if (s.charAt(i - 1) != '}') {
        throw new IllegalArgumentException("expected '}' at " + (i - 1));
      }
      return m;
    }

    @Nullable Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '"') {
        return string();
      }
      if (c == '[') {
        i++;
        List<@Nullable Object> l = new ArrayList<>();
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        do {
          l.add(value());
          skip();
        } while (s.charAt(i++) == ',');
        if (s.charAt(i - 1) != ']') {
          throw new IllegalArgumentException("expected ']' at " + (i - 1));
        }
        return l;
      }
      for (String word : new String[] {"null", "true", "false"}) {
        if (s.startsWith(word, i)) {
          i += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = i;
      if (c == '-') {
        i++;
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw new IllegalArgumentException("unexpected character at " + i);
      }
      return Long.parseLong(s.substring(start, i));
    }

    String string() {
      if (s.charAt(i) != '"') {
        throw new IllegalArgumentException("expected a string at " + i);
      }
      i++;
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'u':
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          case 'r':
            b.append('\r');
            break;
          case 'b':
            b.append('\b');
            break;
          case 'f':
            b.append('\f');
            break;
          default:
            b.append(e); // \" \\ \/
        }
      }
    }
  }
}
