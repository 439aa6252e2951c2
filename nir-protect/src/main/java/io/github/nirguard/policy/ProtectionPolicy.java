package io.github.nirguard.policy;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Ladder;
import io.github.nirguard.record.RecordSchema;
import io.github.nirguard.record.Sensitivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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

  private ProtectionPolicy(Builder b, String purpose) {
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
    Set<String> seen = new HashSet<>();
    for (ColumnRule r : this.rules) {
      String name = r.field().name();
      if (!seen.add(name)) {
        throw new PolicyException(r.line(), "column '" + name + "' appears twice");
      }
      if (keepsDirectIdentifier(r) && !allowClear.contains(name)) {
        throw new PolicyException(
            r.line(),
            "column '"
                + name
                + "' is a direct identifier ("
                + r.field().type().label()
                + ") and 'keep' would write it in clear: protect it, or say 'allow-clear "
                + name
                + "' in the policy");
      }
    }
    if (this.rules.isEmpty()) {
      throw new PolicyException(0, "the policy has no column");
    }
    if (requiredK == 0) {
      for (ColumnRule r : this.rules) {
        if (r.action() == Action.GENERALIZE_LEAST) {
          throw new PolicyException(
              r.line(),
              "column '"
                  + r.field().name()
                  + "': generalize:"
                  + Objects.requireNonNull(r.range()).label()
                  + " chooses the least rung reaching k: the policy needs 'require k >= N'");
        }
      }
      if (suppressionPercent > 0) {
        throw new PolicyException(
            b.suppressLine, "suppress-outliers needs 'require k >= N' (outliers of what?)");
      }
    }
    for (String name : allowClear) {
      if (rules.stream()
          .noneMatch(r -> r.field().name().equals(name) && keepsDirectIdentifier(r))) {
        throw new PolicyException(
            b.allowClearLine,
            "allow-clear '" + name + "' names no direct identifier the policy keeps");
      }
    }
    for (String column : requiredL.keySet()) {
      if (rules.stream()
          .noneMatch(
              r ->
                  r.field().name().equals(column)
                      && r.action() != Action.DROP
                      && r.action() != Action.SEAL)) {
        throw new PolicyException(
            b.requireLine,
            "require l names '" + column + "', which is no column the policy writes in clear");
      }
    }
  }

  private static boolean keepsDirectIdentifier(ColumnRule r) {
    return r.action() == Action.KEEP && r.field().sensitivity() == Sensitivity.DIRECT_IDENTIFIER;
  }

  /**
   * Returns the default policy for a schema: each field gets {@link Action#defaultFor} its type.
   *
   * @param schema the schema
   * @param purpose the key purpose
   * @return the policy
   */
  public static ProtectionPolicy defaults(RecordSchema schema, String purpose) {
    Builder b = builder().purpose(purpose);
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
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link ProtectionPolicy}: everything checked by {@link #build()}.
   *
   * <pre>{@code
   * ProtectionPolicy p = ProtectionPolicy.builder().purpose("p").column("nir", FieldType.NIR, Action.TOKEN).build();
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private @Nullable String purpose;
    private String nirProfile = "strict";
    private OnInvalid onInvalid = OnInvalid.REJECT_ROW;
    private OnLeak onLeak = OnLeak.FAIL;
    private NirFpe.Mode fpeMode = NirFpe.Mode.MARKED;
    private int schemaVersion = 1;
    private LocalDate ageBandReference = LocalDate.of(2026, 1, 1);
    private final List<ColumnRule> rules = new ArrayList<>();
    private final Set<String> allowClear = new TreeSet<>();
    private int allowClearLine;
    private int requiredK;
    private final Map<String, Integer> requiredL = new LinkedHashMap<>();
    private int requireLine;
    private double suppressionPercent;
    private int suppressLine;

    private Builder() {}

    /**
     * Sets the key purpose.
     *
     * @param purpose a purpose name, see {@link Purpose#check}
     * @return this builder
     */
    public Builder purpose(String purpose) {
      this.purpose = Purpose.check(purpose);
      return this;
    }

    /**
     * Sets the validation profile of NIR cells.
     *
     * @param name {@code strict}, {@code lenient} or {@code checksum}
     * @return this builder
     * @throws IllegalArgumentException for an unknown profile
     */
    public Builder nirProfile(String name) {
      io.github.nirguard.validate.NirValidator.named(name);
      this.nirProfile = name;
      return this;
    }

    /**
     * Sets what happens when a NIR is found, after protection, in a cell written from clear text.
     *
     * @param strategy {@link OnLeak#FAIL} (default) or {@link OnLeak#REJECT_ROW}
     * @return this builder
     * @since 0.4.0
     */
    public Builder onLeak(OnLeak strategy) {
      this.onLeak = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Sets the invalid-value strategy.
     *
     * @param strategy the strategy
     * @return this builder
     */
    public Builder onInvalid(OnInvalid strategy) {
      this.onInvalid = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Sets the FPE mode.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder fpeMode(NirFpe.Mode mode) {
      this.fpeMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the schema version bound into row seals.
     *
     * @param version the version
     * @return this builder
     */
    public Builder schemaVersion(int version) {
      this.schemaVersion = version;
      return this;
    }

    /**
     * Sets the date age bands are computed at.
     *
     * @param reference the date
     * @return this builder
     */
    public Builder ageBandReference(LocalDate reference) {
      this.ageBandReference = Objects.requireNonNull(reference, "reference");
      return this;
    }

    /**
     * Adds a column.
     *
     * @param name the column name
     * @param type its type
     * @param action its action
     * @return this builder
     * @throws PolicyException if the action does not fit the type
     */
    public Builder column(String name, FieldType type, Action action) {
      return rule(new ColumnRule(FieldSpec.of(name, type), action, 0));
    }

    /**
     * Adds a column rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(ColumnRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Lets a column of direct identifiers (NIR, name, phone, e-mail, address) be kept in clear —
     * without it, {@code keep} on such a column is refused, and {@code nir protect} says loudly
     * which columns it writes in clear.
     *
     * @param column the column name
     * @return this builder
     * @since 0.4.0
     */
    public Builder allowClear(String column) {
      allowClear.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    Builder allowClearAt(String column, int line) {
      allowClearLine = allowClearLine == 0 ? line : allowClearLine;
      return allowClear(column);
    }

    /**
     * Requires what {@code nir protect} writes to be k-anonymous: every combination of the
     * quasi-identifiers it leaves shared by at least {@code k} people, else nothing is written.
     *
     * <pre>{@code
     * ProtectionPolicy.builder().purpose("p").column("sex", FieldType.SEX, Action.KEEP).requireK(5);
     * }</pre>
     *
     * @param k at least 2
     * @return this builder
     * @since 0.4.0
     */
    public Builder requireK(int k) {
      if (k < 2) {
        throw new IllegalArgumentException("require k needs k >= 2");
      }
      requiredK = k;
      return this;
    }

    /**
     * Requires every equivalence class of what {@code nir protect} writes to hold at least {@code
     * l} distinct values of a sensitive column (distinct l-diversity), else nothing is written.
     *
     * @param column a column the policy keeps or generalises
     * @param l at least 2
     * @return this builder
     * @since 0.4.0
     */
    public Builder requireL(String column, int l) {
      Objects.requireNonNull(column, "column");
      if (l < 2) {
        throw new IllegalArgumentException("require l needs l >= 2");
      }
      requiredL.put(column, l);
      return this;
    }

    /**
     * Lets the rows left in classes smaller than {@code require k} (after generalisation) be left
     * out of what {@code nir protect} writes — each listed in the report as {@code RISK_SUPPRESSED}
     * — as long as they are at most {@code percent} % of the rows; beyond, nothing is written.
     *
     * <pre>{@code
     * ProtectionPolicy.builder().purpose("p").column("sex", FieldType.SEX, Action.KEEP).requireK(5).suppressOutliers(1);
     * }</pre>
     *
     * @param percent the most rows left out, in percent of the rows protection keeps; above 0, at
     *     most 50
     * @return this builder
     * @since 0.1.0
     */
    public Builder suppressOutliers(double percent) {
      if (!(percent > 0 && percent <= 50)) {
        throw new IllegalArgumentException("suppress-outliers takes a share above 0 and up to 50%");
      }
      suppressionPercent = percent;
      return this;
    }

    Builder suppressOutliersAt(int line) {
      suppressLine = line;
      return this;
    }

    Builder requireAt(int line) {
      requireLine = requireLine == 0 ? line : requireLine;
      return this;
    }

    private Builder from(ProtectionPolicy p) {
      purpose = p.purpose;
      nirProfile = p.nirProfile;
      onInvalid = p.onInvalid;
      onLeak = p.onLeak;
      fpeMode = p.fpeMode;
      schemaVersion = p.schemaVersion;
      ageBandReference = p.ageBandReference;
      rules.addAll(p.rules);
      allowClear.addAll(p.allowClear);
      requiredK = p.requiredK;
      requiredL.putAll(p.requiredL);
      suppressionPercent = p.suppressionPercent;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws PolicyException if there is no purpose, no column, a column twice, or a direct
     *     identifier kept in clear without {@link #allowClear}
     */
    public ProtectionPolicy build() {
      if (purpose == null) {
        throw new PolicyException(0, "the policy names no purpose ('purpose NAME')");
      }
      return new ProtectionPolicy(this, purpose);
    }
  }

  /**
   * Returns this policy with another invalid-value strategy (e.g. from the command line).
   *
   * @param strategy the strategy
   * @return the new policy
   */
  @CheckReturnValue
  public ProtectionPolicy withOnInvalid(OnInvalid strategy) {
    return new Builder().from(this).onInvalid(Objects.requireNonNull(strategy)).build();
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
    Builder b = new Builder().from(this);
    b.rules.clear();
    Set<String> used = new HashSet<>();
    for (ColumnRule r : rules) {
      Ladder.Range range = r.range();
      if (range == null) {
        b.rules.add(r);
        continue;
      }
      String name = r.field().name();
      String rung = rungs.get(name);
      if (rung == null) {
        throw new IllegalArgumentException("no rung chosen for column '" + name + "'");
      }
      int i = range.ladder().rung(rung);
      if (i < range.from() || i > range.to()) {
        throw new IllegalArgumentException(
            "rung '" + rung + "' is outside column '" + name + "''s range " + range.label());
      }
      used.add(name);
      b.rules.add(new ColumnRule(r.field(), Action.forRung(range.ladder(), i), r.line()));
    }
    for (String name : rungs.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException(
            "column '" + name + "' is not generalised to a rung chosen from the data");
      }
    }
    return b.build();
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
   * @since 0.4.0
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
   * @since 0.4.0
   */
  public Set<String> clearIdentifiers() {
    return allowClear;
  }

  /**
   * Returns the k that what {@code nir protect} writes must reach ({@code require k >= N}).
   *
   * @return k, or 0 when the policy requires none
   * @since 0.4.0
   */
  public int requiredK() {
    return requiredK;
  }

  /**
   * Returns the distinct l-diversity each sensitive column must reach ({@code require l >= N for
   * COLUMN}).
   *
   * @return column → l, in the policy's order; empty when none is required
   * @since 0.4.0
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
