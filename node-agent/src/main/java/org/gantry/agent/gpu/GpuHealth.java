package org.gantry.agent.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.agent.gpu.GpuInventory.Reading;
import org.gantry.agent.gpu.SmiOutcome.Answered;
import org.gantry.agent.gpu.SmiOutcome.Failed;
import org.gantry.api.cluster.GpuDevice;

/**
 * Turns each {@code nvidia-smi} outcome into a {@link Reading}, against the GPUs the first
 * successful read found. Those are the node's GPUs for as long as the agent runs: one that
 * errors, or that a later read no longer lists, stays in the reading, unhealthy and saying why,
 * so the control plane withholds it rather than forgetting it, and a job already on it keeps
 * its place. One that a later read lists at another index is withheld too, since
 * {@code CUDA_VISIBLE_DEVICES} would then name another GPU. A GPU first listed later is not
 * offered: the operator restarts the agent to take it. When {@code nvidia-smi} itself fails (the
 * driver is down, it hangs), every GPU is withheld, for that reason.
 *
 * <p>Not thread-safe: one prober thread owns it.
 */
final class GpuHealth {
    /** The GPUs the first successful read listed, by their index then. */
    private List<GpuDevice> firstSeen;

    Reading update(SmiOutcome outcome) {
        if (outcome instanceof Failed failed) {
            return withheld(failed.why());
        }
        Answered answered = (Answered) outcome;
        List<GpuDevice> listed = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : answered.output().split("\\R")) {
            GpuDevice device = line.isBlank() ? null : SmiLine.parse(line);
            if (device != null) {
                listed.add(device);
            } else if (!line.isBlank()) {
                other.add(line.strip());
            }
        }
        if (listed.isEmpty()) {
            String why = answered.exitCode() != 0
                    ? "nvidia-smi exited with " + answered.exitCode() + ": " + firstOf(other, "no output")
                    : "nvidia-smi lists no GPUs" + (other.isEmpty() ? "" : ": " + other.get(0));
            return withheld(why);
        }
        if (firstSeen == null) {
            firstSeen = distinctIndices(listed);
        }
        String missing = "disappeared: nvidia-smi no longer lists it"
                + (other.isEmpty() ? "" : " (it says: " + other.get(0) + ")");
        List<GpuDevice> devices = new ArrayList<>();
        for (GpuDevice known : firstSeen) {
            GpuDevice now = find(known, listed);
            if (now == null) {
                devices.add(vanished(known, missing));
            } else if (now.index() != known.index()) {
                devices.add(vanished(known, "nvidia-smi now lists it as GPU " + now.index() + ", not "
                        + known.index() + ": restart the agent to offer it again"));
            } else {
                devices.add(now);
            }
        }
        return new Reading(devices, null);
    }

    /** Every GPU known, unhealthy for {@code why}; none when none was ever read. */
    private Reading withheld(String why) {
        List<GpuDevice> devices = firstSeen == null ? List.of()
                : firstSeen.stream().map(known -> vanished(known, why)).toList();
        return new Reading(devices, why);
    }

    /** The GPU as listed now: by uuid when it has one (indices may shift), else by index. */
    private static GpuDevice find(GpuDevice known, List<GpuDevice> listed) {
        for (GpuDevice device : listed) {
            boolean same = known.uuid() != null ? known.uuid().equals(device.uuid()) : known.index() == device.index();
            if (same) {
                return device;
            }
        }
        return null;
    }

    /** What is known of a GPU that was not read: its identity, none of its last figures. */
    private static GpuDevice vanished(GpuDevice known, String why) {
        return new GpuDevice(known.index(), known.model(), known.memoryMiB(), false, known.uuid(), null, null, null,
                why);
    }

    private static List<GpuDevice> distinctIndices(List<GpuDevice> listed) {
        Map<Integer, GpuDevice> byIndex = new HashMap<>();
        List<GpuDevice> distinct = new ArrayList<>();
        for (GpuDevice device : listed) {
            if (byIndex.putIfAbsent(device.index(), device) == null) {
                distinct.add(device);
            }
        }
        return List.copyOf(distinct);
    }

    private static String firstOf(List<String> lines, String otherwise) {
        return lines.isEmpty() ? otherwise : lines.get(0);
    }
}
