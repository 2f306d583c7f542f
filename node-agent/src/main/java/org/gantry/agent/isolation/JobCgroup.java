package org.gantry.agent.isolation;

import java.nio.file.Path;
import java.util.List;

/**
 * One job's cgroup. Its processes join it themselves, before the job's command runs, by
 * writing their pid into {@link #procsFiles()}; from then on everything they start is in it,
 * whatever process group or session it makes for itself.
 */
public interface JobCgroup {

    /** The files a process writes its pid into to join (one per v1 controller; one in v2). */
    List<Path> procsFiles();

    /** SIGKILLs every process in it, frozen first so that none can fork meanwhile; returns once it is empty. */
    void killAll();

    /** Whether the kernel killed something in it for going over its memory limit. */
    boolean oomKilled();

    /** Its memory limit in bytes, or 0 when it has none of its own. */
    long memoryLimit();

    /** Removes it; call after {@link #killAll()}. Quietly leaves what cannot be removed. */
    void remove();
}
