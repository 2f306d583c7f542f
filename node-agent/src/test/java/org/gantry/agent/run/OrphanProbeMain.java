package org.gantry.agent.run;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.isolation.UidRange;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.ProcessWorkload;

/**
 * A stand-in agent JVM for {@link WatchdogTest}: launches {@code sleep 300} through the process
 * runner, prints the watchdog's pid and waits to be killed. With a second argument, a file, it
 * launches a confined job instead, whose daemon double-forks away and writes its pid there.
 */
public final class OrphanProbeMain {

    private OrphanProbeMain() {}

    public static void main(String[] args) throws Exception {
        NodeId node = NodeId.of("probe");
        Launch launch = new Launch(JobId.of("orphan"), 1, node, List.of(0), Map.of(node, List.of(0)),
                new WorkDirs(Path.of(args[0])), Duration.ofSeconds(1));
        ProcessExecution execution;
        if (args.length > 1) {
            Isolation isolation = Isolation.detect(true, Path.of(args[0], "job-users.properties"),
                    new UidRange(62950, 62959));
            execution = (ProcessExecution) new ProcessRunner(Map.of(), isolation).launch(launch, ProcessWorkload.of(
                    "sh", "-c", "(setsid sh -c 'echo $$ > " + args[1] + "; exec sleep 300' &); exec sleep 300"));
        } else {
            execution = (ProcessExecution) new ProcessRunner().launch(launch, ProcessWorkload.of("sleep", "300"));
        }
        System.out.println("watchdog " + execution.pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
        // Dropping the execution would close the watchdog's pipe early; keep it to the end.
        Reference.reachabilityFence(execution);
    }
}
