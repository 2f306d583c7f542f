package org.gantry.scheduler.policy.reclaim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.junit.jupiter.api.Test;

/**
 * Levels are revealed cheapest first and, within a level, node by node as a search walks: every
 * node a search reaches holds all of its offers up to that level's cost, a gang's too, and a job
 * two rules name is offered once.
 */
class OfferLevelsTest {
    private static final PoolId POOL = PoolId.of("p");
    private static final CapacityIndex SIX_NODES = capacity(6);

    // Position: n0 .. n5. Costs: the gang and three single-node jobs at 10, one at 20, one at 5
    // on a node the snapshot does not know.
    private final RunningJob onN3 = victim("a", Map.of(node(3), GpuSet.of(0)));
    private final RunningJob onN1 = victim("b", Map.of(node(1), GpuSet.of(0, 1)));
    private final RunningJob gang = victim("g", gangOn(node(4), node(2)));
    private final RunningJob alsoOnN4 = victim("d", Map.of(node(4), GpuSet.of(5)));
    private final RunningJob dearerOnN0 = victim("c", Map.of(node(0), GpuSet.of(0)));
    private final RunningJob nowhere = victim("x", Map.of(NodeId.of("gone"), GpuSet.of(0)));
    private final Map<String, Long> costs = Map.of("a", 10L, "b", 10L, "g", 10L, "d", 10L, "c", 20L, "x", 5L);

    @Test
    void levelsComeCheapestFirstAndANodeHoldsEveryOfferOfItsLevelWhenReached() {
        OfferLevels levels = levels(List.of(List.of(onN3, onN1, gang, alsoOnN4, dearerOnN0, nowhere)), job -> true);

        OfferLevels.Level unknownNodes = levels.level(0);
        assertThat(unknownNodes.cost()).isEqualTo(5);
        assertThat(walk(levels, unknownNodes)).as("a level of victims on no known node").isEmpty();

        OfferLevels.Level ten = levels.level(1);
        assertThat(ten.cost()).isEqualTo(10);
        assertThat(walk(levels, ten)).containsExactly(1, 2, 3, 4);
        assertThat(offered(levels, 4, 10)).as("the gang is revealed from its first node, n2")
                .containsExactlyInAnyOrder("g", "d");
        assertThat(levels.largestOn(4, 10)).isEqualTo(4);

        OfferLevels.Level twenty = levels.level(2);
        assertThat(twenty.cost()).isEqualTo(20);
        assertThat(walk(levels, twenty)).containsExactly(0);
        assertThat(levels.level(3)).isNull();
    }

    @Test
    void aSearchThatStopsEarlyStillLeavesTheNextLevelComplete() {
        OfferLevels levels = levels(List.of(List.of(onN3, onN1, gang, alsoOnN4, dearerOnN0)), job -> true);

        OfferLevels.Level ten = levels.level(0);
        assertThat(levels.nextNode(ten, -1)).isEqualTo(1); // a search that stops at the first node

        OfferLevels.Level twenty = levels.level(1);
        assertThat(offered(levels, 3, 10)).containsExactly("a");
        assertThat(offered(levels, 4, Long.MAX_VALUE)).containsExactlyInAnyOrder("g", "d");
        assertThat(walk(levels, twenty)).containsExactly(0);
        assertThat(levels.cheapestOn(0)).isEqualTo(20);
        assertThat(offered(levels, 0, 10)).as("dearer than the ceiling").isEmpty();
    }

    @Test
    void aJobTwoRulesNameIsOfferedOnce() {
        OfferLevels levels = levels(List.of(List.of(onN3, gang, onN1), List.of(gang, onN3)), job -> true);

        OfferLevels.Level ten = levels.level(0);
        assertThat(walk(levels, ten)).containsExactly(1, 2, 3, 4);
        assertThat(offered(levels, 3, 10)).containsExactly("a");
        assertThat(offered(levels, 2, 10)).containsExactly("g");
        assertThat(offered(levels, 4, 10)).containsExactly("g");
    }

    @Test
    void couldFreeAsksTheRulesOnlyWhereTakingEverythingWouldBeEnough() {
        Set<String> asked = new HashSet<>();
        Predicate<RunningJob> onlyTheGangIsSpared = job -> {
            asked.add(job.id().value());
            return job != gang;
        };
        OfferLevels levels = levels(List.of(List.of(onN1, gang, alsoOnN4)), onlyTheGangIsSpared);
        OfferLevels.Level ten = levels.level(0);
        walk(levels, ten);

        assertThat(levels.couldFree(1, 10, 3)).as("b holds two GPUs on n1").isFalse();
        assertThat(asked).as("not worth asking: two GPUs cannot free three").isEmpty();
        assertThat(levels.couldFree(1, 10, 2)).isTrue();
        assertThat(levels.couldFree(4, 10, 5)).as("the gang's four and d's one, but the gang is spared").isFalse();
        assertThat(levels.couldFree(4, 10, 1)).isTrue();
        assertThat(asked).containsExactlyInAnyOrder("b", "g", "d");
        assertThat(offered(levels, 4, 10)).containsExactly("d");
    }

    @Test
    void aSearchAsksWhetherItsJobMayTakeAnOfferOnceThoughItWeighsTheNodeAtEveryLevel() {
        OfferLevels levels = levels(List.of(List.of(onN3, onN1, gang, alsoOnN4, dearerOnN0)), job -> true);
        List<String> asked = new ArrayList<>();
        Predicate<RunningJob> allowedButTheGang = job -> asked.add(job.id().value()) && job != gang;
        walk(levels, levels.level(0));
        walk(levels, levels.level(1));

        levels.startSearch();
        assertThat(levels.allowedGpusOn(4, 10, allowedButTheGang)).isEqualTo(1);
        assertThat(levels.allowedGpusOn(4, 20, allowedButTheGang)).isEqualTo(1);
        assertThat(asked).containsExactlyInAnyOrder("g", "d");
        assertThat(ids(levels.allowedOffersOn(4, 10))).containsExactly("d");

        levels.startSearch(); // another job: its rules may allow other victims
        assertThat(levels.allowedGpusOn(4, 10, job -> true)).isEqualTo(5);
        assertThat(ids(levels.allowedOffersOn(4, 10))).containsExactlyInAnyOrder("g", "d");
        assertThat(levels.takeableAt(4, 10)).isEqualTo(2);
        assertThat(levels.takeableAt(4, 5)).isZero();
    }

    /** The offers on the node up to the ceiling that the rules could take, as a search whose job may take any sees them. */
    private static List<String> offered(OfferLevels levels, int node, long ceiling) {
        levels.startSearch();
        levels.allowedGpusOn(node, ceiling, job -> true);
        return ids(levels.allowedOffersOn(node, ceiling));
    }

    private OfferLevels levels(List<Iterable<RunningJob>> sources, Predicate<RunningJob> victimizable) {
        return new OfferLevels(sources, job -> true, job -> costs.get(job.id().value()), victimizable, SIX_NODES);
    }

    private static List<Integer> walk(OfferLevels levels, OfferLevels.Level level) {
        var nodes = new ArrayList<Integer>();
        for (int node = levels.nextNode(level, -1); node >= 0; node = levels.nextNode(level, node)) {
            nodes.add(node);
        }
        return nodes;
    }

    private static List<String> ids(List<Offer> offers) {
        return offers.stream().map(offer -> offer.job().id().value()).toList();
    }

    private static NodeId node(int position) {
        return NodeId.of("n" + position);
    }

    /** Four GPUs on each node, listed with the later node first. */
    private static Map<NodeId, GpuSet> gangOn(NodeId first, NodeId second) {
        var allocation = new LinkedHashMap<NodeId, GpuSet>();
        allocation.put(first, GpuSet.of(0, 1, 2, 3));
        allocation.put(second, GpuSet.of(4, 5, 6, 7));
        return allocation;
    }

    private static RunningJob victim(String id, Map<NodeId, GpuSet> allocation) {
        int gpus = allocation.values().stream().mapToInt(GpuSet::size).sum();
        return new RunningJob(JobId.of(id), new TenantPool(TenantId.of("t"), POOL), GpuRequest.fixed(gpus), allocation,
                0, true, 0, 0, 0, 3_600, false, 0);
    }

    private static CapacityIndex capacity(int nodes) {
        var views = new ArrayList<NodeView>();
        for (int i = 0; i < nodes; i++) {
            views.add(new NodeView(node(i), POOL, "a100", 81_920, Map.of(), true, GpuSet.firstN(8), GpuSet.EMPTY));
        }
        return new CapacityIndex(views);
    }
}
