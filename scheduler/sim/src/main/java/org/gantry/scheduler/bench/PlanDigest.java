package org.gantry.scheduler.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;

/**
 * A SHA-256 over every plan the benchmark applies to its measured cluster (fill, settling and the
 * incremental passes): placements, preemptions, resizes, each explanation and the words for the jobs not reached. Two
 * builds that print the same digest for the same inputs made the same decisions and told the same
 * reasons, pass by pass; a change that only makes passes cheaper must leave it as it was. Maps are
 * written sorted by key, so a map built in another order digests alike.
 */
public final class PlanDigest implements Consumer<Plan> {
    private final MessageDigest sha;
    private final StringBuilder text = new StringBuilder();
    private long plans;

    public PlanDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void accept(Plan plan) {
        text.setLength(0);
        text.append("plan ").append(plans++).append('\n');
        for (Placement placement : plan.placements()) {
            text.append("place ").append(placement.job()).append(' ').append(sorted(placement.allocation()))
                    .append(placement.borrowing() ? " borrowing" : "").append('\n');
        }
        for (Preemption preemption : plan.preemptions()) {
            text.append("preempt ").append(preemption).append('\n');
        }
        for (Resize resize : plan.resizes()) {
            text.append("resize ").append(resize.job()).append(' ').append(sorted(resize.from())).append(" -> ")
                    .append(sorted(resize.to())).append(' ').append(resize.reason()).append('\n');
        }
        sorted(plan.explanations()).forEach((job, why) -> text.append("explain ").append(job).append(' ')
                .append(why).append('\n'));
        text.append("not reached ").append(plan.notReached()).append('\n');
        sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** How many plans went in. */
    public long plans() {
        return plans;
    }

    /** The digest so far, in hex. */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <K, V> Map<String, V> sorted(Map<K, V> map) {
        var byName = new TreeMap<String, V>();
        map.forEach((key, value) -> byName.put(String.valueOf(key), value));
        return byName;
    }
}
