package io.github.nirguard.policy;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.RecordSchema;
import io.github.nirguard.record.Sensitivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which action each column gets, which keys (by purpose) protect them, and what to do with invalid
 * values — checked in full when built, before any data is read.
 *
 * <p>The file format is line-based; {@code #} starts a comment; names with spaces are quoted:
 *
 * <pre>
 * nirguard-policy 1
 * purpose lab-export               # keys: token, prp-token, fpe and record keysets of this purpose
 * nir-profile strict               # strict (default) | lenient | checksum
 * on-invalid reject                # reject | drop-value | stop
 * fpe-mode marked                  # marked (default) | format-valid
 * schema-version 1
 * age-band-reference 2026-01-01    # for generalize:age-band
 * require k >= 5                   # nir protect writes nothing less than 5-anonymous
 * require l >= 2 for blood_group   # nor a class with a single blood group
 * suppress-outliers up to 1%       # rows left in classes below k may be left out, up to 1 %
 * column nir          nir          fpe+token
 * column last_name    name         seal
 * column birth_date   birth-date   generalize:year-month..5-year   # least rung reaching k
 * column phone        phone        drop
 * column "blood group" health      keep
 * </pre>
 *
 * A column line may leave out the action ({@code column phone phone}): the type's default applies,
 * see {@link Action#defaultFor}.
 *
 * <pre>{@code
 * ProtectionPolicy p = ProtectionPolicy.read(Path.of("lab-export.policy"));
 * ProtectionPolicy q = ProtectionPolicy.defaults(RecordSchema.beneficiary(), "lab-export");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ProtectionPolicy {

  private final String purpose;
  private final String nirProfile;
  private final OnInvalid onInvalid;
  private final OnLeak onLeak;
  private final NirFpe.Mode fpeMode;
  private final int schemaVersion;
  private final LocalDate ageBandReference;
  private final List<ColumnRule> rules;

  private final Set<String> allowClear;
  private final int requiredK;
  private final Map<String, Integer> requiredL;
  private final double suppressionPercent;

  /** Made by {@link PolicyBuilder#build()}, which has checked the purpose; checks the rest. */
  ProtectionPolicy(PolicyBuilder b, String purpose) {
    this.purpose = purpose;
    this.nirProfile = b.nirProfile;
    this.onInvalid = b.onInvalid;
    this.onLeak = b.onLeak;
    this.fpeMode = b.fpeMode;
    this.schemaVersion = b.schemaVersion;
    this.ageBandReference = b.ageBandReference;
    this.rules = List.copyOf(b.rules);
    this.allowClear = Collections.unmodifiableSet(new TreeSet<>(b.allowClear));
    this.requiredK = b.requiredK;
    this.requiredL = Collections.unmodifiableMap(new LinkedHashMap<>(b.requiredL));
    this.suppressionPercent = b.suppressionPercent;
    PolicyChecks.check(this, b.allowClearLine, b.requireLine, b.suppressLine);
  }

  /**
   * Returns the default policy for a schema: each field gets {@link Action#defaultFor} its type.
   *
   * @param schema the schema
   * @param purpose the key purpose
   * @return the policy
   */
  public static ProtectionPolicy defaults(RecordSchema schema, String purpose) {
    PolicyBuilder b = builder().purpose(purpose);
    for (FieldSpec f : schema.fields()) {
      b.rule(new ColumnRule(f, Action.defaultFor(f.type()), 0));
    }
    return b.build();
  }

  /**
   * Reads a policy file (UTF-8; a leading byte-order mark, as some Windows editors write, is
   * skipped).
   *
   * @param file the file
   * @return the policy
   * @throws IOException if it cannot be read
   * @throws PolicyException with the line of the first mistake
   */
  public static ProtectionPolicy read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  /**
   * Parses a policy text.
   *
   * @param text the text
   * @return the policy
   * @throws PolicyException with the line of the first mistake
   */
  public static ProtectionPolicy parse(String text) {
    return PolicyText.parse(text);
  }

  /**
   * Returns a builder, the way to make a policy in code rather than from a file.
   *
   * <pre>{@code
   * ProtectionPolicy p = ProtectionPolicy.builder()
   *     .purpose("lab-export")
   *     .column("nir", FieldType.NIR, Action.FPE_AND_TOKEN)
   *     .column("last_name", FieldType.NAME, Action.SEAL)
   *     .build();
   * }</pre>
   *
   * @return a builder with the defaults: strict profile, reject, marked FPE, schema version 1
   * @since 0.1.0
   */
  public static PolicyBuilder builder() {
    return new PolicyBuilder();
  }

  /**
   * Returns this policy with another invalid-value strategy (e.g. from the command line).
   *
   * @param strategy the strategy
   * @return the new policy
   */
  @CheckReturnValue
  public ProtectionPolicy withOnInvalid(OnInvalid strategy) {
    return PolicyBuilder.from(this).onInvalid(Objects.requireNonNull(strategy)).build();
  }

  /**
   * Returns this policy with each {@link Action#GENERALIZE_LEAST} column set to a rung of its
   * ladder (as a least-generalisation plan chose them): the policy the second pass protects with.
   *
   * <pre>{@code
   * ProtectionPolicy fixed = policy.withRungs(Map.of("birth_date", "year"));   // generalize:year
   * }</pre>
   *
   * @param rungs column → rung name, for every such column
   * @return the new policy, without ranges
   * @throws IllegalArgumentException if a column is missing, is no such column, or a rung is
   *     outside its range
   * @since 0.1.0
   */
  @CheckReturnValue
  public ProtectionPolicy withRungs(Map<String, String> rungs) {
    return RungChoice.apply(this, rungs);
  }

  /**
   * Returns the rules whose rung is chosen from the data ({@link Action#GENERALIZE_LEAST}).
   *
   * @return the rules, in order; each has a {@link ColumnRule#range()}
   * @since 0.1.0
   */
  public List<ColumnRule> leastGeneralisation() {
    List<ColumnRule> out = new ArrayList<>();
    for (ColumnRule r : rules) {
      if (r.action() == Action.GENERALIZE_LEAST) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Returns whether protecting with this policy needs a first pass over the data: a rung chosen
   * from the data, or outliers that may be suppressed.
   *
   * @return {@code true} if {@link #leastGeneralisation()} is not empty or {@link
   *     #suppressionPercent()} is above 0
   * @since 0.1.0
   */
  public boolean needsPlan() {
    return suppressionPercent > 0 || !leastGeneralisation().isEmpty();
  }

  /**
   * Returns the most rows {@code suppress-outliers} may leave out, in percent of the rows
   * protection keeps.
   *
   * @return the percentage, or 0 when the policy suppresses nothing
   * @since 0.1.0
   */
  public double suppressionPercent() {
    return suppressionPercent;
  }

  /**
   * Returns the key purpose.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the name of the validation profile NIR cells must pass: {@code strict} (default),
   * {@code lenient} or {@code checksum} (which also accepts never-real test NIRs).
   *
   * @return the profile name
   */
  public String nirProfile() {
    return nirProfile;
  }

  /**
   * Returns what happens when a NIR is still found in a cell written from clear text (kept, masked,
   * generalised or scanned columns; not a column the policy allows in clear).
   *
   * @return the strategy
   * @since 0.1.0
   */
  public OnLeak onLeak() {
    return onLeak;
  }

  /**
   * Returns the invalid-value strategy.
   *
   * @return the strategy
   */
  public OnInvalid onInvalid() {
    return onInvalid;
  }

  /**
   * Returns the FPE mode.
   *
   * @return the mode
   */
  public NirFpe.Mode fpeMode() {
    return fpeMode;
  }

  /**
   * Returns the schema version bound into sealed cells.
   *
   * @return the version
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Returns the date at which age bands are computed.
   *
   * @return the reference date
   */
  public LocalDate ageBandReference() {
    return ageBandReference;
  }

  /**
   * Returns the column rules in order.
   *
   * @return an unmodifiable list
   */
  public List<ColumnRule> rules() {
    return rules;
  }

  /**
   * Returns the rule of a column.
   *
   * @param column the column name
   * @return the rule, or empty
   */
  public Optional<ColumnRule> rule(String column) {
    return rules.stream().filter(r -> r.field().name().equals(column)).findFirst();
  }

  /**
   * Returns whether any column is of a sensitivity class and kept in clear.
   *
   * @param s the class
   * @return {@code true} if such a column is kept as is
   */
  public boolean keepsInClear(Sensitivity s) {
    return rules.stream().anyMatch(r -> r.field().sensitivity() == s && r.action() == Action.KEEP);
  }

  /**
   * Returns the columns of direct identifiers the policy writes in clear, by explicit {@code
   * allow-clear}.
   *
   * @return the column names, sorted; empty for a policy that protects every direct identifier
   * @since 0.1.0
   */
  public Set<String> clearIdentifiers() {
    return allowClear;
  }

  /**
   * Returns the k that what {@code nir protect} writes must reach ({@code require k >= N}).
   *
   * @return k, or 0 when the policy requires none
   * @since 0.1.0
   */
  public int requiredK() {
    return requiredK;
  }

  /**
   * Returns the distinct l-diversity each sensitive column must reach ({@code require l >= N for
   * COLUMN}).
   *
   * @return column → l, in the policy's order; empty when none is required
   * @since 0.1.0
   */
  public Map<String, Integer> requiredL() {
    return requiredL;
  }

  /**
   * Writes the policy in its file format.
   *
   * @return the text, which {@link #parse} reads back to an equal policy
   */
  public String format() {
    return PolicyText.format(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtectionPolicy && ((ProtectionPolicy) o).format().equals(format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  @Override
  public String toString() {
    return "ProtectionPolicy[purpose=" + purpose + ", " + rules.size() + " columns]";
  }
}
