package io.github.nirguard.policy;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.RecordSchema;
import io.github.nirguard.record.Sensitivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which action each column gets, which keys (by purpose) protect them, and what to do with invalid
 * values — checked in full when built, before any data is read.
 *
 * <p>The file format is line-based; {@code #} starts a comment; names with spaces are quoted:
 * <pre>
 * nirguard-policy 1
 * purpose lab-export               # keys: token, prp-token, fpe and record keysets of this purpose
 * nir-profile strict               # strict (default) | lenient | checksum
 * on-invalid reject                # reject | drop-value | stop
 * fpe-mode marked                  # marked (default) | format-valid
 * schema-version 1
 * age-band-reference 2026-01-01    # for generalize:age-band
 * column nir          nir          fpe+token
 * column last_name    name         seal
 * column birth_date   birth-date   generalize:year-month
 * column phone        phone        drop
 * column "blood group" health      keep
 * </pre>
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
  static final String HEADER = "nirguard-policy 1";

  private final String purpose;
  private final String nirProfile;
  private final OnInvalid onInvalid;
  private final NirFpe.Mode fpeMode;
  private final int schemaVersion;
  private final LocalDate ageBandReference;
  private final List<ColumnRule> rules;

  private ProtectionPolicy(
      String purpose, String nirProfile, OnInvalid onInvalid, NirFpe.Mode fpeMode, int schemaVersion, LocalDate ageBandReference, List<ColumnRule> rules) {
    this.purpose = purpose;
    this.nirProfile = nirProfile;
    this.onInvalid = onInvalid;
    this.fpeMode = fpeMode;
    this.schemaVersion = schemaVersion;
    this.ageBandReference = ageBandReference;
    this.rules = List.copyOf(rules);
    Set<String> seen = new HashSet<>();
    for (ColumnRule r : this.rules) {
      if (!seen.add(r.field().name())) {
        throw new PolicyException(r.line(), "column '" + r.field().name() + "' appears twice");
      }
    }
    if (this.rules.isEmpty()) {
      throw new PolicyException(0, "the policy has no column");
    }
  }

  /**
   * Returns the default policy for a schema: each field gets {@link Action#defaultFor} its type.
   *
   * @param schema the schema
   * @param purpose the key purpose
   * @return the policy
   */
  public static ProtectionPolicy defaults(RecordSchema schema, String purpose) {
    List<ColumnRule> rules = new ArrayList<>();
    for (FieldSpec f : schema.fields()) {
      rules.add(new ColumnRule(f, Action.defaultFor(f.type()), 0));
    }
    return new ProtectionPolicy(Purpose.check(purpose), "strict", OnInvalid.REJECT_ROW, NirFpe.Mode.MARKED, 1, LocalDate.of(2026, 1, 1), rules);
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
    String[] lines = text.split("\r?\n", -1);
    String purpose = null;
    String nirProfile = "strict";
    OnInvalid onInvalid = OnInvalid.REJECT_ROW;
    NirFpe.Mode fpeMode = NirFpe.Mode.MARKED;
    int schemaVersion = 1;
    LocalDate reference = LocalDate.of(2026, 1, 1);
    List<ColumnRule> rules = new ArrayList<>();
    boolean header = false;
    for (int i = 0; i < lines.length; i++) {
      int n = i + 1;
      List<String> words = words(lines[i], n);
      if (words.isEmpty()) {
        continue;
      }
      if (!header) {
        if (!String.join(" ", words).equals(HEADER)) {
          throw new PolicyException(n, "expected '" + HEADER + "' as the first line");
        }
        header = true;
        continue;
      }
      String key = words.get(0);
      try {
        switch (key) {
          case "purpose":
            purpose = Purpose.check(one(words, n));
            break;
          case "nir-profile":
            nirProfile = one(words, n);
            io.github.nirguard.validate.NirValidator.named(nirProfile);
            break;
          case "on-invalid":
            onInvalid = OnInvalid.named(one(words, n));
            break;
          case "fpe-mode":
            String m = one(words, n);
            if (!m.equals("marked") && !m.equals("format-valid")) {
              throw new PolicyException(n, "fpe-mode must be marked or format-valid");
            }
            fpeMode = m.equals("marked") ? NirFpe.Mode.MARKED : NirFpe.Mode.FORMAT_VALID;
            break;
          case "schema-version":
            schemaVersion = Integer.parseInt(one(words, n));
            break;
          case "age-band-reference":
            reference = LocalDate.parse(one(words, n));
            break;
          case "column":
            if (words.size() < 3 || words.size() > 4) {
              throw new PolicyException(n, "expected: column NAME TYPE [ACTION]");
            }
            FieldType type = FieldType.named(words.get(2));
            Action action = words.size() == 4 ? Action.named(words.get(3)) : Action.defaultFor(type);
            rules.add(new ColumnRule(FieldSpec.of(words.get(1), type), action, n));
            break;
          default:
            throw new PolicyException(n, "unknown directive '" + key + "'");
        }
      } catch (PolicyException e) {
        throw e;
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new PolicyException(n, "malformed value for '" + key + "'");
      } catch (IllegalArgumentException e) {
        throw new PolicyException(n, e.getMessage());
      }
    }
    if (!header) {
      throw new PolicyException(1, "empty policy: expected '" + HEADER + "'");
    }
    if (purpose == null) {
      throw new PolicyException(0, "the policy names no purpose ('purpose NAME')");
    }
    return new ProtectionPolicy(purpose, nirProfile, onInvalid, fpeMode, schemaVersion, reference, rules);
  }

  private static String one(List<String> words, int line) {
    if (words.size() != 2) {
      throw new PolicyException(line, "expected exactly one value after '" + words.get(0) + "'");
    }
    return words.get(1);
  }

  /** Splits a line into words; double quotes group; {@code #} outside quotes starts a comment. */
  private static List<String> words(String line, int n) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          w.append(c);
        }
      } else if (c == '"') {
        if (w == null) {
          w = new StringBuilder();
        }
        quoted = true;
      } else if (c == '#') {
        break;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else {
        if (w == null) {
          w = new StringBuilder();
        }
        w.append(c);
      }
    }
    if (quoted) {
      throw new PolicyException(n, "unbalanced quote");
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }

  /**
   * Returns this policy with another invalid-value strategy (e.g. from the command line).
   *
   * @param strategy the strategy
   * @return the new policy
   */
  public ProtectionPolicy withOnInvalid(OnInvalid strategy) {
    return new ProtectionPolicy(purpose, nirProfile, Objects.requireNonNull(strategy), fpeMode, schemaVersion, ageBandReference, rules);
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
   * Writes the policy in its file format.
   *
   * @return the text, which {@link #parse} reads back to an equal policy
   */
  public String format() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("purpose ").append(purpose).append('\n');
    b.append("nir-profile ").append(nirProfile).append('\n');
    b.append("on-invalid ").append(onInvalid.label()).append('\n');
    b.append("fpe-mode ").append(fpeMode == NirFpe.Mode.MARKED ? "marked" : "format-valid").append('\n');
    b.append("schema-version ").append(schemaVersion).append('\n');
    b.append("age-band-reference ").append(ageBandReference).append('\n');
    for (ColumnRule r : rules) {
      String name = r.field().name();
      b.append("column ")
          .append(name.matches("[^\\s\"#]+") ? name : "\"" + name + "\"")
          .append(' ')
          .append(r.field().type().label())
          .append(' ')
          .append(r.action().label())
          .append('\n');
    }
    return b.toString();
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

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
