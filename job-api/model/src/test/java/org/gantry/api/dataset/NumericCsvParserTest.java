package org.gantry.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The format's rules, line by line, through the push parser that every other entry point uses. */
class NumericCsvParserTest {

    @Test
    void readsNumbersInHeaderOrderWithMissingValuesAsNaN() {
        NumericCsvParser parser = new NumericCsvParser();
        List<double[]> rows = feed(parser, "x1,x2,y", "1,2.5,-3", "1e3, .5 ,+7", ",NA,NaN", "\"4\",\"5\",6");

        assertThat(parser.header()).contains(new CsvHeader(List.of("x1", "x2", "y")));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly(1, 2.5, -3);
        assertThat(rows.get(1)).containsExactly(1000, 0.5, 7);
        assertThat(rows.get(2)).containsExactly(Double.NaN, Double.NaN, Double.NaN);
        assertThat(rows.get(3)).containsExactly(4, 5, 6);
        assertThat(parser.finish("y")).isEqualTo(new DatasetSummary(new CsvHeader(List.of("x1", "x2", "y")), 4, 1));
    }

    @Test
    void quotedHeaderNamesMayHoldCommasAndQuotes() {
        NumericCsvParser parser = new NumericCsvParser();
        feed(parser, "\"area, m2\",\"the \"\"price\"\"\"", "1,2");

        assertThat(parser.finish("the \"price\"").header().columns()).containsExactly("area, m2", "the \"price\"");
    }

    @Test
    void skipsBlankLinesAndAByteOrderMarkAndCarriageReturns() {
        NumericCsvParser parser = new NumericCsvParser();
        List<double[]> rows = feed(parser, "\uFEFFa,b\r", "", "1,2\r", "   ", "3,4");

        assertThat(rows).hasSize(2);
        assertThat(parser.finish("b").header().columns()).containsExactly("a", "b");
        assertThat(parser.lines()).isEqualTo(5);
    }

    @Test
    void refusesAnEmptyFileAndAHeaderWithoutRows() {
        assertRefused(() -> new NumericCsvParser().finish(), 0, 0, "the file is empty");
        NumericCsvParser blankOnly = new NumericCsvParser();
        feed(blankOnly, "", " ");
        assertRefused(blankOnly::finish, 0, 0, "the file is empty");

        NumericCsvParser headerOnly = new NumericCsvParser();
        feed(headerOnly, "a,b");
        assertRefused(headerOnly::finish, 0, 0, "header but no data rows");
    }

    @Test
    void refusesAFirstLineOfNumbersAsNoHeader() {
        assertRefused(() -> feed(new NumericCsvParser(), "1,2,NA"), 1, 0, "no header");
    }

    @Test
    void refusesBlankAndDuplicateColumnNames() {
        assertRefused(() -> feed(new NumericCsvParser(), "a,,c"), 1, 2, "no name");
        assertRefused(() -> feed(new NumericCsvParser(), "a, \"\" ,c"), 1, 2, "no name");
        DatasetException e = assertRefused(() -> feed(new NumericCsvParser(), "a,b,a"), 1, 3,
                "repeats the name of column 1");
        assertThat(e.columnName()).isEqualTo("a");
        assertThat(e.getMessage()).isEqualTo("line 1, column 3 ('a'): the header repeats the name of column 1");
    }

    @Test
    void refusesRaggedRowsNamingTheLine() {
        DatasetException e = assertRefused(() -> feed(new NumericCsvParser(), "a,b,c", "1,2,3", "", "4,5"),
                4, 0, "has 2 cells, the header has 3 columns");
        assertThat(e.getMessage()).startsWith("line 4: ");
        assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1,2,3"), 2, 0, "has 3 cells");
    }

    @Test
    void refusesNonNumericCellsNamingLineAndColumn() {
        DatasetException e = assertRefused(() -> feed(new NumericCsvParser(), "x1,x2,price", "1,2,3", "4,five,6"),
                3, 2, "'five' is not a number");
        assertThat(e.columnName()).isEqualTo("x2");
        assertThat(e.getMessage()).startsWith("line 3, column 2 ('x2'): 'five' is not a number");
    }

    @Test
    void acceptsOnlyPlainDecimalNotation() {
        for (String bad : List.of("0x10", "1d", "1f", "Infinity", "-Infinity", "inf", "na", "nan", "1,5e", "1.2.3",
                "--1", "1e", "e5", ".", "+", "1 2")) {
            String cell = "\"" + bad + "\"";
            assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1," + cell), 2, 2, "is not a number");
        }
        assertRefused(() -> feed(new NumericCsvParser(), "a", "1e999"), 2, 1, "too large");
        List<double[]> rows = feed(new NumericCsvParser(), "a", "-0", "3.", "-.25", "1E+2", "007");
        assertThat(rows.stream().map(r -> r[0]).toList()).containsExactly(-0.0, 3.0, -0.25, 100.0, 7.0);
    }

    @Test
    void refusesBrokenQuoting() {
        assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1,\"2"), 2, 2, "not closed on this line");
        assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1,\"2\"x"), 2, 2, "after a closing quote");
        assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1,2\"3"), 2, 2, "a quote inside an unquoted value");
    }

    @Test
    void refusesBinaryContentAsNotCsv() {
        assertRefused(() -> feed(new NumericCsvParser(), "a,b", "1,\u00002"), 2, 0, "not CSV text: control character U+0000");
        assertRefused(() -> feed(new NumericCsvParser(), "PK\u0003\u0004"), 1, 0, "not CSV text");
    }

    @Test
    void namesTheDialectOfAFileSeparatedByTabsOrSemicolons() {
        assertRefused(() -> feed(new NumericCsvParser(), "a\tb\tc", "1\t2\t3"), 1, 0, "looks tab-separated");
        assertRefused(() -> feed(new NumericCsvParser(), "a;b;c"), 1, 0, "looks ';'-separated");
    }

    @Test
    void checksTheTargetColumn() {
        NumericCsvParser parser = new NumericCsvParser();
        feed(parser, "x1,x2", "1,2");
        DatasetException e = assertRefused(() -> parser.finish("price"), 1, 0, "no column named 'price'");
        assertThat(e.getMessage()).contains("(columns: 'x1', 'x2')");

        NumericCsvParser single = new NumericCsvParser();
        feed(single, "y", "1");
        assertRefused(() -> single.finish("y"), 1, 0, "the only column");
    }

    @Test
    void keepsMessagesShortAndPrintableWhateverTheCell() {
        String longCell = "z".repeat(500);
        DatasetException e = assertRefused(() -> feed(new NumericCsvParser(), "a", longCell), 2, 1, "is not a number");
        assertThat(e.getMessage()).hasSizeLessThan(200);
        DatasetException tab = assertRefused(() -> feed(new NumericCsvParser(), "a", "\"x\ty\""), 2, 1, "not a number");
        assertThat(tab.getMessage()).contains("'x\\u0009y'");
    }

    static List<double[]> feed(NumericCsvParser parser, String... lines) {
        List<double[]> rows = new ArrayList<>();
        Arrays.stream(lines).map(parser::accept).filter(r -> r != null).forEach(rows::add);
        return rows;
    }

    static DatasetException assertRefused(ThrowingCallable read, long line, int column, String reason) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).isInstanceOf(DatasetException.class).hasMessageContaining(reason);
        DatasetException e = (DatasetException) thrown;
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
        return e;
    }
}
