package io.github.nirguard.cli;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.csv.Progress;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir validate}: one NIR per input line, a verdict and a stable reason code per line.
 *
 * <pre>{@code
 * nir validate --profile lenient --format csv nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate one NIR per input line.",
      "Valid NIRs are printed masked; invalid ones by reason code and position only.",
    })
final class ValidateCommand implements Callable<Integer> {

  enum Format {
    text,
    csv,
    json
  }

  @Option(
      names = "--profile",
      defaultValue = "strict",
      paramLabel = "PROFILE",
      description = "strict (default), lenient or checksum.")
  String profile;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default), csv (line,status,reason) or json.")
  Format format;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "-",
      paramLabel = "FILE",
      description = "Input file, or - for standard input (default).")
  String file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    NirValidator validator;
    try {
      validator = NirValidator.named(profile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "unknown --profile (expected strict, lenient or checksum)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long line = 0;
    long invalid = 0;
    Progress progress = Progress.NONE;
    try (Input in = Input.open(file)) {
      if (!file.equals("-")) {
        progress = ProgressLine.forTerminalBesideData(err, Files.size(Path.of(file)));
      }
      if (format == Format.csv) {
        out.print("line,status,reason\n");
      } else if (format == Format.json) {
        out.print("[");
      }
      String text;
      while ((text = in.readLine()) != null) {
        line++;
        ValidationResult r = validator.validate(text);
        if (!r.isValid()) {
          invalid++;
        }
        write(out, line, r);
        if (Stdout.failed(out)) {
          break;
        }
        if ((line & 1023) == 0) {
          progress.update(line, in.bytesRead());
        }
      }
      progress.update(line, in.bytesRead());
      ProgressLine.done(progress, err);
      if (format == Format.json) {
        out.print(line == 0 ? "]\n" : "\n]\n");
      }
    } catch (IOException e) {
      out.flush();
      ProgressLine.done(progress, err);
      err.println("nir validate: " + Input.describe(e, file));
      return ExitCodes.UNREADABLE;
    }
    String failed = Stdout.failure(out);
    if (failed != null) {
      err.println("nir validate: " + failed);
      return ExitCodes.UNWRITABLE;
    }
    if (format == Format.text) {
      err.printf(
          Locale.ROOT,
          "%d line(s): %d valid, %d invalid (profile %s)%n",
          line,
          line - invalid,
          invalid,
          validator.profile().name());
    }
    return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private void write(PrintWriter out, long line, ValidationResult r) {
    String reason = r.reason().map(Enum::name).orElse("");
    switch (format) {
      case csv:
        out.print(line + "," + (r.isValid() ? "valid" : "invalid") + "," + reason + "\n");
        break;
      case json:
        out.print(line == 1 ? "\n" : ",\n");
        out.print(
            "  {\"line\":" + line + ",\"status\":\"" + (r.isValid() ? "valid" : "invalid") + "\"");
        if (r.isValid()) {
          out.print(",\"masked\":\"" + r.nir().orElseThrow().masked() + "\",\"flags\":[");
          int i = 0;
          for (Leniency f : r.flags()) {
            out.print((i++ > 0 ? "," : "") + "\"" + f.name() + "\"");
          }
          out.print("]}");
        } else {
          out.print(",\"reason\":\"" + reason + "\",\"position\":" + r.position() + "}");
        }
        break;
      default:
        if (r.isValid()) {
          out.print(
              line
                  + ": valid "
                  + r.nir().orElseThrow().masked()
                  + (r.flags().isEmpty() ? "" : " flags=" + r.flags())
                  + "\n");
        } else {
          out.print(line + ": invalid " + reason + " at column " + (r.position() + 1) + "\n");
        }
    }
  }
}
