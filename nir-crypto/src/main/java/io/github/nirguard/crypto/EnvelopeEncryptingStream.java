package io.github.nirguard.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Tink's encrypting stream of a {@link FileEnvelope}, refusing to finalize after a failed write.
 */
final class EnvelopeEncryptingStream extends OutputStream {
  private final OutputStream tink;
  private final OutputStream sink;
  private boolean failed;
  private boolean closed;

  EnvelopeEncryptingStream(OutputStream tink, OutputStream sink) {
    this.tink = tink;
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed || failed) {
      throw new IOException(closed ? "stream closed" : "an earlier write failed");
    }
    try {
      tink.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public void flush() throws IOException {
    if (!closed && !failed) {
      tink.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failed) {
      sink.close();
    } else {
      tink.close();
    }
  }
}
