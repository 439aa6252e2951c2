package io.github.nirguard.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The file side shared by {@link FileEnvelope} and {@link RecipientEnvelope.Reader}: the copy
 * options, the checks of input and output, and the three file operations: encrypt a file through an
 * envelope's encrypting stream, decrypt one into a new file, open one verified. Every output goes
 * through an {@link AtomicFile}; the two passes are {@link VerifiedDecryption}'s.
 */
final class EnvelopeFiles {
  static final int BUFFER_BYTES = 1 << 16;

  private EnvelopeFiles() {}

  /** An envelope's encrypting stream: {@code FileEnvelope::encryptingStream} and its peer. */
  interface Encryptor {
    OutputStream encryptingStream(OutputStream sink, String contentType)
        throws IOException, GeneralSecurityException;
  }

  /** An action run between the two passes (tests change the file there). */
  interface Step {
    void run() throws IOException;
  }

  /** Writes a file's content. */
  interface Body {
    void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
  }

  /**
   * Encrypts a file into a new file, atomically: the content type is checked before any file is
   * touched, then the envelope goes to an owner-only temporary file, published on success.
   */
  static void encrypt(
      Encryptor envelope, Path in, Path out, String contentType, CopyOption... options)
      throws IOException, GeneralSecurityException {
    boolean replace = replaceExisting(options);
    EnvelopeFormat.contentTypeBytes(contentType); // check it before touching any file
    checkTargets(in, out, replace);
    try (InputStream plaintext = Files.newInputStream(in)) {
      writeAtomically(
          out,
          replace,
          sink -> {
            try (OutputStream enc = envelope.encryptingStream(sink, contentType)) {
              copy(plaintext, enc);
            }
          });
    }
  }

  /**
   * Verifies an envelope, then decrypts it into a new file, atomically: nothing is written unless
   * the whole file verified, and a change of {@code in} between the passes fails.
   */
  static void decrypt(
      VerifiedDecryption decryption, Path in, Path out, boolean replace, Step betweenPasses)
      throws IOException, GeneralSecurityException {
    checkTargets(in, out, replace);
    try (FileChannel ch = FileChannel.open(in, StandardOpenOption.READ)) {
      VerifiedDecryption.Verified verified = decryption.verify(ch);
      betweenPasses.run();
      writeAtomically(
          out,
          replace,
          sink -> {
            try (InputStream plaintext = decryption.secondPass(ch, verified)) {
              copy(plaintext, sink);
            } catch (VerifiedDecryption.Changed e) {
              throw new GeneralSecurityException(VerifiedDecryption.Changed.MESSAGE);
            }
          });
    }
  }

  /**
   * Verifies a whole envelope, then returns the stream of the second pass, which closes the file;
   * on failure the file is closed here.
   */
  static InputStream openVerified(VerifiedDecryption decryption, Path in)
      throws IOException, GeneralSecurityException {
    FileChannel ch = FileChannel.open(in, StandardOpenOption.READ);
    try {
      return decryption.secondPass(ch, decryption.verify(ch));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
  }

  static boolean replaceExisting(CopyOption... options) {
    boolean replace = false;
    for (CopyOption o : options) {
      if (o != StandardCopyOption.REPLACE_EXISTING) {
        throw new UnsupportedOperationException("unsupported option: " + o);
      }
      replace = true;
    }
    return replace;
  }

  static void checkTargets(Path in, Path out, boolean replace) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
        || (Files.exists(out) && Files.isSameFile(in, out))) {
      throw new IllegalArgumentException("the output file is the input file");
    }
    if (!replace && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(out.toString(), null, "exists, not replaced");
    }
  }

  static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    for (int n; (n = from.read(buffer)) != -1; ) {
      to.write(buffer, 0, n);
    }
  }

  /**
   * Writes through an {@link AtomicFile}: owner-only temporary file, forced to disk, then
   * published.
   */
  static void writeAtomically(Path out, boolean replace, Body body)
      throws IOException, GeneralSecurityException {
    try (AtomicFile file = AtomicFile.create(out, null, replace)) {
      body.writeTo(file.stream());
      file.commit();
    }
  }
}
