package io.github.nirguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nir} command: entry point of the command-line tool.
 *
 * <pre>{@code
 * System.exit(NirCommand.run("validate", "--format", "csv", "nirs.txt"));
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "nir",
    mixinStandardHelpOptions = true,
    versionProvider = NirCommand.Version.class,
    description = "Validate and protect French social-security numbers (NIR).")
public final class NirCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. Not in the annotation: picocli would build the
   * model of every one at each start, where {@code nir protect} needs only its own (see {@link
   * #command}).
   */
  static final List<String> COMMANDS =
      List.of(
          "validate",
          "keys",
          "tokenize",
          "detokenize",
          "fpe",
          "encrypt",
          "decrypt",
          "protect",
          "scan",
          "reveal",
          "risk",
          "pseudonymize",
          "audit",
          "demo",
          "help");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    quietCloudSdkLogs();
    // System.out swallows write errors: the commands write to a standard output that keeps them
    Stdout out = Stdout.system();
    CommandLine cl = commandLine(args).setOut(out);
    int code = cl.execute(args);
    String failed =
        Stdout.failure(
            out); // the data commands check theirs; this catches the others (help, keys list)
    if (failed != null && code == ExitCodes.OK) {
      cl.getErr().println("nir: " + failed);
      code = ExitCodes.UNWRITABLE;
    }
    System.exit(code);
  }

  /**
   * The AWS SDK 1.x logs notices (JAXB missing, its maintenance mode) through java.util.logging to
   * stderr when a KMS KEK is used: the CLI's stderr is for the user's errors, so warnings of the
   * cloud SDKs are dropped, errors kept. Held here: JUL keeps loggers weakly.
   */
  private static final java.util.List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

  private static void quietCloudSdkLogs() {
    for (String name : java.util.List.of("com.amazonaws", "com.google.api.client")) {
      java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
      l.setLevel(java.util.logging.Level.SEVERE);
      QUIET.add(l);
    }
  }

  /**
   * Runs the command line and returns its exit code.
   *
   * @param args the arguments
   * @return the exit code, see {@link ExitCodes}
   */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments: when the first one names a subcommand (other than help),
   * that subcommand only, whose parsing, help and errors are the same as with all of them; else
   * every subcommand (the top-level help lists them, {@code nir help X} needs X).
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new NirCommand());
    String first = args.length > 0 ? args[0] : "";
    if (COMMANDS.contains(first) && !first.equals("help")) {
      cl.addSubcommand(first, command(first));
    } else {
      for (String name : COMMANDS) {
        cl.addSubcommand(name, command(name));
      }
    }
    withExitCodes(cl);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          // picocli's messages may quote the offending argument; arguments are never data here
          c.getErr().println("nir: " + ex.getMessage());
          c.getErr()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parse) -> {
          // never print the exception message: it could carry data; the type is enough to debug
          c.getErr().println("nir: internal error (" + ex.getClass().getSimpleName() + ")");
          return 70;
        });
    return cl;
  }

  /** A new instance of a subcommand. */
  private static Object command(String name) {
    switch (name) {
      case "validate":
        return new ValidateCommand();
      case "keys":
        return new KeysCommand();
      case "tokenize":
        return new TokenizeCommand();
      case "detokenize":
        return new DetokenizeCommand();
      case "fpe":
        return new FpeCommand();
      case "encrypt":
        return new EncryptCommand();
      case "decrypt":
        return new DecryptCommand();
      case "protect":
        return new ProtectCommand();
      case "scan":
        return new ScanCommand();
      case "reveal":
        return new RevealCommand();
      case "risk":
        return new RiskCommand();
      case "pseudonymize":
        return new PseudonymizeCommand();
      case "audit":
        return new AuditCommand();
      case "demo":
        return new DemoCommand();
      case "help":
        return new CommandLine.HelpCommand();
      default:
        throw new IllegalArgumentException("no such command: " + name);
    }
  }

  private static void withExitCodes(CommandLine cl) {
    cl.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes());
    for (CommandLine sub : cl.getSubcommands().values()) {
      withExitCodes(sub);
    }
  }

  private static java.util.Map<String, String> exitCodes() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String line : ExitCodes.HELP) {
      int colon = line.indexOf(':');
      m.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return m;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from a resource filtered at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = NirCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"nir " + p.getProperty("version", "unknown") + " (nirguard)"};
    }
  }
}
