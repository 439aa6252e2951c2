package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code nir X ...} builds the model of command X only: its help and its usage errors must be those
 * of the command line with every command.
 */
class LazyCommandsTest {
  static String[] run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void eachCommandAloneHasTheHelpAndErrorsItHasAmongAll() {
    for (String name : NirCommand.COMMANDS) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine alone = NirCommand.commandLine(name, "--help");
      assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
      for (String[] args :
          new String[][] {{name, "--help"}, {name, "--no-such-option"}, {name, "--version"}}) {
        String[] lazy = run(NirCommand.commandLine(args), args);
        String[] full = run(NirCommand.commandLine(), args);
        assertEquals(List.of(full), List.of(lazy), String.join(" ", args));
      }
    }
  }

  @Test
  void theTopLevelHelpAndTheHelpCommandListEveryCommand() {
    String[] top = run(NirCommand.commandLine("--help"), "--help");
    for (String name : NirCommand.COMMANDS) {
      assertTrue(top[1].contains("  " + name + " "), name);
    }
    String[] help = run(NirCommand.commandLine("help", "reveal"), "help", "reveal");
    assertEquals("0", help[0]);
    assertEquals(run(NirCommand.commandLine("reveal", "--help"), "reveal", "--help")[1], help[1]);
  }
}
