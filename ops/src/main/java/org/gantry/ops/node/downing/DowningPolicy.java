package org.gantry.ops.node.downing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which members to down, in a cluster shaped as Gantry's is: control nodes at the hub, agents
 * on the spokes. A pure function of one look at the cluster (who is a member, who observes whom
 * as unreachable), taken once that look has held still for a while.
 *
 * <p>Pekko's split brain resolver counts members; it downs both ends of a link that failed
 * while each end is still reachable through others ("indirectly connected"), whatever their
 * roles. Here that meant one agent that lost its link to the control node took the control
 * plane down with it. This policy never lets an agent's view down a control node:
 * <ul>
 *   <li>An agent downs only itself, and only when it reaches no control node.</li>
 *   <li>The responsible control node (the oldest one no control node finds unreachable) downs
 *       the agents it finds unreachable itself, then the agents that find a control node
 *       unreachable (they are cut off from the control plane, which still reaches them through
 *       the others' gossip), then, of the links that failed between agents, the agents on most
 *       of them first, until no such link is left: the broken end is the one on many.</li>
 *   <li>Control nodes among themselves keep the majority, as the resolver would; on a tie, the
 *       side of the oldest.</li>
 * </ul>
 */
final class DowningPolicy {
    /** {@code observer} finds {@code subject} unreachable. */
    record Observation(String observer, String subject) {}

    /**
     * One look at the cluster: members by id; {@code controls} oldest first; {@code agents} the
     * other members; {@code unreachable} what the members find unreachable.
     */
    record Picture(String self, List<String> controls, Set<String> agents, Set<Observation> unreachable) {
        boolean isControl(String member) {
            return controls.contains(member);
        }
    }

    private DowningPolicy() {}

    /**
     * The members {@code picture.self()} should down now, each with why; empty when it should
     * leave it to another.
     */
    static Map<String, String> decide(Picture picture) {
        return picture.isControl(picture.self()) ? asControl(picture) : asAgent(picture);
    }

    /** An agent cut off from every control node downs itself: its side has no control plane. */
    private static Map<String, String> asAgent(Picture picture) {
        boolean reachesAControl = picture.controls().stream()
                .anyMatch(control -> !picture.unreachable().contains(new Observation(picture.self(), control)));
        return picture.controls().isEmpty() || !reachesAControl
                ? Map.of(picture.self(), "this agent reaches no control node") : Map.of();
    }

    private static Map<String, String> asControl(Picture picture) {
        String self = picture.self();
        Set<String> reachedControls = new HashSet<>();
        for (String control : picture.controls()) {
            if (control.equals(self) || !picture.unreachable().contains(new Observation(self, control))) {
                reachedControls.add(control);
            }
        }
        Map<String, String> down = new TreeMap<>();
        int lost = picture.controls().size() - reachedControls.size();
        if (lost > 0) {
            boolean keep = reachedControls.size() > lost
                    || reachedControls.size() == lost && reachedControls.contains(picture.controls().get(0));
            if (!keep) {
                return Map.of(self, "this control node is on the smaller side of the control nodes");
            }
            picture.controls().stream().filter(control -> !reachedControls.contains(control))
                    .forEach(control -> down.put(control, "a control node on the smaller side of the control nodes"));
        }
        if (!isResponsible(picture, reachedControls)) {
            return down;
        }
        for (Observation observation : picture.unreachable()) {
            String observer = observation.observer();
            String subject = observation.subject();
            if (reachedControls.contains(observer) && picture.agents().contains(subject)) {
                down.putIfAbsent(subject, "a control node cannot reach it");
            } else if (picture.agents().contains(observer) && picture.isControl(subject)
                    && reachedControls.contains(subject)) {
                down.putIfAbsent(observer, "it cannot reach control node " + subject + ", which the others reach");
            }
        }
        brokenEnds(picture, down.keySet()).forEach((agent, links) -> down.put(agent, "it is on " + links
                + " of the links between agents that failed"));
        return down;
    }

    /** The oldest control node that this one reaches and no other reached one finds unreachable acts. */
    private static boolean isResponsible(Picture picture, Set<String> reachedControls) {
        for (String control : picture.controls()) {
            if (reachedControls.contains(control)) {
                return control.equals(picture.self());
            }
        }
        return false;
    }

    /**
     * Of the failed links between agents not already downed, the agents to down so that none is
     * left: greedily the one on most links (ties: the lower id), so that one broken agent is
     * downed rather than every agent it cannot reach.
     */
    private static Map<String, Integer> brokenEnds(Picture picture, Set<String> downed) {
        List<Observation> links = new ArrayList<>();
        for (Observation observation : picture.unreachable()) {
            if (picture.agents().contains(observation.observer()) && picture.agents().contains(observation.subject())
                    && !downed.contains(observation.observer()) && !downed.contains(observation.subject())) {
                links.add(observation);
            }
        }
        Map<String, Integer> ends = new TreeMap<>();
        while (!links.isEmpty()) {
            Map<String, Integer> degree = new HashMap<>();
            for (Observation link : links) {
                degree.merge(link.observer(), 1, Integer::sum);
                degree.merge(link.subject(), 1, Integer::sum);
            }
            Map.Entry<String, Integer> worst = degree.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow();
            ends.put(worst.getKey(), worst.getValue());
            links.removeIf(link -> link.observer().equals(worst.getKey()) || link.subject().equals(worst.getKey()));
        }
        return ends;
    }
}
