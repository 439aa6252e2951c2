package io.github.nirguard.policy;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.FieldType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ProtectionPolicy}: everything checked by {@link #build()}. Made by {@link
 * ProtectionPolicy#builder()}; not thread-safe.
 *
 * <pre>{@code
 * ProtectionPolicy p = ProtectionPolicy.builder().purpose("p").column("nir", FieldType.NIR, Action.TOKEN).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PolicyBuilder {
  // package-private: ProtectionPolicy's constructor reads them, RungChoice replaces the rules
  @Nullable String purpose;
  String nirProfile = "strict";
  OnInvalid onInvalid = OnInvalid.REJECT_ROW;
  OnLeak onLeak = OnLeak.FAIL;
  NirFpe.Mode fpeMode = NirFpe.Mode.MARKED;
  int schemaVersion = 1;
  LocalDate ageBandReference = LocalDate.of(2026, 1, 1);
  final List<ColumnRule> rules = new ArrayList<>();
  final Set<String> allowClear = new TreeSet<>();
  int allowClearLine;
  int requiredK;
  final Map<String, Integer> requiredL = new LinkedHashMap<>();
  int requireLine;
  double suppressionPercent;
  int suppressLine;

  PolicyBuilder() {}

  /**
   * Sets the key purpose.
   *
   * @param purpose a purpose name, see {@link Purpose#check}
   * @return this builder
   */
  public PolicyBuilder purpose(String purpose) {
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
  public PolicyBuilder nirProfile(String name) {
    io.github.nirguard.validate.NirValidator.named(name);
    this.nirProfile = name;
    return this;
  }

  /**
   * Sets what happens when a NIR is found, after protection, in a cell written from clear text.
   *
   * @param strategy {@link OnLeak#FAIL} (default) or {@link OnLeak#REJECT_ROW}
   * @return this builder
   * @since 0.1.0
   */
  public PolicyBuilder onLeak(OnLeak strategy) {
    this.onLeak = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /**
   * Sets the invalid-value strategy.
   *
   * @param strategy the strategy
   * @return this builder
   */
  public PolicyBuilder onInvalid(OnInvalid strategy) {
    this.onInvalid = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /**
   * Sets the FPE mode.
   *
   * @param mode the mode
   * @return this builder
   */
  public PolicyBuilder fpeMode(NirFpe.Mode mode) {
    this.fpeMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Sets the schema version bound into row seals.
   *
   * @param version the version
   * @return this builder
   */
  public PolicyBuilder schemaVersion(int version) {
    this.schemaVersion = version;
    return this;
  }

  /**
   * Sets the date age bands are computed at.
   *
   * @param reference the date
   * @return this builder
   */
  public PolicyBuilder ageBandReference(LocalDate reference) {
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
  public PolicyBuilder column(String name, FieldType type, Action action) {
    return rule(new ColumnRule(FieldSpec.of(name, type), action, 0));
  }

  /**
   * Adds a column rule.
   *
   * @param rule the rule
   * @return this builder
   */
  public PolicyBuilder rule(ColumnRule rule) {
    rules.add(Objects.requireNonNull(rule, "rule"));
    return this;
  }

  /**
   * Lets a column of direct identifiers (NIR, name, phone, e-mail, address) be kept in clear —
   * without it, {@code keep} on such a column is refused, and {@code nir protect} says loudly which
   * columns it writes in clear.
   *
   * @param column the column name
   * @return this builder
   * @since 0.1.0
   */
  public PolicyBuilder allowClear(String column) {
    allowClear.add(Objects.requireNonNull(column, "column"));
    return this;
  }

  PolicyBuilder allowClearAt(String column, int line) {
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
   * @since 0.1.0
   */
  public PolicyBuilder requireK(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("require k needs k >= 2");
    }
    requiredK = k;
    return this;
  }

  /**
   * Requires every equivalence class of what {@code nir protect} writes to hold at least {@code l}
   * distinct values of a sensitive column (distinct l-diversity), else nothing is written.
   *
   * @param column a column the policy keeps or generalises
   * @param l at least 2
   * @return this builder
   * @since 0.1.0
   */
  public PolicyBuilder requireL(String column, int l) {
    Objects.requireNonNull(column, "column");
    if (l < 2) {
      throw new IllegalArgumentException("require l needs l >= 2");
    }
    requiredL.put(column, l);
    return this;
  }

  /**
   * Lets the rows left in classes smaller than {@code require k} (after generalisation) be left out
   * of what {@code nir protect} writes — each listed in the report as {@code RISK_SUPPRESSED} — as
   * long as they are at most {@code percent} % of the rows; beyond, nothing is written.
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
  public PolicyBuilder suppressOutliers(double percent) {
    if (!(percent > 0 && percent <= 50)) {
      throw new IllegalArgumentException("suppress-outliers takes a share above 0 and up to 50%");
    }
    suppressionPercent = percent;
    return this;
  }

  PolicyBuilder suppressOutliersAt(int line) {
    suppressLine = line;
    return this;
  }

  PolicyBuilder requireAt(int line) {
    requireLine = requireLine == 0 ? line : requireLine;
    return this;
  }

  /** A builder holding everything a policy holds (not the lines of its file). */
  static PolicyBuilder from(ProtectionPolicy p) {
    PolicyBuilder b = new PolicyBuilder();
    b.purpose = p.purpose();
    b.nirProfile = p.nirProfile();
    b.onInvalid = p.onInvalid();
    b.onLeak = p.onLeak();
    b.fpeMode = p.fpeMode();
    b.schemaVersion = p.schemaVersion();
    b.ageBandReference = p.ageBandReference();
    b.rules.addAll(p.rules());
    b.allowClear.addAll(p.clearIdentifiers());
    b.requiredK = p.requiredK();
    b.requiredL.putAll(p.requiredL());
    b.suppressionPercent = p.suppressionPercent();
    return b;
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
