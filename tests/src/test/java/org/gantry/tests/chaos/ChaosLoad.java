package org.gantry.tests.chaos;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Ledger;

/**
 * The load of a chaos run, on one background thread until closed: submits jobs of several
 * tenants at a steady rate (a share of them processes that write the {@link Ledger}, the rest
 * simulated), cancels some and reads others. Every submit carries its own Idempotency-Key and
 * is sent again until it is answered (the control plane may be down, or refuse for a while with
 * 429 or 503), so every job the cluster accepted is known here by its id, whatever failed
 * meanwhile.
 */
final class ChaosLoad implements AutoCloseable {
    /** What a job runs: a process that writes the ledger, a simulated job, or DJL training. */
    enum Workload { LEDGER, SIMULATED, TRAINING }

    /** A job the cluster accepted (201, or 200 for a repeat of the same key). */
    record Accepted(String id, String tenant, Workload workload) {
        boolean writesLedger() {
            return workload == Workload.LEDGER;
        }
    }

    /** Epochs of a training job: a few seconds of work on a small CSV, with a checkpoint each second. */
    static final int TRAINING_EPOCHS = 6;
    /** The model every training job of a tenant trains a version of. */
    static final String TRAINING_MODEL = "chaos";

    /** How long a refused submit waits before it is sent again: Retry-After is whole seconds, this keeps the pressure on. */
    private static final long RETRY_MILLIS = 500;
    private final Map<String, Api> tenants;
    private final Ledger ledger;
    private final double perSecond;
    private final double ledgerShare;
    private final int minSeconds;
    private final int maxSeconds;
    private final Random random;
    private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    /** Final answers to submits, by status: 201 and 200 expected; 4xx other than 429 are violations. */
    private final Map<Integer, Integer> answers = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private double trainingShare;
    private String trainingCsv;
    private volatile int resent;
    private volatile boolean stopped;
    private final Thread thread;

    /**
     * Jobs run {@code minSeconds} to {@code maxSeconds}; {@code ledgerShare} of them are
     * processes that write the ledger, the rest simulated (but for {@link #withTraining}).
     */
    ChaosLoad(Map<String, Api> tenants, Ledger ledger, double perSecond, double ledgerShare, int minSeconds,
              int maxSeconds, long seed) {
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.tenants = new TreeMap<>(tenants);
        this.ledger = ledger;
        this.perSecond = perSecond;
        this.ledgerShare = ledgerShare;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "chaos-load");
        thread.setDaemon(true);
    }

    /** Makes {@code share} of the submits {@code djl-train} jobs on {@code csv} (a {@link org.gantry.tests.support.RegressionCsv}). */
    ChaosLoad withTraining(double share, java.nio.file.Path csv) {
        this.trainingShare = share;
        this.trainingCsv = csv.toString();
        return this;
    }

    ChaosLoad start() {
        thread.start();
        return this;
    }

    List<Accepted> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    Map<Integer, Integer> answers() {
        synchronized (answers) {
            return Map.copyOf(answers);
        }
    }

    /** Answers that no correct control plane gives a valid request, in words. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Requests sent again because the first got no answer, or a 429 or 503. */
    int resent() {
        return resent;
    }

    private void run() {
        long intervalNanos = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        for (int op = 0; !stopped; op++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
            next += intervalNanos;
            if (op % 10 == 9) {
                cancelOne();
            } else if (op % 5 == 4) {
                readOne();
            } else {
                submitOne(op);
            }
        }
    }

    private void submitOne(int op) {
        List<String> names = new ArrayList<>(tenants.keySet());
        String tenant = names.get(random.nextInt(names.size()));
        double draw = random.nextDouble();
        Workload workload = draw < trainingShare ? Workload.TRAINING
                : draw < trainingShare + ledgerShare ? Workload.LEDGER : Workload.SIMULATED;
        int seconds = minSeconds + random.nextInt(maxSeconds - minSeconds + 1);
        String body = switch (workload) {
            // A ledger job counts into its checkpoint, shipped every 2 s: the checks see where each attempt resumed.
            case LEDGER -> "{\"name\":\"chaos-" + op + "\",\"gpus\":1,\"checkpoint\":{\"intervalSeconds\":2,"
                    + "\"gracePeriodSeconds\":5},\"workload\":" + ledger.checkpointingWorkload(seconds) + "}";
            case SIMULATED -> "{\"name\":\"chaos-" + op + "\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\","
                    + "\"seconds\":" + seconds + "}}";
            case TRAINING -> "{\"name\":\"chaos-" + op + "\",\"gpus\":1,\"checkpoint\":{\"intervalSeconds\":1},"
                    + "\"workload\":{\"kind\":\"djl-train\",\"datasetPath\":\"" + trainingCsv + "\",\"target\":\"y\","
                    + "\"model\":\"" + TRAINING_MODEL + "\",\"epochs\":" + TRAINING_EPOCHS + ",\"seed\":" + op + "}}";
        };
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        while (!stopped) {
            Api.Answer answer;
            try {
                answer = tenants.get(tenant).post("/api/v1/jobs", body, key);
            } catch (UncheckedIOException unanswered) {
                resent++;
                sleep(200);
                continue;
            }
            if (answer.status() == 429 || answer.status() == 503) {
                resent++;
                sleep(RETRY_MILLIS);
                continue;
            }
            answers.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 201 || answer.status() == 200) {
                accepted.add(new Accepted(answer.body().get("id").asText(), tenant, workload));
            } else {
                problems.add("a valid submit of tenant " + tenant + " got " + answer.status() + ": " + answer.raw());
            }
            return;
        }
    }

    private void cancelOne() {
        Accepted job = pick();
        if (job != null) {
            try {
                int status = tenants.get(job.tenant()).delete("/api/v1/jobs/" + job.id()).status();
                if (status >= 500 && status != 503) {
                    problems.add("cancelling " + job.id() + " got " + status);
                }
            } catch (UncheckedIOException unanswered) {
                resent++; // the control plane is down: the job stays as it was
            }
        }
    }

    private void readOne() {
        Accepted job = pick();
        if (job != null) {
            try {
                Api.Answer answer = tenants.get(job.tenant()).get("/api/v1/jobs/" + job.id());
                if (answer.status() != 200 && answer.status() != 503) {
                    problems.add("reading accepted job " + job.id() + " got " + answer.status() + ": " + answer.raw());
                }
            } catch (UncheckedIOException unanswered) {
                resent++;
            }
        }
    }

    private Accepted pick() {
        synchronized (accepted) {
            return accepted.isEmpty() ? null : accepted.get(random.nextInt(accepted.size()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
