package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.gantry.api.client.GantryClient;
import org.gantry.api.client.Submitted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry submit FILE|-}: POST /jobs. */
@Command(name = "submit",
        header = "Submit a job from a JSON file, or - for stdin; prints its id.",
        description = {
            "Sends the job (JSON; see README.md, \"Job JSON\") to POST /api/v1/jobs and prints the new job's " +
            "id. With a tenant's token, \"tenant\" may be left out. An invalid job is refused with each " +
            "problem at its JSON path (exit code 1). With --wait it then follows the job to its end, " +
            "saying on stderr each time it moves, and exits as the job did: 0 when it succeeded, its " +
            "workload's exit code when it failed with one, else 1. With --dry-run nothing is submitted: " +
            "the job is checked the same way, and the answer says where it would go and when it would " +
            "start if submitted now. A job that can never start as submitted (more GPUs than its pool " +
            "has in all, or than its tenant's limit there) is accepted, and a warning on stderr says so " +
            "and how to fix it.",
            "",
            "A job file (gpus may be a number, or {\"min\": 2, \"max\": 8} for an elastic job; secretEnv " +
            "reaches the process like env but reads *** wherever the job is shown):",
            "",
            "  { \"name\": \"resnet50\", \"gpus\": 4, \"estimatedDuration\": \"PT2H\",",
            "    \"workload\": { \"kind\": \"process\", \"command\": [\"python\", \"train.py\"],",
            "                  \"env\": {\"LR\": \"0.1\"}, \"secretEnv\": {\"WANDB_KEY\": \"...\"} },",
            "    \"checkpoint\": { \"intervalSeconds\": 600 }, \"maxRetries\": 3 }",
            ""},
        footer = {"", "Examples:",
            "  gantry submit job.json",
            "  echo '{\"name\":\"hi\",\"gpus\":{\"min\":1,\"max\":2},",
            "        \"workload\":{\"kind\":\"process\",\"command\":[\"true\"]}}' | gantry submit -",
            "  gantry submit - < job.json",
            "  gantry submit --wait job.json && echo done",
            "  gantry submit --dry-run job.json",
            "  ID=$(gantry submit job.json --idempotency-key nightly-2025-05-01)"},
        mixinStandardHelpOptions = true)
public final class SubmitCommand extends ClientCommand {
    @Parameters(paramLabel = "FILE|-", description = "The job's JSON file, or - to read it from stdin.")
    private String file;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Submitting again with the same key returns the first job instead of a new one.")
    private String idempotencyKey;

    @Option(names = "--wait", description = "Follow the job to its end; exit with its outcome.")
    private boolean await;

    @Option(names = "--dry-run", description = "Check the job and say where and when it would start; submit nothing.")
    private boolean dryRun;

    @Override
    void run(GantryClient client) throws IOException, InterruptedException {
        if (dryRun) {
            preview(client.dryRun(read()));
            return;
        }
        Submitted submitted = client.submit(read(), idempotencyKey);
        if (json) {
            printJson(submitted.job());
        } else {
            out().println(submitted.id());
        }
        Warnings.print(out(), err(), submitted.job().path("warnings")); // e.g. it can never start as submitted
        if (!submitted.created()) {
            err().println("gantry submit: not submitted again: this idempotency key already named job "
                    + submitted.id());
            err().flush();
        }
        if (await) {
            out().flush(); // the id first: a script reading it must not wait for the job's end
            exitWith(JobWatch.untilEnded(client, submitted.id(), err()));
        }
    }

    private void preview(JsonNode answer) throws IOException {
        if (json) {
            printJson(answer);
            return;
        }
        String who = "tenant " + Shown.text(answer, "tenant") + ", pool " + Shown.text(answer, "pool");
        if (answer.path("startsNow").asBoolean()) {
            out().println("Valid. It would start now on " + Shown.allocation(answer) + " (" + who + "): "
                    + Shown.text(answer, "detail") + ".");
        } else {
            String when = answer.hasNonNull("estimatedStart")
                    ? " Estimated start: " + Shown.time(answer, "estimatedStart") + "." : "";
            out().println("Valid. It would wait (" + who + "): " + Shown.text(answer, "reason") + ": "
                    + Shown.text(answer, "detail") + "." + when);
        }
        out().println("Nothing was submitted.");
    }

    private String read() throws IOException {
        if (file.equals("-")) {
            // Read at call time, not at construction, so a redirected System.in is the one read.
            InputStream in = System.in;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file");
        }
    }
}
