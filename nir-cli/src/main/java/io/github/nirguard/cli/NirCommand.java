package io.github.nirguard.cli;

import java.io.IOException;
import java.io.InputStream;
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
    description = "Validate and protect French social-security numbers (NIR).",
    subcommands = {
      ValidateCommand.class,
      KeysCommand.class,
      TokenizeCommand.class,
      DetokenizeCommand.class,
      FpeCommand.class,
      EncryptCommand.class,
      DecryptCommand.class,
      ProtectCommand.class,
      ScanCommand.class,
      RevealCommand.class,
      RiskCommand.class,
      PseudonymizeCommand.class,
      AuditCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class NirCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // System.out swallows write errors: the commands write to a standard output that keeps them
    Stdout out = Stdout.system();
    CommandLine cl = commandLine().setOut(out);
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
   * Runs the command line and returns its exit code.
   *
   * @param args the arguments
   * @return the exit code, see {@link ExitCodes}
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NirCommand());
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
