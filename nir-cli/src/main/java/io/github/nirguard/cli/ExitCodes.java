package io.github.nirguard.cli;

/**
 * The exit codes of every {@code nir} subcommand, as documented in {@code nir --help}.
 *
 * <pre>{@code
 * int code = new CommandLine(new NirCommand()).execute(args);   // one of these
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ExitCodes {
  /** Success; for {@code validate}: every line is a valid NIR. */
  public static final int OK = 0;

  /** Some input was rejected (invalid NIRs, rejected rows). */
  public static final int INVALID = 1;

  /** Usage error: unknown option, bad value, missing argument. */
  public static final int USAGE = 2;

  /** The input could not be read (missing file, not UTF-8, I/O error). */
  public static final int UNREADABLE = 3;

  /** The output could not be written. */
  public static final int UNWRITABLE = 4;

  /** A key, key ring or ciphertext was refused (wrong key, tampered data). */
  public static final int CRYPTO = 5;

  /**
   * What {@code nir protect} would write breaks the policy's {@code require k} or {@code require l}
   * rule (nothing written); for {@code nir risk}: the file breaks it.
   *
   * @since 0.1.0
   */
  public static final int RISK = 6;

  private ExitCodes() {}

  /** The text shown under "Exit codes" in every help page. */
  static final String[] HELP = {
    "0:all input valid / success",
    "1:some input invalid or rejected",
    "2:usage error",
    "3:input unreadable (missing, not UTF-8, I/O error)",
    "4:output unwritable",
    "5:key or ciphertext refused",
    "6:the policy's 'require k'/'require l' rule is broken (protect: nothing written)",
  };
}
