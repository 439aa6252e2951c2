package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures are named by cause and file, never by their message. */
class ErrorsTest {
  @Test
  void namesTheCauseNotTheMessage() {
    assertEquals("no such file or directory", Errors.cause(new NoSuchFileException("a")));
    assertEquals("permission denied", Errors.cause(new AccessDeniedException("a")));
    assertEquals(
        "no space left on device",
        Errors.cause(new FileSystemException("out.csv", null, "No space left on device")));
    assertEquals(
        "no space left on device", Errors.cause(new IOException("No space left on device")));
    assertEquals(
        "not a regular file",
        Errors.cause(new FileSystemException("/dev/full", null, "not a regular file")));
    assertEquals(
        "is the input file; not overwritten",
        Errors.cause(
            new FileSystemException("in.csv", "in.csv", "is the input file; not overwritten")));
    assertEquals(
        "IOException",
        Errors.cause(new IOException("value 255081416802538")),
        "an unknown message is never shown");
    assertEquals(
        "out.csv: no space left on device",
        Errors.io(new FileSystemException("out.csv", null, "No space left on device")));
  }
}
