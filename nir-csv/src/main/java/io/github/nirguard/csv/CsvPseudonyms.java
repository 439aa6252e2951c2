package io.github.nirguard.csv;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirFormatException;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.Beneficiary;
import io.github.nirguard.crypto.BeneficiaryPseudonym;
import io.github.nirguard.crypto.BeneficiaryPseudonyms;
import io.github.nirguard.crypto.RecipientStage;
import io.github.nirguard.record.Generalize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The two stages of beneficiary pseudonymisation on CSV files: the producer replaces the NIR column
 * by a pseudonym ({@link #producer}), the trusted third party re-keys pseudonym columns for one
 * recipient ({@link #thirdParty}). Streaming, atomic (no output file unless every row succeeds).
 *
 * <p>The producer's output has the NIR column replaced in place by a column named {@code pseudonym}
 * and one more column at the end, {@code pseudonym_kind}: {@code person}, {@code beneficiary} or
 * {@code fictitious} (never join on those). Birth date, sex and rank columns are left as they are:
 * protect them with a policy afterwards.
 *
 * <pre>{@code
 * CsvPseudonyms.producer(BeneficiaryPseudonyms.create(ring, "producer"), "nir_od")
 *     .withBeneficiary("birth_date", "sex", "twin_rank")
 *     .pseudonymize(Path.of("lab.csv"), Path.of("lab.stage1.csv"));
 * CsvPseudonyms.thirdParty(RecipientStage.create(ttpRing, "cohort-a"), List.of("pseudonym"))
 *     .pseudonymize(Path.of("lab.stage1.csv"), Path.of("lab.cohort-a.csv"));
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class CsvPseudonyms {
  /** The name of the column that replaces the NIR column. */
  public static final String PSEUDONYM_COLUMN = "pseudonym";

  /** The name of the column added at the end: the pseudonym's kind. */
  public static final String KIND_COLUMN = "pseudonym_kind";

  private final @Nullable BeneficiaryPseudonyms producer;
  private final @Nullable RecipientStage stage;
  private final List<String> columns; // producer: nir, [birth, sex, [rank]]; third party: columns
  private final @Nullable String markColumn;
  private final @Nullable String markValue;

  private CsvPseudonyms(
      @Nullable BeneficiaryPseudonyms producer,
      @Nullable RecipientStage stage,
      List<String> columns,
      @Nullable String markColumn,
      @Nullable String markValue) {
    this.producer = producer;
    this.stage = stage;
    this.columns = List.copyOf(columns);
    this.markColumn = markColumn;
    this.markValue = markValue;
  }

  /**
   * The producer's stage: each row's NIR becomes its holder's individual pseudonym (see {@link
   * #withBeneficiary} for beneficiaries).
   *
   * @param pseudonyms the producer's pseudonyms
   * @param nirColumn the column holding the NIR (the opening-rights NIR for beneficiaries)
   * @return the stage
   */
  public static CsvPseudonyms producer(BeneficiaryPseudonyms pseudonyms, String nirColumn) {
    return new CsvPseudonyms(
        Objects.requireNonNull(pseudonyms, "pseudonyms"), null, List.of(nirColumn), null, null);
  }

  /**
   * The third party's stage: every cell of the named columns, a keyed token or a fictitious
   * pseudonym, is mapped to the recipient's.
   *
   * @param stage the recipient's stage
   * @param columns the pseudonym columns
   * @return the stage
   */
  public static CsvPseudonyms thirdParty(RecipientStage stage, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("name at least one pseudonym column");
    }
    return new CsvPseudonyms(null, Objects.requireNonNull(stage, "stage"), columns, null, null);
  }

  /**
   * Returns the producer's stage making beneficiary pseudonyms: the NIR column holds the
   * opening-rights NIR, with the beneficiary's birth date ({@code YYYY-MM-DD} or {@code
   * DD/MM/YYYY}), sex ({@code 1}/{@code 2}, {@code M}/{@code F}, {@code H}) and, if not null, twin
   * rank ({@code 1}–{@code 9}, empty for none).
   *
   * @param birthDate the birth date column
   * @param sex the sex column
   * @param twinRank the twin rank column, or null
   * @return the stage
   */
  public CsvPseudonyms withBeneficiary(String birthDate, String sex, @Nullable String twinRank) {
    requireProducer();
    List<String> c = new ArrayList<>(List.of(columns.get(0), birthDate, sex));
    if (twinRank != null) {
      c.add(twinRank);
    }
    return new CsvPseudonyms(producer, null, c, markColumn, markValue);
  }

  /**
   * Returns the producer's stage treating a row as fictitious when a column holds a value (the
   * source system's own mark of fictitious or provisional NIRs), whatever the NIR looks like.
   *
   * @param column the column
   * @param value the value that marks a fictitious NIR (compared ignoring case and blanks)
   * @return the stage
   */
  public CsvPseudonyms withFictitiousMark(String column, String value) {
    requireProducer();
    return new CsvPseudonyms(producer, null, columns, column, value.trim());
  }

  private void requireProducer() {
    if (producer == null) {
      throw new IllegalStateException("only the producer's stage reads NIRs");
    }
  }

  /**
   * Runs the stage from one file into a new one, atomically.
   *
   * @param in the input CSV
   * @param out the output (must not exist)
   * @return the number of rows written
   * @throws CsvException for malformed input or a bad cell, naming line, column and reason
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a named column is not in the file
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public long pseudonymize(Path in, Path out) throws IOException {
    try (InputStream input = Files.newInputStream(in);
        AtomicFile output = AtomicFile.create(out, in, false)) {
      long n;
      try (OutputStream o = output.stream()) {
        n = pseudonymize(input, o);
      }
      output.commit();
      return n;
    }
  }

  /**
   * Runs the stage on streams (not closed); on an exception, discard what was written.
   *
   * @param in the input CSV
   * @param out the output
   * @return the number of rows written
   * @throws CsvException for malformed input or a bad cell
   * @throws IOException if reading or writing fails
   * @throws IllegalArgumentException if a named column is not in the file
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public long pseudonymize(InputStream in, OutputStream out) throws IOException {
    Pipeline p = new Pipeline(StandardCharsets.UTF_8, null, Progress.NONE);
    return p.rewrite(in, out, producer != null ? new Producer(producer) : new ThirdParty());
  }

  private static int index(List<String> header, String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column named '" + column + "' in the file");
    }
    return i;
  }

  /** The producer's rows: NIR cell to pseudonym, kind appended. */
  private final class Producer implements Pipeline.Rewriting {
    private final BeneficiaryPseudonyms pseudonyms;
    private int nir = -1;
    private int birth = -1;
    private int sex = -1;
    private int rank = -1;
    private int mark = -1;

    Producer(BeneficiaryPseudonyms pseudonyms) {
      this.pseudonyms = pseudonyms;
    }

    @Override
    public List<String> bind(List<String> header) {
      nir = index(header, columns.get(0));
      if (columns.size() > 1) {
        birth = index(header, columns.get(1));
        sex = index(header, columns.get(2));
        rank = columns.size() > 3 ? index(header, columns.get(3)) : -1;
      }
      mark = markColumn != null ? index(header, markColumn) : -1;
      if (header.contains(PSEUDONYM_COLUMN) || header.contains(KIND_COLUMN)) {
        throw new IllegalArgumentException(
            "the file already has a '" + PSEUDONYM_COLUMN + "' or '" + KIND_COLUMN + "' column");
      }
      List<String> out = new ArrayList<>(header);
      out.set(nir, PSEUDONYM_COLUMN);
      out.add(KIND_COLUMN);
      return out;
    }

    @Override
    public String[] row(String[] cells, long line) throws CsvException {
      Nir n = nir(cells[nir], line);
      boolean marked =
          mark >= 0 && cells[mark].trim().equalsIgnoreCase(Objects.requireNonNull(markValue));
      BeneficiaryPseudonym p;
      if (birth < 0) {
        p = marked ? pseudonyms.fictitious() : pseudonyms.person(n);
      } else {
        Beneficiary b = Beneficiary.of(n, date(cells[birth], line), sex(cells[sex], line));
        if (rank >= 0) {
          b = b.withTwinRank(rank(cells[rank], line));
        }
        p = pseudonyms.beneficiary(marked ? b.withFictitiousNir() : b);
      }
      String[] out = java.util.Arrays.copyOf(cells, cells.length + 1);
      out[nir] = p.value();
      out[cells.length] = p.kind().name().toLowerCase(Locale.ROOT);
      return out;
    }

    private Nir nir(String cell, long line) throws CsvException {
      try {
        return Nir.parse(cell);
      } catch (NirFormatException strict) {
        // a provisional number (sex 7/8) or another lenient-only NIR: fictitious, never linked
        return NirProfile.LENIENT
            .tryParse(cell)
            .orElseThrow(
                () ->
                    new CsvException(
                        CsvError.INVALID_VALUE,
                        line,
                        columns.get(0),
                        "not a NIR (" + strict.reason() + ")"));
      }
    }

    private LocalDate date(String cell, long line) throws CsvException {
      LocalDate d = Generalize.date(cell.trim());
      if (d == null) {
        throw new CsvException(CsvError.INVALID_VALUE, line, columns.get(1), "not a date");
      }
      return d;
    }

    private Sex sex(String cell, long line) throws CsvException {
      switch (cell.trim().toUpperCase(Locale.ROOT)) {
        case "1":
        case "M":
        case "H":
          return Sex.MALE;
        case "2":
        case "F":
          return Sex.FEMALE;
        default:
          throw new CsvException(
              CsvError.INVALID_VALUE, line, columns.get(2), "not a sex (1, 2, M, F or H)");
      }
    }

    private int rank(String cell, long line) throws CsvException {
      String r = cell.trim();
      if (r.isEmpty() || r.equals("0")) {
        return 0;
      }
      if (r.length() == 1 && r.charAt(0) >= '1' && r.charAt(0) <= '9') {
        return r.charAt(0) - '0';
      }
      throw new CsvException(
          CsvError.INVALID_VALUE, line, columns.get(3), "not a twin rank (empty or 1 to 9)");
    }
  }

  /** The third party's rows: every named column re-keyed. */
  private final class ThirdParty implements Pipeline.Rewriting {
    private int[] at = new int[0];

    @Override
    public List<String> bind(List<String> header) {
      at = new int[columns.size()];
      for (int i = 0; i < at.length; i++) {
        at[i] = index(header, columns.get(i));
      }
      return header;
    }

    @Override
    public String[] row(String[] cells, long line) throws CsvException {
      RecipientStage s = Objects.requireNonNull(stage);
      String[] out = cells.clone();
      for (int i = 0; i < at.length; i++) {
        try {
          out[at[i]] = s.apply(cells[at[i]].trim());
        } catch (IllegalArgumentException e) {
          throw new CsvException(
              CsvError.INVALID_VALUE, line, columns.get(i), "not a keyed token or nf1 pseudonym");
        }
      }
      return out;
    }
  }

  /**
   * Returns the stage and its columns.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "CsvPseudonyms["
        + (producer != null ? "producer" : "third party")
        + ", "
        + columns
        + "]";
  }
}
