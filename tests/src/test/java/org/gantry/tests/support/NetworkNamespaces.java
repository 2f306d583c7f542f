package org.gantry.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A real network for a test's JVMs: one Linux network namespace per member, each joined by a
 * veth pair to a bridge in the test's own namespace (which has an address on it too, so the test
 * reaches every member). {@link #cut} takes a member's link down: its packets are dropped, as in
 * a real partition (no reset, no error, only silence); {@link #heal} brings it back. Needs root
 * and {@code ip} (iproute2), as CI has; skipped elsewhere.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private record Member(String namespace, String hostLink, String address) {}

    private final String tag;
    private final String subnet;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<List<String>> undo = new ArrayList<>();

    private NetworkNamespaces(String tag, String subnet) {
        this.tag = tag;
        this.subnet = subnet;
    }

    /** A namespace for each of {@code names}, on a fresh bridge and subnet. */
    public static NetworkNamespaces create(List<String> names) {
        Assumptions.assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "network namespaces need root");
        int random = ThreadLocalRandom.current().nextInt(0x10000);
        NetworkNamespaces net = new NetworkNamespaces(String.format("g%04x", random),
                "10.213." + (random % 250 + 1));
        try {
            net.build(names);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void build(List<String> names) {
        String bridge = tag + "br";
        ip("link", "add", bridge, "type", "bridge");
        undo.add(List.of("ip", "link", "del", bridge));
        ip("addr", "add", subnet + ".1/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        int index = 0;
        for (String name : names) {
            index++;
            String namespace = tag + "-" + index;
            String hostLink = tag + "h" + index;
            String memberLink = tag + "m" + index;
            String address = subnet + "." + (10 + index);
            ip("netns", "add", namespace);
            undo.add(List.of("ip", "netns", "del", namespace));
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("link", "add", hostLink, "type", "veth", "peer", "name", memberLink);
            undo.add(List.of("ip", "link", "del", hostLink));
            ip("link", "set", memberLink, "netns", namespace);
            ip("link", "set", hostLink, "master", bridge);
            ip("link", "set", hostLink, "up");
            ip("-n", namespace, "addr", "add", address + "/24", "dev", memberLink);
            ip("-n", namespace, "link", "set", memberLink, "up");
            members.put(name, new Member(namespace, hostLink, address));
        }
    }

    /** The address {@code name} binds and is reached at. */
    public String address(String name) {
        return member(name).address();
    }

    /** The words that run a command inside {@code name}'s namespace (it execs, keeping the pid). */
    public List<String> launcher(String name) {
        return List.of("ip", "netns", "exec", member(name).namespace());
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** Cuts {@code name} off from every other member and from the test: its link goes down. */
    public void cut(String name) {
        ip("link", "set", member(name).hostLink(), "down");
    }

    public void heal(String name) {
        ip("link", "set", member(name).hostLink(), "up");
    }

    /**
     * Cuts {@code a} and {@code b} off from each other only (a route to nowhere each way), both
     * still reaching everyone else: a partial partition, in which a third member sees both.
     */
    public void cutBetween(String a, String b) {
        ip("-n", member(a).namespace(), "route", "add", "blackhole", member(b).address() + "/32");
        ip("-n", member(b).namespace(), "route", "add", "blackhole", member(a).address() + "/32");
    }

    public void healBetween(String a, String b) {
        ip("-n", member(a).namespace(), "route", "del", "blackhole", member(b).address() + "/32");
        ip("-n", member(b).namespace(), "route", "del", "blackhole", member(a).address() + "/32");
    }

    private Member member(String name) {
        Member member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException("no namespace for " + name + "; there are " + members.keySet());
        }
        return member;
    }

    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            run(undo.get(i), false);
        }
        undo.clear();
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command, true);
    }

    private static void run(List<String> command, boolean mustWork) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0 && mustWork) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            if (mustWork) {
                throw new UncheckedIOException("cannot run " + command + " (is iproute2 installed?)", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
