package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link FileEnvelope.Header}: its value contract and its key id's fixed-width hex. */
class FileEnvelopeHeaderTest {

  @Test
  void headersCompareByKeyAndContentType() {
    FileEnvelope.Header h = new FileEnvelope.Header(0x1a2b, "text/csv");
    assertEquals(0x1a2b, h.keyId());
    assertEquals("text/csv", h.contentType());
    assertEquals(new FileEnvelope.Header(0x1a2b, "text/csv"), h);
    assertNotEquals(new FileEnvelope.Header(0x1a2c, "text/csv"), h);
    assertNotEquals(new FileEnvelope.Header(0x1a2b, "text/tsv"), h);
    assertNotEquals(h, "Header[key=00001a2b, text/csv]");
    assertEquals(31 * 0x1a2b + "text/csv".hashCode(), h.hashCode());
    assertNotEquals(new FileEnvelope.Header(0x1a2c, "text/csv").hashCode(), h.hashCode());
  }

  @Test
  void keyIdsAreEightHexDigits() {
    assertEquals("00001a2b", new FileEnvelope.Header(0x1a2b, "a").keyIdHex());
    assertEquals("ffffffff", new FileEnvelope.Header(-1, "a").keyIdHex());
    assertEquals("00000000", new FileEnvelope.Header(0, "a").keyIdHex());
    assertEquals(
        "Header[key=80000001, application/x-ndjson]",
        new FileEnvelope.Header(0x80000001, "application/x-ndjson").toString());
  }

  @Test
  void contentTypesAreShortPrintableUtf8() {
    assertThrows(IllegalArgumentException.class, () -> new FileEnvelope.Header(1, ""));
    assertThrows(IllegalArgumentException.class, () -> new FileEnvelope.Header(1, "text\ncsv"));
    assertThrows(IllegalArgumentException.class, () -> new FileEnvelope.Header(1, "x".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> new FileEnvelope.Header(1, "bad\uD800"));
    assertThrows(NullPointerException.class, () -> new FileEnvelope.Header(1, null));
    assertEquals(255, new FileEnvelope.Header(1, "x".repeat(255)).contentType().length());
    assertEquals(85, new FileEnvelope.Header(1, "é".repeat(85)).contentType().length());
    assertThrows(IllegalArgumentException.class, () -> new FileEnvelope.Header(1, "é".repeat(128)));
  }
}
