package org.gantry.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Gantry JVMs of one test, as an operator starts them: a {@code gantry control} node and
 * {@code gantry agent}s seeded to it, each with its own data directory under {@code dir} and its
 * output in {@code dir/logs}. Close it to stop them all.
 */
public final class JvmCluster implements AutoCloseable {
    private final Path dir;
    private final String adminToken;
    private final List<GantryJvm> jvms = new ArrayList<>();
    private final Map<String, GantryJvm> agents = new LinkedHashMap<>();
    private int clusterPort;
    private String[] controlArgs;
    private List<String> controlOptions = List.of();
    private GantryJvm control;
    private Api admin;
    /** Where each JVM runs: null for all on loopback here, else each in its namespace (control's is "control"). */
    private final NetworkNamespaces net;

    public JvmCluster(Path dir, String adminToken) {
        this(dir, adminToken, null);
    }

    /** Each JVM in its own network namespace of {@code net}: the control node in "control", an agent in its name's. */
    public JvmCluster(Path dir, String adminToken, NetworkNamespaces net) {
        this.dir = dir;
        this.adminToken = adminToken;
        this.net = net;
    }

    private String host(String member) {
        return net == null ? "127.0.0.1" : net.address(member);
    }

    /**
     * Starts the control node on free ports and waits until it is ready; the admin's client.
     * {@code jvmOptions} such as {@code -Dgantry.scheduler.min-run=3s} override its settings.
     */
    public Api startControl(String... jvmOptions) {
        return startControl(List.of(), jvmOptions);
    }

    /** As {@link #startControl(String...)}, with {@code options} (such as {@code --cluster-tls-dir DIR}) added. */
    public Api startControl(List<String> options, String... jvmOptions) {
        int httpPort = Ports.free();
        clusterPort = Ports.free();
        List<String> args = new ArrayList<>(List.of("control", "--port", String.valueOf(httpPort), "--cluster-port",
                String.valueOf(clusterPort), "--data-dir", dir.resolve("control").toString()));
        if (net != null) { // a private network of the test's own: plain TCP and HTTP off loopback
            args.addAll(List.of("--host", host("control"), "--insecure-http", "--insecure-cluster"));
        }
        args.addAll(options);
        controlArgs = args.toArray(String[]::new);
        controlOptions = List.of(jvmOptions);
        control = start("control", controlOptions, controlArgs);
        admin = new Api("http://" + host("control") + ":" + httpPort, adminToken);
        Eventually.await("the control plane to be ready", Duration.ofSeconds(60), () -> admin.reachable("/readyz"),
                this::logs);
        return admin;
    }

    /** The control node's JVM (the latest, after a restart). */
    /** The control node's cluster port, where agents join. */
    public int clusterPort() {
        return clusterPort;
    }

    public GantryJvm control() {
        return control;
    }

    /** Starts the control node again on its ports and data directory (after it was stopped or killed). */
    public Api restartControl() {
        control = start("control-" + (jvms.size() + 1), controlOptions, controlArgs);
        Eventually.await("the restarted control plane to be ready", Duration.ofSeconds(60),
                () -> admin.reachable("/readyz"), this::logs);
        return admin;
    }

    /** Starts agent {@code name} (its node's name too) seeded to the control node, with {@code options}. */
    public GantryJvm startAgent(String name, String... options) {
        return startAgentAs(name, name, options);
    }

    /** Starts an agent JVM called {@code jvmName} (its data directory too) that calls its node {@code nodeName}. */
    public GantryJvm startAgentAs(String jvmName, String nodeName, String... options) {
        return startAgentAs(jvmName, nodeName, List.of(), options);
    }

    private GantryJvm startAgentAs(String jvmName, String nodeName, List<String> jvmOptions, String... options) {
        List<String> args = new ArrayList<>(List.of("agent", "--seed", host("control") + ":" + clusterPort,
                "--node-name", nodeName, "--data-dir", dir.resolve(jvmName).toString()));
        if (net != null) {
            args.addAll(List.of("--host", host(jvmName), "--insecure-cluster"));
        }
        args.addAll(List.of(options));
        GantryJvm agent = start(jvmName, jvmOptions, args.toArray(String[]::new));
        agents.put(jvmName, agent);
        return agent;
    }

    public GantryJvm agent(String name) {
        return agents.get(name);
    }

    /** Waits until the control plane lists {@code count} nodes. */
    public void awaitNodes(Api admin, int count) {
        Eventually.await(count + " agents to register", Duration.ofSeconds(60),
                () -> admin.get("/api/v1/nodes").body().get("nodes").size() == count, this::logs);
    }

    /** Creates a tenant with this quota in the default pool; a client with its token. */
    public Api tenant(Api admin, String name, int guaranteed, int limit) {
        Api.Answer tenant = admin.post("/api/v1/tenants", "{\"name\":\"" + name + "\",\"quotas\":{\"default\":"
                + "{\"guaranteed\":" + guaranteed + ",\"limit\":" + limit + "}}}");
        assertThat(tenant.status()).as(tenant.raw()).isEqualTo(201);
        return admin.withToken(tenant.body().get("token").asText());
    }

    /** Any Gantry JVM of the test, with the admin token in its environment. */
    public GantryJvm start(String name, String... args) {
        return start(name, List.of(), args);
    }

    /** As {@link #start(String, String...)}, with JVM options before the arguments. */
    public GantryJvm start(String name, List<String> jvmOptions, String... args) {
        String member = name.startsWith("control") ? "control" : name;
        List<String> launcher = net == null || !net.has(member) ? List.of() : net.launcher(member);
        GantryJvm jvm = GantryJvm.start(name, dir.resolve("logs"), Map.of("GANTRY_ADMIN_TOKEN", adminToken), launcher,
                jvmOptions, args);
        jvms.add(jvm);
        return jvm;
    }

    /** The last lines of every JVM's output: for a failing test's message. */
    public String logs() {
        return jvms.stream().map(GantryJvm::tail).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        jvms.forEach(GantryJvm::close);
    }
}
