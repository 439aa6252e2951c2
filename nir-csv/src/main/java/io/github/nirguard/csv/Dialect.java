package io.github.nirguard.csv;

import java.io.BufferedInputStream;
import java.io.IOException;

/** Delimiter, line ending and byte-order mark, read from the first line without consuming it. */
final class Dialect {
  private final char delimiter;
  private final boolean crlf;
  private final boolean bom;

  private Dialect(char delimiter, boolean crlf, boolean bom) {
    this.delimiter = delimiter;
    this.crlf = crlf;
    this.bom = bom;
  }

  /**
   * Sniffs the start of a stream; skips a UTF-8 byte-order mark, leaves the rest unread.
   *
   * @param in the stream (marked and reset)
   * @return the dialect: {@code ;} if the first line has more of them than commas, else {@code ,}
   * @throws IOException if the stream cannot be read
   */
  static Dialect sniff(BufferedInputStream in) throws IOException {
    in.mark(1 << 16);
    byte[] head = in.readNBytes(1 << 15);
    in.reset();
    int start = 0;
    boolean bom = false;
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      bom = true;
      start = 3;
      in.skipNBytes(3);
    }
    boolean crlf = false;
    int semicolons = 0;
    int commas = 0;
    boolean quoted = false;
    for (int i = start; i < head.length; i++) {
      byte b = head[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && b == '\n') {
        crlf = i > 0 && head[i - 1] == '\r';
        break;
      } else if (!quoted && b == ';') {
        semicolons++;
      } else if (!quoted && b == ',') {
        commas++;
      }
    }
    return new Dialect(semicolons > commas ? ';' : ',', crlf, bom);
  }

  char delimiter() {
    return delimiter;
  }

  boolean crlf() {
    return crlf;
  }

  boolean bom() {
    return bom;
  }
}
