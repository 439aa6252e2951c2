package io.github.nirguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nir risk} against an independent implementation written from ARX's and sdcMicro's
 * definitions ({@code benchmarks/risk/risk_check.py}, Python standard library only): every figure
 * of the JSON report must be equal, on the sample export protected with the sample policy and on a
 * generated table shaped like the "adult" census extract.
 */
class RiskCrossCheckIT {
  private static final Path SCRIPT = Path.of("..", "benchmarks", "risk", "risk_check.py");
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir static Path dir;

  @BeforeAll
  static void needsPython() throws InterruptedException {
    boolean present;
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      present = false;
    }
    Assumptions.assumeTrue(
        present, "python3 is not installed: the independent risk check cannot run (skipped)");
  }

  @Test
  void theProtectedSampleExport() throws Exception {
    CliRun.Keys keys = CliRun.createKeys(dir, "lab-export", "token", "fpe", "record");
    Path safe = dir.resolve("lab.safe.csv");
    String policy = EXAMPLES.resolve("lab-export.policy").toString();
    CliRun.Result p =
        CliRun.run(
            keys.after(
                "protect",
                "-q",
                "--policy",
                policy,
                EXAMPLES.resolve("lab-export.csv").toString(),
                safe.toString()));
    assertEquals(0, p.code(), p.err());
    // the policy's defaults, then more quasi-identifiers
    String java = nirRisk(policy, safe);
    String python = python(safe, "birth_date,sex", "blood_group,result,ald,c2s", "nir_token");
    assertSame(python, java);
    assertTrue(java.contains("\"quasi_identifiers\":[\"birth_date\",\"sex\"]"), java);

    String wider =
        nirRisk(
            policy,
            safe,
            "--quasi",
            "birth_date,sex,blood_group,ald",
            "--sensitive",
            "test,result");
    assertSame(python(safe, "birth_date,sex,blood_group,ald", "test,result", "nir_token"), wider);
  }

  @Test
  void anAdultCensusLikeTableWithRepeatedPeople() throws Exception {
    Path adult = dir.resolve("adult.csv");
    Files.writeString(adult, adultLike(32_561, 18L), StandardCharsets.UTF_8);
    Path policy = dir.resolve("census.policy");
    Files.writeString(policy, "nirguard-policy 1\npurpose census\ncolumn sex sex keep\n");
    String quasi = "age,sex,race,education,marital_status";
    String sensitive = "occupation,income";
    String byPerson =
        nirRisk(
            policy.toString(), adult, "--quasi", quasi, "--sensitive", sensitive, "--person", "id");
    assertSame(python(adult, quasi, sensitive, "id"), byPerson);
    assertTrue(!byPerson.contains("\"memberships\":32561"), "some people are in two classes");

    String byRow =
        nirRisk(
            policy.toString(),
            adult,
            "--quasi",
            quasi,
            "--sensitive",
            sensitive,
            "--each-row-a-person");
    assertSame(python(adult, quasi, sensitive, ""), byRow);
  }

  /**
   * A table with the columns and skewed marginals of the UCI adult extract (32,561 rows), plus an
   * id: about one person in eight has two rows (a second record a few years later).
   */
  static String adultLike(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] race = {
      "White", "White", "White", "White", "White", "White", "Black", "Asian", "Other"
    };
    String[] education = {
      "HS-grad",
      "HS-grad",
      "Some-college",
      "Some-college",
      "Bachelors",
      "Masters",
      "Assoc-voc",
      "11th",
      "Assoc-acdm",
      "10th",
      "7th-8th",
      "Prof-school",
      "9th",
      "12th",
      "Doctorate",
      "5th-6th",
      "1st-4th",
      "Preschool"
    };
    String[] marital = {
      "Married-civ-spouse",
      "Married-civ-spouse",
      "Never-married",
      "Never-married",
      "Divorced",
      "Separated",
      "Widowed",
      "Married-spouse-absent",
      "Married-AF-spouse"
    };
    String[] occupation = {
      "Prof-specialty",
      "Craft-repair",
      "Exec-managerial",
      "Adm-clerical",
      "Sales",
      "Other-service",
      "Machine-op-inspct",
      "Transport-moving",
      "Handlers-cleaners",
      "Farming-fishing",
      "Tech-support",
      "Protective-serv",
      "Priv-house-serv",
      "Armed-Forces"
    };
    StringBuilder b =
        new StringBuilder("id,age,sex,race,education,marital_status,occupation,income\n");
    List<String[]> earlier = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String id;
      int age;
      String sex;
      if (!earlier.isEmpty() && r.nextInt(8) == 0) {
        String[] e = earlier.get(r.nextInt(earlier.size()));
        id = e[0];
        age = Math.min(90, Integer.parseInt(e[1]) + r.nextInt(4));
        sex = e[2];
      } else {
        id = "p" + i;
        age = 17 + (int) Math.min(73, Math.abs(r.nextGaussian()) * 20 + r.nextInt(8));
        sex = r.nextInt(3) < 2 ? "Male" : "Female";
        earlier.add(new String[] {id, String.valueOf(age), sex});
      }
      b.append(id)
          .append(',')
          .append(age)
          .append(',')
          .append(sex)
          .append(',')
          .append(race[r.nextInt(race.length)])
          .append(',')
          .append(education[Math.min(r.nextInt(education.length), r.nextInt(education.length))])
          .append(',')
          .append(marital[r.nextInt(marital.length)])
          .append(',')
          .append(occupation[r.nextInt(occupation.length)])
          .append(',')
          .append(r.nextInt(4) == 0 ? ">50K" : "<=50K")
          .append('\n');
    }
    return b.toString();
  }

  private static String nirRisk(String policy, Path file, String... options) {
    List<String> args = new ArrayList<>(List.of("risk", "--policy", policy, "--format", "json"));
    args.addAll(List.of(options));
    args.add(file.toString());
    CliRun.Result r = CliRun.run(args.toArray(new String[0]));
    assertEquals(ExitCodes.OK, r.code(), r.err());
    return r.out();
  }

  private static String python(Path file, String quasi, String sensitive, String person)
      throws IOException, InterruptedException {
    Path out = dir.resolve("python.json");
    Process p =
        new ProcessBuilder(
                "python3",
                SCRIPT.toString(),
                "--quasi",
                quasi,
                "--sensitive",
                sensitive,
                "--person",
                person,
                file.toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "python timed out");
    assertEquals(0, p.exitValue(), "risk_check.py failed");
    return Files.readString(out);
  }

  private static final Pattern TOKEN =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|-?[0-9][0-9.eE+-]*|true|false|null|[{}\\[\\]:,]");

  /** Both reports hold the same keys (as paths) with equal values; numbers compared as numbers. */
  static void assertSame(String expected, String actual) {
    TreeMap<String, String> e = flatten(expected);
    TreeMap<String, String> a = flatten(actual);
    assertEquals(e.keySet(), a.keySet(), "the same figures");
    assertTrue(e.size() > 20, "the reports were parsed");
    for (String key : e.keySet()) {
      String x = e.get(key);
      String y = a.get(key);
      if (x.matches("-?[0-9].*") && y.matches("-?[0-9].*")) {
        assertEquals(Double.parseDouble(x), Double.parseDouble(y), 1e-12, key);
      } else {
        assertEquals(x, y, key);
      }
    }
  }

  /** A JSON text to path → scalar (paths like {@code prosecutor.highest}, {@code sensitive.1}). */
  static TreeMap<String, String> flatten(String json) {
    TreeMap<String, String> out = new TreeMap<>();
    List<String> path = new ArrayList<>();
    List<Integer> index = new ArrayList<>(); // -1 in an object, else the next array index
    String key = null;
    Matcher m = TOKEN.matcher(json);
    while (m.find()) {
      String t = m.group();
      switch (t) {
        case "{":
        case "[":
          path.add(
              key == null
                  ? (index.isEmpty() ? "" : String.valueOf(index.get(index.size() - 1)))
                  : key);
          index.add(t.equals("{") ? -1 : 0);
          key = null;
          break;
        case "}":
        case "]":
          path.remove(path.size() - 1);
          index.remove(index.size() - 1);
          key = null;
          break;
        case ":":
        case ",":
          break;
        default:
          int last = index.get(index.size() - 1);
          if (last == -1 && key == null && m.group(1) != null && json.charAt(m.end()) == ':') {
            key = m.group(1);
            continue;
          }
          String name =
              String.join(".", path.subList(1, path.size()))
                  + (path.size() > 1 ? "." : "")
                  + (last == -1 ? key : String.valueOf(last));
          out.put(name, m.group(1) != null ? m.group(1) : t);
          if (last != -1) {
            index.set(index.size() - 1, last + 1);
          }
          key = null;
      }
    }
    return out;
  }
}
