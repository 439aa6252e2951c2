package io.github.nirguard.cli;

import io.github.nirguard.crypto.BeneficiaryPseudonyms;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.RecipientStage;
import io.github.nirguard.csv.CsvPseudonyms;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir pseudonymize}: beneficiary pseudonyms in two stages, as the SNDS builds them — the
 * producer's stage on NIRs, then a trusted third party's stage per recipient on pseudonyms.
 *
 * <pre>{@code
 * nir pseudonymize producer --keys producer.ring --insecure-kek-file p-kek.json --purpose producer \
 *     --nir nir_od --birth-date birth_date --sex sex --twin-rank rank lab.csv lab.stage1.csv
 * nir pseudonymize third-party --keys ttp.ring --insecure-kek-file t-kek.json --purpose cohort-a \
 *     --column pseudonym lab.stage1.csv lab.cohort-a.csv
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "pseudonymize",
    mixinStandardHelpOptions = true,
    description = {
      "Beneficiary pseudonyms in two stages with different keys",
      "(the SNDS construction, not its keys):",
      "  producer     NIR column -> pseudonym: a person's own NIR, or a",
      "               beneficiary (opening-rights NIR, birth date, sex, twin",
      "               rank); provisional or fictitious NIRs get random nf1 values",
      "  third-party  pseudonym columns -> the recipient's (never sees a NIR)",
      "Neither key alone maps a NIR to the final pseudonym, and two recipients",
      "cannot link each other's pseudonyms.",
    },
    subcommands = {
      PseudonymizeCommand.Producer.class,
      PseudonymizeCommand.ThirdParty.class,
    })
final class PseudonymizeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a stage: producer or third-party");
  }

  /** The options and the run both stages share. */
  abstract static class Stage {
    @Mixin KeyOptions keys;

    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "NAME",
        description = "Purpose of the TOKEN keyset (one per database and recipient).")
    String purpose;

    @Option(
        names = {"-q", "--quiet"},
        description = "No summary on stderr.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "IN", description = "Input CSV (UTF-8, with a header).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output CSV (must not exist).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract String name();

    abstract CsvPseudonyms stage(KeyRing ring) throws GeneralSecurityException;

    final int run() {
      PrintWriter err = spec.commandLine().getErr();
      String name = name();
      if (Errors.refusesDash(name, err, in, out)) {
        return ExitCodes.USAGE;
      }
      long start = System.nanoTime();
      try {
        KeyRing ring = keys.ring();
        Preflight.input(in);
        Preflight.output(out);
        long rows = stage(ring).pseudonymize(in, out);
        if (!quiet) {
          err.printf(
              Locale.ROOT,
              "%s: %,d rows in %,d ms%n",
              name,
              rows,
              (System.nanoTime() - start) / 1_000_000);
        }
        return ExitCodes.OK;
      } catch (Failure f) {
        err.println(name + ": " + f.getMessage());
        return f.code;
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        return Errors.fileCommand(e, name, keys.keys, in, out, err);
      }
    }
  }

  /** The producer's stage. */
  @Command(
      name = "producer",
      mixinStandardHelpOptions = true,
      description = {
        "Stage one, by whoever holds the NIRs: the NIR column becomes a column named 'pseudonym',",
        "and a column 'pseudonym_kind' (person, beneficiary or fictitious) is added at the end.",
        "Without --birth-date/--sex: the individual pseudonym of each row's own NIR.",
        "With them: the beneficiary pseudonym of (opening-rights NIR, birth date, sex[, rank]).",
        "Same-sex twins share a pseudonym unless --twin-rank is given.",
        "A bad cell stops the run (exit 1) naming line, column and reason; nothing is written.",
      })
  static final class Producer extends Stage implements java.util.concurrent.Callable<Integer> {
    @Option(
        names = "--nir",
        required = true,
        paramLabel = "COLUMN",
        description = "Column of the NIR (the opening-rights NIR for beneficiaries).")
    String nir;

    @Option(
        names = "--birth-date",
        paramLabel = "COLUMN",
        description = "Beneficiary's birth date (YYYY-MM-DD or DD/MM/YYYY).")
    String birthDate;

    @Option(names = "--sex", paramLabel = "COLUMN", description = "Beneficiary's sex (1/2, M/F/H).")
    String sex;

    @Option(
        names = "--twin-rank",
        paramLabel = "COLUMN",
        description = "Twin rank (empty or 0 for none, 1 to 9).")
    String twinRank;

    @Option(
        names = "--fictitious-when",
        paramLabel = "COLUMN=VALUE",
        description = "Treat a row as fictitious when COLUMN holds VALUE (the source's own mark).")
    String fictitiousWhen;

    @Override
    String name() {
      return "nir pseudonymize producer";
    }

    @Override
    CsvPseudonyms stage(KeyRing ring) throws GeneralSecurityException {
      CsvPseudonyms s = CsvPseudonyms.producer(BeneficiaryPseudonyms.create(ring, purpose), nir);
      if ((birthDate == null) != (sex == null) || (twinRank != null && birthDate == null)) {
        throw new IllegalArgumentException(
            "--birth-date and --sex go together (and --twin-rank needs them)");
      }
      if (birthDate != null) {
        s = s.withBeneficiary(birthDate, sex, twinRank);
      }
      if (fictitiousWhen != null) {
        int eq = fictitiousWhen.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--fictitious-when takes COLUMN=VALUE");
        }
        s = s.withFictitiousMark(fictitiousWhen.substring(0, eq), fictitiousWhen.substring(eq + 1));
      }
      return s;
    }

    @Override
    public Integer call() {
      return run();
    }
  }

  /** The third party's stage. */
  @Command(
      name = "third-party",
      mixinStandardHelpOptions = true,
      description = {
        "Stage two, by a trusted third party holding one key per recipient (the purpose):",
        "each cell of the --column columns, a keyed token (nt1) from the producer's stage, is",
        "re-keyed for the recipient; a fictitious nf1 value gets a fresh random one.",
        "Any other cell stops the run (exit 1) naming line and column; nothing is written.",
      })
  static final class ThirdParty extends Stage implements java.util.concurrent.Callable<Integer> {
    @Option(
        names = "--column",
        required = true,
        paramLabel = "COLUMN",
        description = "A pseudonym column (repeat for several).")
    List<String> columns;

    @Override
    String name() {
      return "nir pseudonymize third-party";
    }

    @Override
    CsvPseudonyms stage(KeyRing ring) throws GeneralSecurityException {
      return CsvPseudonyms.thirdParty(RecipientStage.create(ring, purpose), columns);
    }

    @Override
    public Integer call() {
      return run();
    }
  }
}
