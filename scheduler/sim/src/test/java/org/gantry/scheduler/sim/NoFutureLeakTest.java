package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.assertj.core.api.SoftAssertions;
import org.gantry.scheduler.predict.DurationPredictor;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.gantry.scheduler.predict.JobFeatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The duration predictor must see only jobs that had finished when a prediction was made: at a
 * job's submit, exactly the jobs that finished by then. The predictor cannot see the clock, so
 * a recording wrapper notes, at every call, how many jobs it had been told about; afterwards the
 * outcomes say when each of those jobs finished.
 */
class NoFutureLeakTest {

    /** A real predictor, wrapped to record what it was told and asked, in order. */
    static final class Recording implements DurationPredictor {
        record Call(String job, boolean remaining, int observedSoFar, long answer) {}

        final DurationPredictor inner;
        final List<String> observed = new ArrayList<>();
        final List<Long> observedSeconds = new ArrayList<>();
        final List<Call> calls = new ArrayList<>();

        Recording(DurationPredictor inner) {
            this.inner = inner;
        }

        @Override
        public long predictSeconds(JobFeatures job) {
            long answer = inner.predictSeconds(job);
            calls.add(new Call(job.name(), false, observed.size(), answer));
            return answer;
        }

        @Override
        public long predictRemainingSeconds(JobFeatures job, long elapsedSeconds) {
            long answer = inner.predictRemainingSeconds(job, elapsedSeconds);
            calls.add(new Call(job.name(), true, observed.size(), answer));
            return answer;
        }

        @Override
        public void observe(JobFeatures job, long seconds) {
            observed.add(job.name());
            observedSeconds.add(seconds);
            inner.observe(job, seconds);
        }
    }

    /** A random trace where every job has its own name, so a prediction call names its job. */
    private static Trace uniquelyNamed(Trace trace) {
        return new Trace(trace.format(), trace.jobs().stream()
                .map(j -> new TraceJob(j.id(), j.tenant(), "n-" + j.id(), j.submitSeconds(), j.durationSeconds(),
                        j.gpus()))
                .toList());
    }

    static LongStream seeds() {
        return LongStream.range(1000, 1040);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void thePredictorSeesOnlyJobsThatFinishedBeforeTheJobItPredicts(long seed) {
        var random = new Random(seed);
        // a crowded cluster, so jobs wait, overlap and (for las and gantry) get preempted
        var cluster = new ClusterShape(1 + random.nextInt(2), 4);
        Trace trace = uniquelyNamed(RandomTraces.trace(random, 20 + random.nextInt(41), 1 + random.nextInt(3)));
        var config = new SimulationConfig(cluster, QuotaMode.PROPORTIONAL, 600, 60, 300);
        var softly = new SoftAssertions();
        for (String name : SimPolicy.names()) {
            var predictor = new Recording(new Watchdog(new HistoryPredictor(0.5, 1, 200, 3600), trace.jobs().size()));
            Simulation simulation = new Simulation(config, SimPolicy.named(name, 300), trace, predictor);
            boolean completed = true;
            try {
                simulation.run(progress -> {});
            } catch (Watchdog.Livelock e) {
                // SimulationPropertiesTest reports livelocks; what was predicted before it must still hold
                completed = false;
            }
            Map<String, JobOutcome> byName = simulation.outcomes().stream()
                    .collect(Collectors.toMap(o -> o.job().name(), o -> o));
            String what = "seed " + seed + ", " + name;

            // observations come at finish times, in order, with the true duration, once per finished job
            long lastFinish = -1;
            for (int i = 0; i < predictor.observed.size(); i++) {
                JobOutcome observed = byName.get(predictor.observed.get(i));
                softly.assertThat(observed.finished()).as(what + ": observed " + observed.job().id()).isTrue();
                softly.assertThat(observed.finish()).as(what + ": observations in finish order")
                        .isGreaterThanOrEqualTo(lastFinish);
                softly.assertThat(predictor.observedSeconds.get(i)).as(what).isEqualTo(observed.job().durationSeconds());
                lastFinish = observed.finish();
            }
            softly.assertThat(predictor.observed).as(what + ": every finished job is observed, once")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(simulation.outcomes().stream().filter(JobOutcome::finished)
                            .map(o -> o.job().name()).toList());

            var firstCall = new HashMap<String, Recording.Call>();
            for (Recording.Call call : predictor.calls) {
                JobOutcome predicted = byName.get(call.job());
                Set<String> seen = Set.copyOf(predictor.observed.subList(0, call.observedSoFar()));
                if (firstCall.putIfAbsent(call.job(), call) == null) {
                    // at submit: exactly the jobs finished by then (completions at the same second count)
                    softly.assertThat(call.remaining()).as(what + ": the first prediction is at submit").isFalse();
                    Set<String> finishedBySubmit = simulation.outcomes().stream()
                            .filter(o -> o.finished() && o.finish() <= predicted.job().submitSeconds())
                            .map(o -> o.job().name()).collect(Collectors.toSet());
                    softly.assertThat(seen).as(what + ": jobs seen when " + predicted.job().id() + " was submitted at "
                            + predicted.job().submitSeconds()).isEqualTo(finishedBySubmit);
                    if (!name.equals("sjf-oracle")) {
                        softly.assertThat(predicted.predictedSeconds()).as(what + ": the duration told at submit")
                                .isEqualTo(call.answer());
                    }
                } else {
                    // later (a refreshed or restarted estimate): the job is still unfinished, so
                    // everything seen finished before it did, and it has not been seen itself
                    long bound = predicted.finished() ? predicted.finish() : Long.MAX_VALUE;
                    softly.assertThat(seen).as(what).doesNotContain(call.job());
                    softly.assertThat(seen.stream().filter(other -> byName.get(other).finish() >= bound).toList())
                            .as(what + ": jobs seen while " + call.job() + " ran that finished after it").isEmpty();
                }
            }
            if (name.equals("sjf-oracle")) {
                softly.assertThat(predictor.calls).as(what + ": the oracle asks nothing").isEmpty();
            } else if (completed) {
                // every job that fits was predicted at submit
                softly.assertThat(firstCall.keySet()).as(what).isEqualTo(trace.jobs().stream()
                        .filter(j -> j.gpus() <= cluster.totalGpus()).map(TraceJob::name).collect(Collectors.toSet()));
            }
        }
        softly.assertAll();
    }

    /**
     * Two jobs alike (tenant, name, GPUs) on an idle node, and a predictor that trusts a single
     * job of history: the second job's prediction reflects the first only when the first had
     * finished by the second's submit. 500 s lands in the log bin whose middle is 490 s.
     */
    @ParameterizedTest(name = "first runs {0} s, second arrives at {1}: predicted {2} s")
    @CsvSource({
            "100000, 10, 3600",  // the first is still running: the predictor's default
            "500, 499, 3600",    // one second short of the first finishing
            "500, 500, 490",     // the first finishes the second the other arrives: it counts
            "500, 1000, 490"})   // long finished
    void aJobStillRunningTellsThePredictorNothing(long firstDuration, long secondSubmit, long predicted) {
        var trace = new Trace(TraceFormat.TIRESIAS, List.of(
                new TraceJob("first", "team", "train", 0, firstDuration, 2),
                new TraceJob("second", "team", "train", secondSubmit, 50, 2)));
        var config = new SimulationConfig(new ClusterShape(1, 8), QuotaMode.NONE, 600, 60, 300);
        for (String policy : List.of("fifo", "sjf", "gantry")) {
            var simulation = new Simulation(config, SimPolicy.named(policy, 300), trace,
                    new HistoryPredictor(0.5, 1, 200, 3600));
            simulation.run(progress -> {});

            assertThat(simulation.outcomes()).extracting(JobOutcome::predictedSeconds).as(policy)
                    .containsExactly(3600L, predicted);
            assertThat(simulation.outcomes().get(1).firstStart()).as(policy).isEqualTo(secondSubmit);
        }
    }
}
