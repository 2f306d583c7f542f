package org.gantry.ops.node.downing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gantry.ops.node.downing.DowningPolicy.Observation;
import org.gantry.ops.node.downing.DowningPolicy.Picture;
import org.junit.jupiter.api.Test;

/** Each rule of {@link DowningPolicy} on a hand-drawn cluster: control node "c", agents "a1".."a4". */
class DowningPolicyTest {
    private static final Set<String> AGENTS = Set.of("a1", "a2", "a3", "a4");

    @Test
    void oneAgentsLinkToTheControlNodeFailingDownsTheAgentNeverTheControlNode() {
        // Each end finds the other unreachable; the other agents reach both (Pekko's resolver downed both).
        Set<Observation> cut = observations("a1>c", "c>a1");
        assertThat(DowningPolicy.decide(seenBy("c", cut))).containsOnlyKeys("a1");
        assertThat(DowningPolicy.decide(seenBy("a1", cut))).as("a1 reaches no control node").containsOnlyKeys("a1");
        assertThat(DowningPolicy.decide(seenBy("a2", cut))).as("an agent downs only itself").isEmpty();
    }

    @Test
    void anAgentThatCannotReachTheControlNodeWhichReachesItIsDownedByTheControlNode() {
        assertThat(DowningPolicy.decide(seenBy("c", observations("a2>c")))).containsOnlyKeys("a2");
    }

    @Test
    void aDeadAgentIsDownedByTheControlNodeAndByNoOtherAgent() {
        Set<Observation> dead = observations("c>a3", "a1>a3", "a2>a3", "a4>a3");
        assertThat(DowningPolicy.decide(seenBy("c", dead))).containsOnlyKeys("a3");
        assertThat(DowningPolicy.decide(seenBy("a1", dead))).isEmpty();
    }

    @Test
    void aFrozenAgentThatWokeUpFindingEveryoneUnreachableIsTheOneDowned() {
        Set<Observation> woke = observations("a4>c", "a4>a1", "a4>a2", "a4>a3");
        assertThat(DowningPolicy.decide(seenBy("c", woke))).containsOnlyKeys("a4");
    }

    @Test
    void ofTheLinksBetweenAgentsThatFailedTheAgentOnMostIsDowned() {
        // a2 reaches neither a1, a3 nor a4 (and they not it), the control node reaches everyone.
        Set<Observation> broken = observations("a2>a1", "a2>a3", "a2>a4", "a1>a2", "a3>a2");
        assertThat(DowningPolicy.decide(seenBy("c", broken))).containsOnlyKeys("a2");
        // One failed link: one end goes, the lower id, not both.
        assertThat(DowningPolicy.decide(seenBy("c", observations("a3>a4", "a4>a3")))).containsOnlyKeys("a3");
    }

    @Test
    void theControlNodeCutOffFromEveryAgentDownsThemAndEachDownsItself() {
        Set<Observation> alone = observations("c>a1", "c>a2", "a1>c", "a2>c");
        Picture control = new Picture("c", List.of("c"), Set.of("a1", "a2"), alone);
        assertThat(DowningPolicy.decide(control)).containsOnlyKeys("a1", "a2");
        assertThat(DowningPolicy.decide(new Picture("a1", List.of("c"), Set.of("a1", "a2"), alone)))
                .containsOnlyKeys("a1");
    }

    @Test
    void anAgentWithNoControlNodeAtAllDownsItself() {
        assertThat(DowningPolicy.decide(new Picture("a1", List.of(), Set.of("a1", "a2"), observations("a1>a2"))))
                .containsOnlyKeys("a1");
    }

    @Test
    void controlNodesAmongThemselvesKeepTheMajorityAndOnATieTheOldest() {
        Set<String> agents = Set.of("a1");
        // c1 oldest; c3 cut off from c1 and c2.
        Set<Observation> c3Alone = observations("c1>c3", "c2>c3", "c3>c1", "c3>c2");
        assertThat(DowningPolicy.decide(new Picture("c1", List.of("c1", "c2", "c3"), agents, c3Alone)))
                .containsOnlyKeys("c3");
        assertThat(DowningPolicy.decide(new Picture("c3", List.of("c1", "c2", "c3"), agents, c3Alone)))
                .as("the minority downs itself").containsOnlyKeys("c3");
        Set<Observation> tie = observations("c1>c2", "c2>c1");
        assertThat(DowningPolicy.decide(new Picture("c1", List.of("c1", "c2"), agents, tie))).containsOnlyKeys("c2");
        assertThat(DowningPolicy.decide(new Picture("c2", List.of("c1", "c2"), agents, tie))).containsOnlyKeys("c2");
    }

    @Test
    void onlyTheOldestReachedControlNodeDownsAgents() {
        Set<Observation> dead = observations("c1>a1", "c2>a1");
        assertThat(DowningPolicy.decide(new Picture("c1", List.of("c1", "c2"), Set.of("a1"), dead)))
                .containsOnlyKeys("a1");
        assertThat(DowningPolicy.decide(new Picture("c2", List.of("c1", "c2"), Set.of("a1"), dead))).isEmpty();
    }

    @Test
    void nothingUnreachableDownsNothing() {
        assertThat(DowningPolicy.decide(seenBy("c", Set.of()))).isEmpty();
        assertThat(DowningPolicy.decide(seenBy("a1", Set.of()))).isEmpty();
    }

    private static Picture seenBy(String self, Set<Observation> unreachable) {
        return new Picture(self, List.of("c"), AGENTS, unreachable);
    }

    /** "x>y": x finds y unreachable. */
    private static Set<Observation> observations(String... arrows) {
        Set<Observation> found = new HashSet<>();
        Arrays.stream(arrows).map(arrow -> arrow.split(">")).forEach(ends -> found.add(new Observation(ends[0], ends[1])));
        return found;
    }
}
