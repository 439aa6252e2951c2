package io.github.nirguard.cli;

import io.github.nirguard.csv.CsvRisk;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.RiskReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir risk}: how identifying a protected CSV still is — equivalence classes on its
 * quasi-identifiers counted per person, k, l-diversity and ARX's risk figures; counts and column
 * names only, never a value.
 *
 * <pre>{@code
 * nir risk --policy lab-export.policy export.safe.csv
 * nir risk --policy lab-export.policy --quasi sex,birth_date --format json export.safe.csv
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = {
      "Measure how identifying a protected CSV (the output of 'nir protect') still is.",
      "Rows are grouped into equivalence classes by their quasi-identifiers; a class's",
      "size is the number of distinct people in it (by the person column, a pseudonym).",
      "Reported: k (smallest class), the class sizes, the people in classes below",
      "2, 5 and 10, distinct l-diversity of the sensitive columns, and ARX's prosecutor,",
      "journalist and marketer risks (journalist and marketer with the file taken as the",
      "whole population). Counts and column names only: never a value.",
      "Defaults come from the policy: quasi-identifiers are the birth date, sex, postcode",
      "and commune columns it keeps or generalises and the direct identifiers it keeps or",
      "masks; sensitive columns the health, ALD and C2S columns it keeps; the person",
      "column the NIR's token (or FPE) column.",
      "Exit 6 if the file breaks the policy's 'require k'/'require l' rules.",
    })
final class RiskCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy the file was protected with.")
  Path policyFile;

  @Option(
      names = "--quasi",
      split = ",",
      paramLabel = "COLUMN",
      description = "Quasi-identifier columns, comma-separated (default: from the policy).")
  List<String> quasi;

  @Option(
      names = "--sensitive",
      split = ",",
      paramLabel = "COLUMN",
      description = "Sensitive columns for l-diversity (default: from the policy).")
  List<String> sensitive;

  @Option(
      names = "--person",
      paramLabel = "COLUMN",
      description = "Column grouping rows by person (default: the policy's NIR token or FPE).")
  String person;

  @Option(
      names = "--each-row-a-person",
      description = "No person column: every row is a different person.")
  boolean eachRow;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  Format format;

  @Option(
      names = "--charset",
      defaultValue = "UTF-8",
      paramLabel = "NAME",
      description = "Input charset (default UTF-8).")
  String charset;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description = "Field delimiter (default: detected, ';' or ',').")
  Character delimiter;

  @Parameters(index = "0", paramLabel = "FILE", description = "Protected CSV.")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String name = "nir risk";
    if (Errors.refusesDash(name, err, file)) {
      return ExitCodes.USAGE;
    }
    if (eachRow && person != null) {
      err.println(name + ": --person and --each-row-a-person exclude each other");
      return ExitCodes.USAGE;
    }
    try {
      ProtectionPolicy policy = Preflight.policy(policyFile);
      Preflight.input(file);
      CsvRisk risk = CsvRisk.create(policy).withCharset(Charset.forName(charset));
      if (sensitive == null && !policy.requiredL().isEmpty()) {
        risk = risk.withRulesOf();
      }
      if (delimiter != null) {
        risk = risk.withDelimiter(delimiter);
      }
      if (quasi != null) {
        risk = risk.withQuasiIdentifiers(quasi);
      }
      if (sensitive != null) {
        risk = risk.withSensitive(sensitive);
      }
      if (eachRow) {
        risk = risk.withPerson(null);
      } else if (person != null) {
        risk = risk.withPerson(person);
      }
      RiskReport r = risk.measure(file);
      out.print(format == Format.json ? RiskText.json(r) : RiskText.text(r));
      out.flush();
      String failed = Stdout.failure(out);
      if (failed != null) {
        err.println(name + ": " + failed);
        return ExitCodes.UNWRITABLE;
      }
      List<String> broken = r.violations(policy.requiredK(), policy.requiredL());
      for (String b : broken) {
        err.println(name + ": " + file + ": breaks the policy: " + b);
      }
      return broken.isEmpty() ? ExitCodes.OK : ExitCodes.RISK;
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof IllegalArgumentException) && e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      return Errors.fileCommand(e, name, policyFile, file, file, err);
    }
  }

  /** The report as text for people or JSON for programs: counts and column names only. */
  static final class RiskText {
    private RiskText() {}

    static String text(RiskReport r) {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "rows: %,d; people: %,d (%s)%n",
              r.rows(),
              r.people(),
              r.personColumn().map(p -> "person column " + p).orElse("each row a person")));
      b.append("quasi-identifiers: ").append(String.join(", ", r.quasiIdentifiers())).append('\n');
      b.append(
          String.format(Locale.ROOT, "equivalence classes: %,d; k = %d%n", r.classes(), r.k()));
      for (int t : new int[] {2, 5, 10}) {
        b.append(
            String.format(
                Locale.ROOT,
                "people in classes below %d: %,d (%.1f %%)%n",
                t,
                r.peopleBelow(t),
                100 * r.shareBelow(t)));
      }
      b.append("class sizes (size: classes):");
      int shown = 0;
      for (Map.Entry<Long, Long> e : r.classSizes().entrySet()) {
        if (shown++ == 20) {
          b.append(" …");
          break;
        }
        b.append(' ').append(e.getKey()).append(": ").append(e.getValue()).append(';');
      }
      b.append('\n');
      if (!r.lDiversity().isEmpty()) {
        b.append("distinct l-diversity:");
        r.lDiversity()
            .forEach((c, l) -> b.append(' ').append(c).append(" = ").append(l).append(';'));
        b.append('\n');
      }
      b.append(
          String.format(
              Locale.ROOT,
              "prosecutor risk: highest %.4f (1/k), people at highest risk %.1f %%, average %.4f%n",
              r.prosecutorHighestRisk(),
              100 * r.peopleAtHighestRisk(),
              r.prosecutorAverageRisk()));
      b.append(
          String.format(
              Locale.ROOT,
              "journalist risk (file taken as the whole population): highest %.4f, average %.4f%n",
              r.journalistHighestRisk(),
              r.journalistAverageRisk()));
      b.append(
          String.format(
              Locale.ROOT,
              "marketer risk (file taken as the whole population): %.4f%n",
              r.marketerRisk()));
      return b.toString();
    }

    static String json(RiskReport r) {
      StringBuilder b = new StringBuilder("{");
      b.append("\"rows\":").append(r.rows());
      b.append(",\"people\":").append(r.people());
      b.append(",\"memberships\":").append(r.memberships());
      b.append(",\"classes\":").append(r.classes());
      b.append(",\"k\":").append(r.k());
      b.append(",\"quasi_identifiers\":").append(strings(r.quasiIdentifiers()));
      b.append(",\"sensitive\":").append(strings(r.sensitiveColumns()));
      b.append(",\"person\":").append(r.personColumn().map(RiskText::string).orElse("null"));
      b.append(",\"class_sizes\":{");
      String sep = "";
      for (Map.Entry<Long, Long> e : r.classSizes().entrySet()) {
        b.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
        sep = ",";
      }
      b.append("},\"people_below\":{");
      sep = "";
      for (int t : new int[] {2, 5, 10}) {
        b.append(sep).append('"').append(t).append("\":").append(r.peopleBelow(t));
        sep = ",";
      }
      b.append("},\"l_diversity\":{");
      sep = "";
      for (Map.Entry<String, Long> e : r.lDiversity().entrySet()) {
        b.append(sep).append(string(e.getKey())).append(':').append(e.getValue());
        sep = ",";
      }
      b.append("},\"prosecutor\":{\"highest\":")
          .append(r.prosecutorHighestRisk())
          .append(",\"people_at_highest\":")
          .append(r.peopleAtHighestRisk())
          .append(",\"average\":")
          .append(r.prosecutorAverageRisk())
          .append("},\"journalist\":{\"highest\":")
          .append(r.journalistHighestRisk())
          .append(",\"average\":")
          .append(r.journalistAverageRisk())
          .append(",\"assumption\":\"the file is the whole population\"}")
          .append(",\"marketer\":")
          .append(r.marketerRisk())
          .append("}\n");
      return b.toString();
    }

    private static String strings(List<String> names) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < names.size(); i++) {
        b.append(i == 0 ? "" : ",").append(string(names.get(i)));
      }
      return b.append(']').toString();
    }

    static String string(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20) {
          b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }
  }
}
