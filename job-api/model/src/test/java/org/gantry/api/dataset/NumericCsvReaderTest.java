package org.gantry.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.dataset.NumericCsvParserTest.assertRefused;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes to rows: the pull reader over a stream, the push upload check, and whole-file loading. */
class NumericCsvReaderTest {
    private static final String CSV = "x1,x2,y\r\n1,2,3\r\n\r\n4,,6\r\n\"7\",8,9";

    @TempDir
    Path dir;

    @Test
    void readsRowsFromAStreamAndSummarisesIt() throws IOException {
        try (NumericCsvReader csv = NumericCsvReader.of(stream(CSV))) {
            assertThat(csv.header().columns()).containsExactly("x1", "x2", "y");
            List<double[]> rows = new ArrayList<>();
            for (double[] row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1)).containsExactly(4, Double.NaN, 6);
            assertThat(rows.get(2)).containsExactly(7, 8, 9);
            assertThat(csv.finish("y").rowsWithMissing()).isEqualTo(1);
        }
    }

    @Test
    void anUploadCutAnywhereReadsAsTheWholeFile() {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        DatasetSummary whole = upload(bytes, bytes.length);
        for (int chunk = 1; chunk < bytes.length; chunk++) {
            assertThat(upload(bytes, chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
        assertThat(whole.rows()).isEqualTo(3);
    }

    @Test
    void lineEndingsOfEveryKindCountTheSame() throws IOException {
        for (String eol : List.of("\n", "\r\n", "\r")) {
            String csv = String.join(eol, "a,b", "1,2", "3,x") + eol;
            assertRefused(() -> NumericCsvReader.validate(stream(csv), null), 3, 2, "'x' is not a number");
        }
    }

    @Test
    void refusesBytesThatAreNotUtf8AtTheirOwnLine() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(",1\n");
        }
        byte[] head = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 4];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = '1';
        bytes[head.length + 1] = ',';
        bytes[head.length + 2] = (byte) 0xC3; // a lead byte with no continuation
        bytes[head.length + 3] = '\n';

        assertRefused(() -> NumericCsvReader.validate(new ByteArrayInputStream(bytes), null), 5002, 0, "not UTF-8 text");
        assertRefused(() -> upload(bytes, 777), 5002, 0, "not UTF-8 text");
    }

    @Test
    void reportsTheFirstProblemInTheFileNotALaterOneInTheSameChunk() {
        byte[] bytes = "a,b\n1\n\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(() -> NumericCsvReader.validate(new ByteArrayInputStream(bytes), null), 2, 0, "has 1 cell");
    }

    @Test
    void refusesALineLongerThanTheCapWithoutBufferingIt() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        assertRefused(() -> NumericCsvReader.validate(endless, null), 1, 0,
                "longer than " + NumericCsvReader.MAX_LINE_BYTES + " bytes without a line break");
    }

    @Test
    void validatesALargeStreamInConstantMemory() throws IOException {
        int rows = 300_000;
        InputStream generated = new InputStream() {
            private byte[] line = "x1,x2,x3,y\n".getBytes(StandardCharsets.US_ASCII);
            private int at;
            private int written;

            @Override
            public int read() {
                if (at == line.length) {
                    if (written == rows) {
                        return -1;
                    }
                    written++;
                    line = (written + ",0.5," + (written % 97 == 0 ? "NA" : "-1e-3") + "," + written * 2 + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    at = 0;
                }
                return line[at++];
            }
        };
        DatasetSummary summary = NumericCsvReader.validate(generated, "y");
        assertThat(summary.rows()).isEqualTo(rows);
        assertThat(summary.rowsWithMissing()).isEqualTo(rows / 97);
    }

    @Test
    void loadsAWholeFileForTraining() throws IOException {
        Path file = dir.resolve("houses.csv");
        Files.writeString(file, CSV);

        NumericDataset data = NumericCsvReader.load(file, "y");

        assertThat(data.header().featuresWithout("y")).containsExactly("x1", "x2");
        assertThat(data.rows()).hasSize(3);
        assertRefused(() -> NumericCsvReader.load(file, "price"), 1, 0, "no column named 'price'");
        Files.writeString(file, "");
        assertRefused(() -> NumericCsvReader.load(file, "y"), 0, 0, "the file is empty");
    }

    private static DatasetSummary upload(byte[] bytes, int chunk) {
        NumericCsvUpload upload = new NumericCsvUpload();
        for (int at = 0; at < bytes.length; at += chunk) {
            upload.feed(bytes, at, Math.min(chunk, bytes.length - at));
        }
        assertThat(upload.bytes()).isEqualTo(bytes.length);
        return upload.finish("y");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
