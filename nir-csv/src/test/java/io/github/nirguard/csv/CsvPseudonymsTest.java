package io.github.nirguard.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirError;
import io.github.nirguard.core.Sex;
import io.github.nirguard.crypto.Beneficiary;
import io.github.nirguard.crypto.BeneficiaryPseudonym;
import io.github.nirguard.crypto.BeneficiaryPseudonyms;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.crypto.RecipientStage;
import io.github.nirguard.testkit.Families;
import io.github.nirguard.testkit.Family;
import io.github.nirguard.testkit.FamilyMember;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Gen;
import io.github.nirguard.testkit.Nirs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both stages of {@link CsvPseudonyms} against {@link BeneficiaryPseudonyms} and {@link
 * RecipientStage} applied cell by cell: the file stage must give exactly their values, kinds and
 * errors.
 */
class CsvPseudonymsTest {
  static BeneficiaryPseudonyms producer;
  static RecipientStage stage;
  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    producer =
        BeneficiaryPseudonyms.create(
            KeyRingManager.empty().add("producer", KeyKind.TOKEN).ring(), "producer");
    stage =
        RecipientStage.create(
            KeyRingManager.empty().add("cohort-a", KeyKind.TOKEN).ring(), "cohort-a");
  }

  static String run(CsvPseudonyms p, String csv) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = p.pseudonymize(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(csv.split("\n", -1).length - 2, n, "rows returned");
    return text;
  }

  static List<String[]> rows(String text) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      rows.add(line.split(";", -1));
    }
    return rows;
  }

  static CsvException fails(CsvPseudonyms p, String csv) {
    return assertThrows(
        CsvException.class,
        () ->
            p.pseudonymize(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream()));
  }

  /** A person row: the NIR text, whether the source marks it fictitious, the expected kind. */
  record PersonRow(String nir, boolean marked, boolean lenientOnly) {}

  static final Gen<List<PersonRow>> PERSON_FILES =
      random -> {
        Gen<Nir> valid = Nirs.valid();
        Gen<Nir> provisional = Nirs.lenientOnly(Leniency.SEX_7_8);
        List<PersonRow> rows = new ArrayList<>();
        int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 700 : 40);
        for (int i = 0; i < n; i++) {
          boolean lenient = random.nextInt(6) == 0;
          Nir nir = (lenient ? provisional : valid).next(random);
          rows.add(new PersonRow(nir.compact(), random.nextInt(7) == 0, lenient));
        }
        return rows;
      };

  static final String[] MARKS = {" YES ", "yes", "Yes"};
  static final String[] NOT_MARKS = {"", "no", "yes please"};

  @Test
  void theProducerGivesEachPersonTheirKeyedPseudonym() {
    ForAll.check(
        "producer: person pseudonyms",
        60,
        ForAll.seed(),
        PERSON_FILES,
        file -> {
          SplittableRandom r = new SplittableRandom(file.size());
          StringBuilder csv = new StringBuilder("id;nir;fict\n");
          for (int i = 0; i < file.size(); i++) {
            PersonRow p = file.get(i);
            String mark =
                p.marked()
                    ? MARKS[r.nextInt(MARKS.length)]
                    : NOT_MARKS[r.nextInt(NOT_MARKS.length)];
            csv.append("r").append(i).append(';').append(p.nir()).append(';').append(mark);
            csv.append('\n');
          }
          CsvPseudonyms stage1 =
              CsvPseudonyms.producer(producer, "nir").withFictitiousMark("fict", "yes");
          List<String[]> out = rows(unchecked(() -> run(stage1, csv.toString())));
          assertEquals(
              List.of("id", "pseudonym", "fict", "pseudonym_kind"), List.of(out.get(0)), "header");
          assertEquals(file.size() + 1, out.size());
          for (int i = 0; i < file.size(); i++) {
            PersonRow p = file.get(i);
            String[] row = out.get(i + 1);
            assertEquals(4, row.length);
            assertEquals("r" + i, row[0]);
            if (p.marked() || p.lenientOnly()) {
              assertEquals("fictitious", row[3], "row " + i);
              assertTrue(RecipientStage.isFictitious(row[1]), "row " + i);
            } else {
              BeneficiaryPseudonym want = producer.person(Nir.parse(p.nir()));
              assertEquals("person", row[3], "row " + i);
              assertEquals(want.value(), row[1], "row " + i);
            }
          }
        });
  }

  static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

  static String sexCell(Sex sex, SplittableRandom r) {
    String[] male = {"1", "M", "H", "m", " h "};
    String[] female = {"2", "F", "f", " 2 "};
    String[] pick = sex == Sex.MALE ? male : female;
    return pick[r.nextInt(pick.length)];
  }

  static String rankCell(int rank, SplittableRandom r) {
    if (rank == 0) {
      String[] none = {"", "0", " "};
      return none[r.nextInt(none.length)];
    }
    return r.nextBoolean() ? Integer.toString(rank) : " " + rank + " ";
  }

  @Test
  void theProducerGivesEachBeneficiaryTheirKeyedPseudonym() {
    Gen<List<Family>> families =
        random -> {
          List<Family> f = new ArrayList<>();
          int n = 1 + random.nextInt(12);
          for (int i = 0; i < n; i++) {
            f.add(Families.synthetic().next(random));
          }
          return f;
        };
    ForAll.check(
        "producer: beneficiary pseudonyms",
        60,
        ForAll.seed(),
        families,
        fs -> {
          SplittableRandom r = new SplittableRandom(fs.size() * 31L);
          List<FamilyMember> members = new ArrayList<>();
          fs.forEach(f -> members.addAll(f.members()));
          boolean withRank = fs.size() % 3 != 0;
          StringBuilder csv =
              new StringBuilder("opening;born;s" + (withRank ? ";twin" : "") + ";flag\n");
          List<Boolean> marked = new ArrayList<>();
          for (FamilyMember m : members) {
            boolean mark = r.nextInt(9) == 0;
            marked.add(mark);
            LocalDate b = m.birthDate();
            csv.append(m.openingRightsNir().compact())
                .append(';')
                .append(r.nextBoolean() ? b.toString() : b.format(FRENCH))
                .append(';')
                .append(sexCell(m.sex(), r));
            if (withRank) {
              csv.append(';').append(rankCell(m.twinRank(), r));
            }
            csv.append(';').append(mark ? "P" : "").append('\n');
          }
          CsvPseudonyms stage1 =
              CsvPseudonyms.producer(producer, "opening")
                  .withBeneficiary("born", "s", withRank ? "twin" : null)
                  .withFictitiousMark("flag", "p");
          List<String[]> out = rows(unchecked(() -> run(stage1, csv.toString())));
          List<String> header =
              new ArrayList<>(List.of("pseudonym", "born", "s", "twin", "flag", "pseudonym_kind"));
          if (!withRank) {
            header.remove("twin");
          }
          assertEquals(header, List.of(out.get(0)));
          for (int i = 0; i < members.size(); i++) {
            FamilyMember m = members.get(i);
            String[] row = out.get(i + 1);
            Beneficiary b = Beneficiary.of(m.openingRightsNir(), m.birthDate(), m.sex());
            if (withRank) {
              b = b.withTwinRank(m.twinRank());
            }
            if (marked.get(i) || m.provisional()) {
              assertEquals("fictitious", row[row.length - 1], "member " + i);
              assertTrue(RecipientStage.isFictitious(row[0]), "member " + i);
            } else {
              assertEquals("beneficiary", row[row.length - 1], "member " + i);
              assertEquals(producer.beneficiary(b).value(), row[0], "member " + i);
            }
          }
        });
  }

  @Test
  void everyTwinRankCellIsReadAsItsDigit() throws IOException {
    Nir parent = Nirs.valid().next(new SplittableRandom(7));
    LocalDate born = LocalDate.of(2011, 3, 9);
    StringBuilder csv = new StringBuilder("nir;born;sex;rank\n");
    String[] cells = {"", "0", " 0 ", "1", "2", "3", "4", "5", "6", "7", "8", "9", " 9"};
    for (String c : cells) {
      csv.append(parent.compact()).append(";09/03/2011;F;").append(c).append('\n');
    }
    CsvPseudonyms p =
        CsvPseudonyms.producer(producer, "nir").withBeneficiary("born", "sex", "rank");
    List<String[]> out = rows(run(p, csv.toString()));
    for (int i = 0; i < cells.length; i++) {
      int rank = cells[i].isBlank() ? 0 : Integer.parseInt(cells[i].trim());
      String want =
          producer.beneficiary(Beneficiary.of(parent, born, Sex.FEMALE).withTwinRank(rank)).value();
      assertEquals(want, out.get(i + 1)[0], "rank cell " + i);
    }
    assertNotEquals(out.get(1)[0], out.get(4)[0], "rank 1 is not rank 0");
  }

  @Test
  void theNamedColumnsMayComeFirst() throws IOException {
    Nir parent = Nirs.valid().next(new SplittableRandom(17));
    String n = parent.compact();
    LocalDate born = LocalDate.of(2004, 12, 31);
    Beneficiary b = Beneficiary.of(parent, born, Sex.MALE);
    // the mark first
    List<String[]> marked =
        rows(
            run(
                CsvPseudonyms.producer(producer, "nir").withFictitiousMark("flag", "x"),
                "flag;nir\nx;" + n + "\n;" + n + "\n"));
    assertEquals("fictitious", marked.get(1)[2]);
    assertEquals(producer.person(parent).value(), marked.get(2)[1]);
    // the birth date first
    List<String[]> byBirth =
        rows(
            run(
                CsvPseudonyms.producer(producer, "nir").withBeneficiary("born", "sex", null),
                "born;sex;nir\n2004-12-31;1;" + n + "\n"));
    assertEquals(List.of("born", "sex", "pseudonym", "pseudonym_kind"), List.of(byBirth.get(0)));
    assertEquals(producer.beneficiary(b).value(), byBirth.get(1)[2]);
    assertEquals("beneficiary", byBirth.get(1)[3]);
    // the twin rank first
    List<String[]> byRank =
        rows(
            run(
                CsvPseudonyms.producer(producer, "nir").withBeneficiary("born", "sex", "rank"),
                "rank;nir;born;sex\n2;" + n + ";31/12/2004;H\n"));
    assertEquals(producer.beneficiary(b.withTwinRank(2)).value(), byRank.get(1)[1]);
    assertNotEquals(producer.beneficiary(b).value(), byRank.get(1)[1]);
  }

  @Test
  void badCellsNameTheirLineColumnAndReason() {
    SplittableRandom random = new SplittableRandom(13);
    Nir nir = Nirs.valid().next(random);
    String bad = Nirs.invalid(NirError.KEY_MISMATCH).next(random);
    String good = nir.compact() + ";1990-01-02;1;\n";
    String head = "nir;born;sex;rank\n";
    CsvPseudonyms p =
        CsvPseudonyms.producer(producer, "nir").withBeneficiary("born", "sex", "rank");
    // line 1 is the header: the fourth data row is line 5, and row 300 is in the second block
    String many = good.repeat(299);
    CsvException e = fails(p, head + good.repeat(3) + bad + ";1990-01-02;1;\n" + good);
    assertCell(e, 5, "nir");
    assertTrue(e.getMessage().endsWith("not a NIR (KEY_MISMATCH)"), e.getMessage());
    assertFalse(e.getMessage().contains(bad.trim()), "the cell is never shown");
    assertCell(fails(p, head + many + nir.compact() + ";1990-13-02;1;\n"), 301, "born");
    assertCell(fails(p, head + good + nir.compact() + ";yesterday;1;\n"), 3, "born");
    assertCell(fails(p, head + good + good + nir.compact() + ";1990-01-02;X;\n"), 4, "sex");
    assertCell(fails(p, head + nir.compact() + ";1990-01-02;;\n"), 2, "sex");
    for (String rank : new String[] {"10", "a", ":", "/", "-1", "01"}) {
      assertCell(fails(p, head + good + nir.compact() + ";1990-01-02;2;" + rank + "\n"), 3, "rank");
    }
    // the producer of persons refuses the same NIR at the same place
    CsvException person =
        fails(CsvPseudonyms.producer(producer, "nir"), "x;nir\na;" + nir.compact() + "\nb;1\n");
    assertCell(person, 3, "nir");
  }

  static void assertCell(CsvException e, long line, String column) {
    assertEquals(CsvError.INVALID_VALUE, e.error(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column().orElseThrow(), e.getMessage());
  }

  @Test
  void missingAndClashingColumnsAreRefused() {
    String nir = Nirs.valid().next(new SplittableRandom(3)).compact();
    CsvPseudonyms p = CsvPseudonyms.producer(producer, "nir");
    assertThrows(IllegalArgumentException.class, () -> run(p, "id;other\n1;" + nir + "\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> run(p.withFictitiousMark("flag", "x"), "id;nir\n1;" + nir + "\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> run(p.withBeneficiary("born", "sex", null), "nir;sex\n" + nir + ";1\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> run(p.withBeneficiary("born", "sex", null), "nir;born\n" + nir + ";2000-01-01\n"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            run(
                p.withBeneficiary("born", "sex", "rank"),
                "nir;born;sex\n" + nir + ";2000-01-01;1\n"));
    assertThrows(IllegalArgumentException.class, () -> run(p, "nir;pseudonym\n" + nir + ";1\n"));
    assertThrows(
        IllegalArgumentException.class, () -> run(p, "nir;pseudonym_kind\n" + nir + ";1\n"));
    CsvPseudonyms third = CsvPseudonyms.thirdParty(stage, List.of("a", "b"));
    assertThrows(IllegalArgumentException.class, () -> run(third, "a;c\nx;y\n"));
    assertThrows(IllegalArgumentException.class, () -> CsvPseudonyms.thirdParty(stage, List.of()));
    assertThrows(IllegalStateException.class, () -> third.withBeneficiary("a", "b", null));
    assertThrows(IllegalStateException.class, () -> third.withFictitiousMark("a", "b"));
  }

  @Test
  void theThirdPartyRekeysEveryNamedColumn() {
    ForAll.check(
        "third party: re-keyed pseudonyms",
        40,
        ForAll.seed(),
        PERSON_FILES,
        file -> {
          StringBuilder csv = new StringBuilder("id;nir;fict\n");
          for (int i = 0; i < file.size(); i++) {
            csv.append(i).append(';').append(file.get(i).nir()).append(';');
            csv.append(file.get(i).marked() ? "yes" : "").append('\n');
          }
          CsvPseudonyms p =
              CsvPseudonyms.producer(producer, "nir").withFictitiousMark("fict", "yes");
          String stage1 = unchecked(() -> run(p, csv.toString()));
          // a second pseudonym column, with blanks around the values, and one column left alone
          StringBuilder two = new StringBuilder();
          List<String[]> in = rows(stage1);
          for (int i = 0; i < in.size(); i++) {
            String[] r = in.get(i);
            String partner = i == 0 ? "partner" : " " + in.get(in.size() - i)[1] + " ";
            two.append(String.join(";", r)).append(';').append(partner).append('\n');
          }
          CsvPseudonyms third = CsvPseudonyms.thirdParty(stage, List.of("partner", "pseudonym"));
          List<String[]> out = rows(unchecked(() -> run(third, two.toString())));
          assertEquals(
              List.of("id", "pseudonym", "fict", "pseudonym_kind", "partner"), List.of(out.get(0)));
          List<String[]> src = rows(two.toString());
          for (int i = 1; i < out.size(); i++) {
            String[] o = out.get(i);
            String[] s = src.get(i);
            assertEquals(s[0], o[0]);
            assertEquals(s[2], o[2]);
            assertEquals(s[3], o[3]);
            for (int c : new int[] {1, 4}) {
              String cell = s[c].trim();
              if (RecipientStage.isFictitious(cell)) {
                assertTrue(RecipientStage.isFictitious(o[c]), "row " + i);
                assertNotEquals(cell, o[c], "a fresh fictitious value");
              } else {
                assertEquals(stage.apply(cell), o[c], "row " + i + " column " + c);
                assertNotEquals(cell, o[c]);
              }
            }
          }
        });
  }

  @Test
  void theThirdPartyNamesTheCellThatIsNoPseudonym() throws IOException {
    String token = producer.person(Nirs.valid().next(new SplittableRandom(5))).value();
    CsvPseudonyms third = CsvPseudonyms.thirdParty(stage, List.of("a", "b"));
    String good = token + ";x;" + token + "\n";
    String head = "a;c;b\n";
    CsvException e = fails(third, head + good + good + token + ";x;nt9.zz\n");
    assertCell(e, 4, "b");
    assertFalse(e.getMessage().contains("nt9.zz"));
    assertCell(fails(third, head + "plain;x;" + token + "\n"), 2, "a");
    assertEquals(
        head + stage.apply(token) + ";x;" + stage.apply(token) + "\n", run(third, head + good));
  }

  @Test
  void filesAreWrittenWholeOrNotAtAll() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder csv = new StringBuilder("nir;v\n");
    for (int i = 0; i < 5; i++) {
      csv.append(Nirs.valid().next(random).compact()).append(';').append(i).append('\n');
    }
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, csv);
    CsvPseudonyms p = CsvPseudonyms.producer(producer, "nir");
    assertEquals(5, p.pseudonymize(in, out));
    assertEquals(run(p, csv.toString()), Files.readString(out));
    Path bad = dir.resolve("bad.csv");
    Path none = dir.resolve("none.csv");
    Files.writeString(bad, csv + "123;5\n");
    CsvException e = assertThrows(CsvException.class, () -> p.pseudonymize(bad, none));
    assertEquals(7, e.line());
    assertFalse(Files.exists(none), "no output on a failure");
  }

  @Test
  void describesItsStageAndColumnsOnly() {
    assertEquals(
        "CsvPseudonyms[producer, [nir, born, sex]]",
        CsvPseudonyms.producer(producer, "nir").withBeneficiary("born", "sex", null).toString());
    assertEquals(
        "CsvPseudonyms[producer, [nir]]",
        CsvPseudonyms.producer(producer, "nir").withFictitiousMark("f", "y").toString());
    assertEquals(
        "CsvPseudonyms[third party, [p, q]]",
        CsvPseudonyms.thirdParty(stage, List.of("p", "q")).toString());
  }

  interface Io<T> {
    T get() throws IOException;
  }

  static <T> T unchecked(Io<T> io) {
    try {
      return io.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
