package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading trace files: format detection, ordering, rebasing, selection, and errors that name the line. */
class TraceReaderTest {
    private static final String PHILLY = "timestamp,duration,num_gpus,gpu_time,cluster";
    private static final String TIRESIAS = "job_id,num_gpu,submit_time,iterations,model_name,duration,interval";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static List<TraceJob> read(Path file) {
        return TraceReader.read(file, TraceReader.Selection.ALL).jobs();
    }

    @Test
    void tiresiasIsRecognisedByItsHeader() throws IOException {
        Path file = write("t.csv", TIRESIAS,
                "7,2,100,606,vgg19,164,30",
                "8,8,130,133,resnet50,147.2,23");

        Trace trace = TraceReader.read(file, TraceReader.Selection.ALL);

        assertThat(trace.format()).isEqualTo(TraceFormat.TIRESIAS);
        assertThat(trace.jobs()).extracting(TraceJob::id, TraceJob::tenant, TraceJob::name, TraceJob::submitSeconds,
                        TraceJob::durationSeconds, TraceJob::gpus)
                .containsExactly(
                        tuple("7", "tiresias", "vgg19", 0L, 164L, 2),
                        tuple("8", "tiresias", "resnet50", 30L, 148L, 8)); // 147.2 s rounds up
    }

    @Test
    void aGzipCompressedTraceReadsAsThePlainOneWhateverItsName() throws IOException {
        Path plain = write("t.csv", TIRESIAS, "7,2,100,606,vgg19,164,30", "8,8,130,133,resnet50,147.2,23");
        Path compressed = dir.resolve("t.data");
        try (var out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            out.write(Files.readAllBytes(plain));
        }

        assertThat(read(compressed)).isEqualTo(read(plain)).hasSize(2);
    }

    @Test
    void phillyIsRecognisedByItsHeaderEvenWithSpacesAndAByteOrderMark() throws IOException {
        Path file = write("p.csv", "\uFEFF" + PHILLY.replace(",", " , "),
                "2017-10-09 07:01:55,66.0,1,66.0,11cb48");

        Trace trace = TraceReader.read(file, TraceReader.Selection.ALL);

        assertThat(trace.format()).isEqualTo(TraceFormat.PHILLY);
        assertThat(trace.jobs()).extracting(TraceJob::id, TraceJob::tenant, TraceJob::name, TraceJob::submitSeconds,
                        TraceJob::durationSeconds, TraceJob::gpus)
                .containsExactly(tuple("job-1", "11cb48", "", 0L, 66L, 1));
    }

    @Test
    void unsortedPhillyRowsComeBackSortedAndRebasedToZero() throws IOException {
        Path file = write("p.csv", PHILLY,
                "2017-10-09 10:00:10,100.0,1,100.0,a",   // line 2: job-1
                "2017-10-09 10:05:00,0.4,2,0.8,b",       // line 3: job-2, shorter than a second
                "2017-10-08 23:59:59,2.5,4,10.0,a",      // line 4: job-3, the first, on the day before
                "2017-10-09 10:00:10,7.0,8,56.0,c");     // line 5: job-4, same second as job-1

        List<TraceJob> jobs = read(file);

        // The first submit (2017-10-08 23:59:59) is 0; 10:00:10 is 10 h 0 min 11 s later.
        assertThat(jobs).extracting(TraceJob::id, TraceJob::submitSeconds, TraceJob::durationSeconds,
                        TraceJob::gpus, TraceJob::tenant)
                .containsExactly(
                        tuple("job-3", 0L, 3L, 4, "a"),
                        tuple("job-1", 36_011L, 100L, 1, "a"),
                        tuple("job-4", 36_011L, 7L, 8, "c"),   // ties keep file order
                        tuple("job-2", 36_301L, 1L, 2, "b"));  // 0.4 s becomes 1 s
    }

    @Test
    void unsortedTiresiasRowsComeBackSortedAndRebased() throws IOException {
        Path file = write("t.csv", TIRESIAS,
                "a,1,500,1,m,10,1",
                "b,1,200,1,m,20,1",
                "c,1,350,1,m,30,1");

        assertThat(read(file)).extracting(TraceJob::id, TraceJob::submitSeconds)
                .containsExactly(tuple("b", 0L), tuple("c", 150L), tuple("a", 300L));
    }

    /**
     * A Tiresias trace starts at submit_time 0. Only durations may be rounded up to 1 s; a submit
     * time of 0 is a time, not a duration, and must stay 0, or every later job moves 1 s earlier
     * relative to the first (job 1 of tiresias-60.csv would arrive at 29 instead of 30).
     */
    @Test
    void tiresiasSubmitTimeZeroKeepsTheGapsToLaterJobs() throws IOException {
        Path file = write("t.csv", TIRESIAS,
                "0,1,0,606,vgg19,164,30",
                "1,8,30,133,vgg11,147,23",
                "2,2,53,157,inception4,127,26");

        assertThat(read(file)).extracting(TraceJob::submitSeconds).containsExactly(0L, 30L, 53L);
    }

    @Test
    void blankLinesAreSkippedButStillCounted() throws IOException {
        Path file = write("p.csv", PHILLY,
                "2017-10-09 10:00:00,10,1,10,a",
                "",
                "2017-10-09 10:00:05,20,1,20,a");

        assertThat(read(file)).extracting(TraceJob::id, TraceJob::submitSeconds)
                .containsExactly(tuple("job-1", 0L), tuple("job-3", 5L));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("too few columns", List.of(PHILLY, "2017-10-09 10:00:00,10,1,10,a",
                        "2017-10-09 10:00:01,10,1,10"), 3,
                        "expected 5 comma-separated values [timestamp, duration, num_gpus, gpu_time, cluster], found 4"),
                Arguments.of("too many columns", List.of(TIRESIAS, "0,1,0,606,vgg19,164,30,extra"), 2,
                        "expected 7 comma-separated values"),
                Arguments.of("non-numeric duration", List.of(PHILLY, "2017-10-09 10:00:00,abc,1,10,a"), 2,
                        "duration must be a number of seconds, got 'abc'"),
                Arguments.of("negative duration", List.of(PHILLY, "2017-10-09 10:00:00,-5,1,10,a"), 2,
                        "duration must be a number of seconds in 0..315360000, got '-5'"),
                Arguments.of("NaN duration", List.of(PHILLY, "2017-10-09 10:00:00,NaN,1,10,a"), 2,
                        "duration must be a number of seconds in 0..315360000, got 'NaN'"),
                Arguments.of("bad timestamp", List.of(PHILLY, "2017-10-09 10:00:00,10,1,10,a",
                        "", "2017/10/09 10:00:00,10,1,10,a"), 4,
                        "timestamp must look like 2017-10-09 07:01:55, got '2017/10/09 10:00:00'"),
                Arguments.of("impossible date", List.of(PHILLY, "2017-02-30 10:00:00,10,1,10,a"), 2,
                        "timestamp must look like"),
                Arguments.of("num_gpus 0", List.of(PHILLY, "2017-10-09 10:00:00,10,0,0,a"), 2,
                        "num_gpus must be >= 1, got 0"),
                Arguments.of("fractional num_gpus", List.of(PHILLY, "2017-10-09 10:00:00,10,1.5,15,a"), 2,
                        "num_gpus must be a whole number, got '1.5'"),
                Arguments.of("tiresias num_gpu 0", List.of(TIRESIAS, "0,0,0,606,vgg19,164,30"), 2,
                        "num_gpu must be >= 1, got 0"),
                Arguments.of("tiresias bad submit", List.of(TIRESIAS, "0,1,soon,606,vgg19,164,30"), 2,
                        "submit_time must be a number of seconds, got 'soon'"),
                Arguments.of("unknown header", List.of("when,how_long,gpus", "1,2,3"), 1,
                        "unknown trace header 'when,how_long,gpus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedFileIsAnErrorNamingTheFileAndLine(String name, List<String> lines, int line, String problem)
            throws IOException {
        Path file = write("bad.csv", lines.toArray(String[]::new));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void anEmptyFileIsAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(file + ": the file is empty; expected a CSV header");
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyTrace() throws IOException {
        Path file = write("t.csv", TIRESIAS);

        assertThat(read(file)).isEmpty();
    }

    /** Jobs at 0, 100, 200, 300 and 400 s (written out of order). */
    private Path fiveJobs() throws IOException {
        return write("t.csv", TIRESIAS,
                "d,1,1300,1,m,40,1",
                "a,1,1000,1,m,10,1",
                "b,1,1100,1,m,20,1",
                "e,1,1400,1,m,50,1",
                "c,1,1200,1,m,30,1");
    }

    static Stream<Arguments> selections() {
        long all = Long.MAX_VALUE;
        int any = Integer.MAX_VALUE;
        return Stream.of(
                Arguments.of(new TraceReader.Selection(0, all, any), List.of("a", "b", "c", "d", "e"),
                        List.of(0L, 100L, 200L, 300L, 400L)),
                Arguments.of(new TraceReader.Selection(0, all, 2), List.of("a", "b"), List.of(0L, 100L)),
                Arguments.of(new TraceReader.Selection(0, all, 0), List.of(), List.of()),
                // the window is [from, to), and times are rebased to its start
                Arguments.of(new TraceReader.Selection(100, 300, any), List.of("b", "c"), List.of(0L, 100L)),
                Arguments.of(new TraceReader.Selection(100, 301, any), List.of("b", "c", "d"),
                        List.of(0L, 100L, 200L)),
                Arguments.of(new TraceReader.Selection(50, all, any), List.of("b", "c", "d", "e"),
                        List.of(50L, 150L, 250L, 350L)),
                // the limit counts jobs inside the window
                Arguments.of(new TraceReader.Selection(200, all, 2), List.of("c", "d"), List.of(0L, 100L)),
                Arguments.of(new TraceReader.Selection(500, all, any), List.of(), List.of()),
                Arguments.of(new TraceReader.Selection(0, 0, any), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void selectionPicksAWindowAndALimit(TraceReader.Selection selection, List<String> ids, List<Long> submits)
            throws IOException {
        List<TraceJob> jobs = TraceReader.read(fiveJobs(), selection).jobs();

        assertThat(jobs).extracting(TraceJob::id).containsExactlyElementsOf(ids);
        assertThat(jobs).extracting(TraceJob::submitSeconds).containsExactlyElementsOf(submits);
    }

    @Test
    void anImpossibleSelectionIsRefused() {
        assertThatThrownBy(() -> new TraceReader.Selection(10, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceReader.Selection(-1, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceReader.Selection(0, 5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRealTracesRead() {
        Trace tiresias = BundledTraces.read(BundledTraces.TIRESIAS_60, TraceReader.Selection.ALL);
        assertThat(tiresias.format()).isEqualTo(TraceFormat.TIRESIAS);
        assertThat(tiresias.jobs()).hasSize(60);
        assertThat(tiresias.jobs().get(59)).extracting(TraceJob::id, TraceJob::name, TraceJob::durationSeconds,
                TraceJob::gpus).containsExactly("59", "inception3", 122L, 1);

        Trace philly = BundledTraces.read(BundledTraces.PHILLY, new TraceReader.Selection(0, Long.MAX_VALUE,
                1000));
        assertThat(philly.format()).isEqualTo(TraceFormat.PHILLY);
        assertThat(philly.jobs()).hasSize(1000);
        assertThat(philly.jobs().get(0).submitSeconds()).isZero();
        assertThat(philly.jobs()).isSortedAccordingTo(java.util.Comparator.comparingLong(TraceJob::submitSeconds));

        assertThat(BundledTraces.read(BundledTraces.PHILLY, TraceReader.Selection.ALL).jobs())
                .as("every row of the bundled Philly trace").hasSize(82_247);
    }

    @Test
    void anUnknownBundledTraceIsRefusedNamingTheOnesThereAre() {
        assertThatThrownBy(() -> BundledTraces.read("alibaba", TraceReader.Selection.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("philly, tiresias-60");
    }
}
