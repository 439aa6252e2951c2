package io.github.nirguard.csv;

import java.io.IOException;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * The rejected rows and dropped values, one {@code line,column,reason,action} line each; nowhere if
 * there is no writer.
 */
final class Report {
  private final @Nullable Writer out;

  Report(@Nullable Writer out) {
    this.out = out;
  }

  void start() throws IOException {
    if (out != null) {
      out.write("line,column,reason,action\n");
    }
  }

  void rejected(long line, String column, String code) throws IOException {
    write(line, column, code, "rejected");
  }

  void suppressed(long line, String column, String code) throws IOException {
    write(line, column, code, "suppressed");
  }

  void dropped(long line, String column, String code) throws IOException {
    write(line, column, code, "dropped");
  }

  void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  private void write(long line, String column, String code, String action) throws IOException {
    if (out != null) {
      out.write(line + "," + csvCell(column) + "," + code + "," + action + "\n");
    }
  }

  private static String csvCell(String s) {
    return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
