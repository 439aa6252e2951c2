package io.github.nirguard.policy;

import io.github.nirguard.crypto.NirFpe;
import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.record.FieldSpec;
import io.github.nirguard.record.FieldType;
import io.github.nirguard.record.Ladder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy file format, both ways: {@link #parse} reads it (every mistake with its line) into a
 * {@link PolicyBuilder}, {@link #format} writes a policy back ({@code parse(format(p))} equals
 * {@code p}). The format is described on {@link ProtectionPolicy}.
 */
final class PolicyText {
  static final String HEADER = "nirguard-policy 1";

  private PolicyText() {}

  static ProtectionPolicy parse(String text) {
    String[] lines = text.split("\r?\n", -1);
    String purpose = null;
    PolicyBuilder b = ProtectionPolicy.builder();
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
            b.nirProfile(one(words, n));
            break;
          case "on-invalid":
            b.onInvalid(OnInvalid.named(one(words, n)));
            break;
          case "on-leak":
            b.onLeak(OnLeak.named(one(words, n)));
            break;
          case "fpe-mode":
            String mode = one(words, n);
            try {
              b.fpeMode(NirFpe.Mode.named(mode));
            } catch (IllegalArgumentException e) {
              throw new PolicyException(n, "fpe-mode must be marked or format-valid");
            }
            break;
          case "schema-version":
            b.schemaVersion(Integer.parseInt(one(words, n)));
            break;
          case "age-band-reference":
            b.ageBandReference(LocalDate.parse(one(words, n)));
            break;
          case "column":
            if (words.size() < 3 || words.size() > 4) {
              throw new PolicyException(n, "expected: column NAME TYPE [ACTION]");
            }
            FieldType type = FieldType.named(words.get(2));
            String actionWord = words.size() == 4 ? words.get(3) : null;
            Ladder.Range range = null;
            Action action;
            if (actionWord != null
                && actionWord.startsWith("generalize:")
                && actionWord.contains("..")) {
              Ladder ladder =
                  Ladder.of(type)
                      .orElseThrow(
                          () ->
                              new PolicyException(
                                  n, "type " + type.label() + " has no generalisation ladder"));
              String[] ends = actionWord.substring("generalize:".length()).split("\\.\\.", -1);
              if (ends.length != 2) {
                throw new PolicyException(n, "expected generalize:FROM..TO");
              }
              range = ladder.range(ends[0], ends[1]);
              action = Action.GENERALIZE_LEAST;
            } else {
              action = actionWord != null ? Action.named(actionWord) : Action.defaultFor(type);
            }
            b.rule(new ColumnRule(FieldSpec.of(words.get(1), type), action, n, range));
            break;
          case "allow-clear":
            if (words.size() < 2) {
              throw new PolicyException(n, "expected: allow-clear COLUMN [COLUMN...]");
            }
            for (String column : words.subList(1, words.size())) {
              b.allowClearAt(column, n);
            }
            break;
          case "require":
            require(b, words, n);
            break;
          case "suppress-outliers":
            // suppress-outliers up to P%
            if (words.size() != 4 || !words.get(1).equals("up") || !words.get(2).equals("to")) {
              throw new PolicyException(n, "expected: suppress-outliers up to P%");
            }
            String pct = words.get(3);
            if (!pct.endsWith("%")) {
              throw new PolicyException(n, "expected: suppress-outliers up to P% (e.g. 1%)");
            }
            b.suppressOutliersAt(n).suppressOutliers(Double.parseDouble(pct.replace("%", "")));
            break;
          default:
            throw new PolicyException(n, "unknown directive '" + key + "'");
        }
      } catch (PolicyException e) {
        throw e;
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new PolicyException(n, "malformed value for '" + key + "'");
      } catch (IllegalArgumentException e) {
        throw new PolicyException(n, String.valueOf(e.getMessage()));
      }
    }
    if (!header) {
      throw new PolicyException(1, "empty policy: expected '" + HEADER + "'");
    }
    if (purpose == null) {
      throw new PolicyException(0, "the policy names no purpose ('purpose NAME')");
    }
    return b.purpose(purpose).build();
  }

  /** {@code require k >= N} or {@code require l >= N for COLUMN}. */
  private static void require(PolicyBuilder b, List<String> words, int n) {
    boolean k = words.size() == 4 && words.get(1).equals("k");
    boolean l = words.size() == 6 && words.get(1).equals("l") && words.get(4).equals("for");
    if ((!k && !l) || !words.get(2).equals(">=")) {
      throw new PolicyException(n, "expected: require k >= N, or require l >= N for COLUMN");
    }
    int value = Integer.parseInt(words.get(3));
    if (k) {
      b.requireK(value);
    } else {
      b.requireAt(n).requireL(words.get(5), value);
    }
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
    StringBuilder w = new StringBuilder();
    boolean inWord = false; // a word is open (possibly empty: "")
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
        inWord = true;
        quoted = true;
      } else if (c == '#') {
        break;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        w.append(c);
      }
    }
    if (quoted) {
      throw new PolicyException(n, "unbalanced quote");
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  static String format(ProtectionPolicy p) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("purpose ").append(p.purpose()).append('\n');
    b.append("nir-profile ").append(p.nirProfile()).append('\n');
    b.append("on-invalid ").append(p.onInvalid().label()).append('\n');
    b.append("on-leak ").append(p.onLeak().label()).append('\n');
    b.append("fpe-mode ").append(p.fpeMode().label()).append('\n');
    b.append("schema-version ").append(p.schemaVersion()).append('\n');
    b.append("age-band-reference ").append(p.ageBandReference()).append('\n');
    for (ColumnRule r : p.rules()) {
      String name = r.field().name();
      b.append("column ")
          .append(quoted(name))
          .append(' ')
          .append(r.field().type().label())
          .append(' ')
          .append(r.actionText())
          .append('\n');
    }
    for (String name : p.clearIdentifiers()) {
      b.append("allow-clear ").append(quoted(name)).append('\n');
    }
    if (p.requiredK() > 0) {
      b.append("require k >= ").append(p.requiredK()).append('\n');
    }
    if (p.suppressionPercent() > 0) {
      b.append("suppress-outliers up to ")
          .append(
              java.math.BigDecimal.valueOf(p.suppressionPercent())
                  .stripTrailingZeros()
                  .toPlainString())
          .append("%\n");
    }
    p.requiredL()
        .forEach(
            (column, l) ->
                b.append("require l >= ")
                    .append(l)
                    .append(" for ")
                    .append(quoted(column))
                    .append('\n'));
    return b.toString();
  }

  private static String quoted(String name) {
    return name.matches("[^\\s\"#]+") ? name : "\"" + name + "\"";
  }
}
