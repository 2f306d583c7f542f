package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.Ledger;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gantry as operators run it: a {@code gantry control} JVM and two {@code gantry agent} JVMs on
 * loopback, jobs submitted over HTTP as real processes. One agent is killed with SIGKILL while
 * its jobs run, then the control plane is, and is started again on the same data directory.
 * Every job that got a 201 must still be there and succeed, and no job may ever have run in
 * two places at once — each workload writes when it starts and stops to a shared ledger.
 */
class ClusterEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.generate();
    private static final int JOBS = 6;
    private static final Duration REQUEUE_TARGET = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<GantryJvm> jvms = new ArrayList<>();

    @AfterEach
    void stopAll() {
        jvms.forEach(GantryJvm::close);
    }

    @Test
    void jobsOutliveAKilledAgentAndAKilledControlPlane() throws Exception {
        int httpPort = Ports.free();
        int clusterPort = Ports.free();
        Ledger ledger = new Ledger(dir.resolve("ledger.txt"));
        String[] controlArgs = {"control", "--port", String.valueOf(httpPort), "--cluster-port",
                String.valueOf(clusterPort), "--data-dir", dir.resolve("control").toString()};
        GantryJvm control = start("control", controlArgs);
        Api api = new Api("http://127.0.0.1:" + httpPort, ADMIN);
        Eventually.await("the control plane to be ready", Duration.ofSeconds(60), () -> api.reachable("/readyz"),
                this::logs);

        GantryJvm agentA = start("agent-a", agentArgs("agent-a", clusterPort));
        start("agent-b", agentArgs("agent-b", clusterPort));
        Eventually.await("both agents to register", Duration.ofSeconds(60),
                () -> api.get("/api/v1/nodes").body().get("nodes").size() == 2, this::logs);

        Api.Answer tenant = api.post("/api/v1/tenants",
                "{\"name\":\"e2e\",\"quotas\":{\"default\":{\"guaranteed\":4,\"limit\":4}}}");
        assertThat(tenant.status()).as(tenant.raw()).isEqualTo(201);
        Api asTenant = api.withToken(tenant.body().get("token").asText());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            Api.Answer submitted = asTenant.post("/api/v1/jobs", ledger.job("e2e-" + i, 6));
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            ids.add(submitted.body().get("id").asText());
        }
        Eventually.await("four jobs running, two on each agent", Duration.ofSeconds(60),
                () -> jobsOn(asTenant, ids, "agent-a").size() == 2 && jobsOn(asTenant, ids, "agent-b").size() == 2,
                this::logs);

        // An agent dies mid-run: its jobs go back to the queue and finish elsewhere.
        Set<String> onA = jobsOn(asTenant, ids, "agent-a");
        long killedAt = System.nanoTime();
        agentA.kill9();
        Eventually.await("agent-a's jobs back in the queue", REQUEUE_TARGET.plusSeconds(15),
                () -> onA.stream().allMatch(id -> !allocationOf(asTenant, id).has("agent-a")), this::logs);
        Duration requeued = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("agent killed: its %d jobs requeued within %.1f s%n", onA.size(),
                requeued.toMillis() / 1000.0);
        assertThat(requeued).as("jobs of a killed agent are requeued within %s", REQUEUE_TARGET)
                .isLessThanOrEqualTo(REQUEUE_TARGET);

        // The control plane dies too, and comes back on the same data directory.
        Eventually.await("a job running on agent-b", Duration.ofSeconds(30),
                () -> !jobsOn(asTenant, ids, "agent-b").isEmpty(), this::logs);
        control.kill9();
        jvms.remove(control);
        start("control-2", controlArgs);
        Eventually.await("the restarted control plane to be ready", Duration.ofSeconds(60),
                () -> api.reachable("/readyz"), this::logs);

        for (String id : ids) {
            Eventually.await("job " + id + " to succeed", Duration.ofSeconds(120),
                    () -> "SUCCEEDED".equals(state(asTenant, id)), () -> asTenant.get("/api/v1/jobs/" + id).raw()
                            + "\n" + logs());
        }
        assertThat(ledger.assertNoJobRanTwiceAtOnce()).as("every job ran to its end once")
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private String[] agentArgs(String name, int clusterPort) {
        return new String[] {"agent", "--seed", "127.0.0.1:" + clusterPort, "--gpus", "2", "--node-name", name,
                "--data-dir", dir.resolve(name).toString()};
    }

    private GantryJvm start(String name, String... args) {
        GantryJvm jvm = GantryJvm.start(name, dir.resolve("logs"), Map.of("GANTRY_ADMIN_TOKEN", ADMIN), args);
        jvms.add(jvm);
        return jvm;
    }

    private static Set<String> jobsOn(Api api, List<String> ids, String node) {
        return ids.stream().filter(id -> allocationOf(api, id).has(node)).collect(Collectors.toSet());
    }

    private static JsonNode allocationOf(Api api, String id) {
        JsonNode job = api.get("/api/v1/jobs/" + id).body();
        return job.has("allocation") ? job.get("allocation") : JSON.createObjectNode();
    }

    private static String state(Api api, String id) {
        return api.get("/api/v1/jobs/" + id).body().get("state").asText();
    }

    private String logs() {
        return jvms.stream().map(GantryJvm::tail).collect(Collectors.joining("\n"));
    }
}
