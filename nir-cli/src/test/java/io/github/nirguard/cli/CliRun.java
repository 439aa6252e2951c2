package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Runs the {@code nir} command in this JVM, as the launcher does, and keeps its exit code and
 * output.
 */
public final class CliRun {
  private CliRun() {}

  /** One run: exit code, stdout, stderr. */
  public record Result(int code, String out, String err) {}

  /** A development KEK file and a key ring made by {@code nir keys}, in one directory. */
  public record Keys(Path kek, Path ring) {
    /** {@code rest} followed by {@code --keys <ring> --insecure-kek-file <kek>}. */
    public String[] after(String... rest) {
      String[] all = Arrays.copyOf(rest, rest.length + 4);
      all[rest.length] = "--keys";
      all[rest.length + 1] = ring.toString();
      all[rest.length + 2] = "--insecure-kek-file";
      all[rest.length + 3] = kek.toString();
      return all;
    }
  }

  /**
   * Runs {@code nir args}.
   *
   * @param args the arguments
   * @return exit code and output
   */
  public static Result run(String... args) {
    CommandLine cl = NirCommand.commandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code nir args} with standard output going to {@code out} as it does in the launcher
   * (through {@link Stdout}, which keeps write failures): e.g. a writer that fails like a full
   * disk.
   *
   * @param out where standard output goes
   * @param args the arguments
   * @return exit code and stderr (stdout is empty: it went to {@code out})
   */
  public static Result run(Writer out, String... args) {
    CommandLine cl = NirCommand.commandLine(args);
    StringWriter err = new StringWriter();
    cl.setOut(new Stdout(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, "", err.toString());
  }

  /**
   * Creates {@code kek.json} and {@code keys.ring} in {@code dir} with {@code nir keys kek} and one
   * {@code nir keys create} per kind, all for {@code purpose}; asserts that each succeeds.
   *
   * @param dir the directory
   * @param purpose the purpose
   * @param kinds the key kinds, e.g. {@code token}, {@code fpe}, {@code record}, {@code file}
   * @return the files
   */
  public static Keys createKeys(Path dir, String purpose, String... kinds) {
    Keys keys = new Keys(dir.resolve("kek.json"), dir.resolve("keys.ring"));
    assertEquals(0, run("keys", "kek", "--out", keys.kek().toString()).code());
    for (String kind : kinds) {
      Result r = run(keys.after("keys", "create", "--purpose", purpose, "--kind", kind));
      assertEquals(0, r.code(), r.err());
    }
    return keys;
  }
}
